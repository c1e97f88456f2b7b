package io.transmute.core.loss;

import java.util.Objects;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * The reference {@code networks.GANLoss}: compares a discriminator's raw output with "real" or "fake".
 *
 * <p>{@code vanilla} is {@code BCEWithLogitsLoss} and {@code lsgan} is {@code MSELoss}, both averaged over every
 * element of the prediction against a target of 1.0 (real) or 0.0 (fake) expanded to its shape. {@code wgangp}
 * is {@code -mean} for real and {@code +mean} for fake. Stateless: one instance serves any number of steps.
 */
public final class GanLoss {
    private final GanMode mode;

    /** @param mode the objective */
    public GanLoss(GanMode mode) {
        this.mode = Objects.requireNonNull(mode, "mode");
    }

    /** @return the objective */
    public GanMode mode() {
        return mode;
    }

    /**
     * @param prediction the discriminator's output (logits for {@code vanilla}), any shape
     * @param targetIsReal whether the ground-truth label is real
     * @return a scalar loss, differentiable with respect to {@code prediction}
     */
    public Tensor apply(Tensor prediction, boolean targetIsReal) {
        return switch (mode) {
            case VANILLA -> torch.binary_cross_entropy_with_logits(prediction, target(prediction, targetIsReal));
            case LSGAN -> torch.mse_loss(prediction, target(prediction, targetIsReal));
            case WGANGP -> targetIsReal ? prediction.mean().neg() : prediction.mean();
        };
    }

    private static Tensor target(Tensor prediction, boolean real) {
        // a constant, like the reference's registered label buffers: no gradient flows into it
        return real ? torch.ones_like(prediction) : torch.zeros_like(prediction);
    }
}
