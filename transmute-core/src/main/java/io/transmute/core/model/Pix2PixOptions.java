package io.transmute.core.model;

import io.transmute.core.option.OptionKey;
import java.util.List;

/**
 * pix2pix's own options ({@code models/pix2pix_model.py}'s {@code modify_commandline_options}), also taken by
 * {@code colorization}.
 *
 * @param lambdaL1 {@code --lambda_L1}: weight of the L1 term between G(A) and B
 */
public record Pix2PixOptions(double lambdaL1) {
    /** {@code --lambda_L1}. */
    public static final OptionKey<Double> LAMBDA_L1 = OptionKey.real("--lambda_L1", 100.0,
            "Weight of the L1 loss.");

    /** The options this record reads, which the models taking it list in their spec. */
    public static final List<OptionKey<?>> KEYS = List.of(LAMBDA_L1);

    /** Validates the value. */
    public Pix2PixOptions {
        ModelOptions.nonNegative(LAMBDA_L1, lambdaL1);
    }

    /**
     * @param options resolved options
     * @return pix2pix's options among them
     */
    public static Pix2PixOptions from(ModelOptions options) {
        return new Pix2PixOptions(options.value(LAMBDA_L1));
    }
}
