package io.transmute.core.model;

import io.transmute.core.option.OptionKey;
import java.util.List;

/**
 * CycleGAN's own options ({@code models/cycle_gan_model.py}'s {@code modify_commandline_options}).
 *
 * @param lambdaA {@code --lambda_A}: weight of the cycle loss A to B to A
 * @param lambdaB {@code --lambda_B}: weight of the cycle loss B to A to B
 * @param lambdaIdentity {@code --lambda_identity}: weight of the identity loss, relative to lambda_A/B
 */
public record CycleGanOptions(double lambdaA, double lambdaB, double lambdaIdentity) {
    /** {@code --lambda_A}; DiscoGAN takes it too, as the weight of its reconstruction loss. */
    public static final OptionKey<Double> LAMBDA_A = OptionKey.real("--lambda_A", 10.0,
            "Weight of the cycle (reconstruction) loss A -> B -> A.");
    /** {@code --lambda_B}; DiscoGAN takes it too. */
    public static final OptionKey<Double> LAMBDA_B = OptionKey.real("--lambda_B", 10.0,
            "Weight of the cycle (reconstruction) loss B -> A -> B.");
    /** {@code --lambda_identity}. */
    public static final OptionKey<Double> LAMBDA_IDENTITY = OptionKey.real("--lambda_identity", 0.5,
            "Weight of the identity loss, relative to lambda_A/B.");

    /** The options this record reads. */
    public static final List<OptionKey<?>> KEYS = List.of(LAMBDA_A, LAMBDA_B, LAMBDA_IDENTITY);

    /** Validates the values. */
    public CycleGanOptions {
        ModelOptions.nonNegative(LAMBDA_A, lambdaA);
        ModelOptions.nonNegative(LAMBDA_B, lambdaB);
        ModelOptions.nonNegative(LAMBDA_IDENTITY, lambdaIdentity);
    }

    /**
     * @param options resolved options
     * @return CycleGAN's options among them
     */
    public static CycleGanOptions from(ModelOptions options) {
        return new CycleGanOptions(options.value(LAMBDA_A), options.value(LAMBDA_B), options.value(LAMBDA_IDENTITY));
    }
}
