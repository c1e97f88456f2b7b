package io.transmute.core.model;

import io.transmute.core.option.OptionKey;
import java.util.List;

/**
 * DiscoGAN's own options: the weights of its two reconstruction losses, spelled as CycleGAN's cycle weights
 * ({@code --lambda_A}, {@code --lambda_B}) with the paper's default 1 (set by DiscoGAN's spec).
 *
 * @param lambdaA weight of {@code MSE(G_B(G_A(A)), A)}
 * @param lambdaB weight of {@code MSE(G_A(G_B(B)), B)}
 */
public record DiscoGanOptions(double lambdaA, double lambdaB) {
    /** The options this record reads. */
    public static final List<OptionKey<?>> KEYS = List.of(CycleGanOptions.LAMBDA_A, CycleGanOptions.LAMBDA_B);

    /** Validates the values. */
    public DiscoGanOptions {
        ModelOptions.nonNegative(CycleGanOptions.LAMBDA_A, lambdaA);
        ModelOptions.nonNegative(CycleGanOptions.LAMBDA_B, lambdaB);
    }

    /**
     * @param options resolved options
     * @return DiscoGAN's options among them
     */
    public static DiscoGanOptions from(ModelOptions options) {
        return new DiscoGanOptions(options.value(CycleGanOptions.LAMBDA_A), options.value(CycleGanOptions.LAMBDA_B));
    }
}
