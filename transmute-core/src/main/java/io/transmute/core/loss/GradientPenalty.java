package io.transmute.core.loss;

import io.transmute.core.InvalidOptionException;
import io.transmute.core.io.Dtype;
import io.transmute.core.io.TensorData;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.bytedeco.pytorch.BoolOptional;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.ScalarOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * The WGAN-GP gradient penalty of the reference {@code networks.cal_gradient_penalty}:
 * {@code lambda * mean((||grad D(x)||_2 - constant)^2)} over samples {@code x}, with the gradient taken through
 * {@code torch.autograd.grad(..., create_graph=True)} so that the penalty itself can be back-propagated.
 *
 * <p>Unlike the reference, which draws the interpolation weights from torch's global generator, the caller
 * passes them in: the model draws them from its checkpointed {@code Rng}, so a resumed run repeats them.
 *
 * <p>junyanz adds {@code 1e-16} to every gradient element before the norm, which keeps the norm's gradient finite
 * where a whole gradient is zero; yunjey/stargan's {@code gradient_penalty} adds nothing. The epsilon is a
 * parameter so that each model computes its reference's value.
 *
 * @param type where the samples come from
 * @param constant the target norm ({@code 1.0} in the reference)
 * @param lambdaGp the weight ({@code 10.0} in the reference); 0 turns the penalty off
 * @param epsilon added to each gradient element before its norm ({@code 1e-16} in junyanz, 0 in yunjey)
 */
public record GradientPenalty(Type type, double constant, double lambdaGp, double epsilon) {
    /** junyanz's epsilon. */
    public static final double JUNYANZ_EPSILON = 1e-16;
    /** The reference defaults: mixed samples, target norm 1.0, weight 10. */
    public static final GradientPenalty DEFAULT = new GradientPenalty(Type.MIXED, 1.0, 10.0);
    /**
     * yunjey/stargan's penalty, unweighted (its solver reports it and weights it by {@code --lambda_gp} itself):
     * mixed samples, target norm 1, no epsilon.
     */
    public static final GradientPenalty UNWEIGHTED_NO_EPSILON = new GradientPenalty(Type.MIXED, 1.0, 1.0, 0.0);

    /**
     * junyanz's penalty, with its epsilon.
     *
     * @param type where the samples come from
     * @param constant the target norm
     * @param lambdaGp the weight; 0 turns the penalty off
     */
    public GradientPenalty(Type type, double constant, double lambdaGp) {
        this(type, constant, lambdaGp, JUNYANZ_EPSILON);
    }

    /** Checks the values. */
    public GradientPenalty {
        Objects.requireNonNull(type, "type");
        if (!(lambdaGp >= 0) || Double.isInfinite(lambdaGp)) {
            throw new InvalidOptionException("the gradient penalty weight lambda_gp must be >= 0, got " + lambdaGp);
        }
        if (!Double.isFinite(constant)) {
            throw new InvalidOptionException("the gradient penalty target norm must be finite, got " + constant);
        }
        if (!(epsilon >= 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("the gradient penalty epsilon must be >= 0, got " + epsilon);
        }
    }

    /** Where the penalised samples come from (the reference's {@code type} argument). */
    public enum Type {
        /** The real images. */
        REAL,
        /** The generated images. */
        FAKE,
        /** Per-sample random interpolations {@code alpha * real + (1 - alpha) * fake}. */
        MIXED
    }

    /**
     * Computes the penalty.
     *
     * @param critic the discriminator's forward function
     * @param real a real batch {@code [B, ...]}
     * @param fake a generated batch of the same shape (detached for a discriminator update)
     * @param alpha one interpolation weight in {@code [0, 1)} per sample; used by {@link Type#MIXED} only
     * @return a scalar tensor that stays in the autograd graph (zero when {@code lambdaGp} is 0)
     */
    public Tensor compute(UnaryOperator<Tensor> critic, Tensor real, Tensor fake, double[] alpha) {
        long batch = real.size(0);
        if (lambdaGp == 0) {
            return torch.zeros_like(real).sum();
        }
        Tensor x = switch (type) {
            case REAL -> real;
            case FAKE -> fake;
            case MIXED -> {
                if (alpha == null || alpha.length != batch) {
                    throw new IllegalArgumentException("mixed gradient penalty needs " + batch
                            + " interpolation weights, got " + (alpha == null ? "none" : alpha.length));
                }
                long[] shape = new long[(int) real.dim()];
                Arrays.fill(shape, 1);
                shape[0] = batch;
                Tensor a = weights(alpha, shape).to(real);
                yield a.mul(real).add(a.neg().add(new Scalar(1.0)).mul(fake));
            }
        };
        if (!x.requires_grad()) {
            x = x.detach().set_requires_grad(true);
        }
        Tensor out = critic.apply(x);
        TensorVector grads = torch.grad(new TensorVector(out), new TensorVector(x),
                new TensorVector(torch.ones_like(out)), new BoolOptional(true), true, false);
        Tensor g = grads.get(0).view(batch, -1);
        if (epsilon != 0) {
            g = g.add(new Scalar(epsilon));
        }
        Tensor norms = g.norm(new ScalarOptional(new Scalar(2.0)), new long[] {1}, false);
        return norms.sub(new Scalar(constant)).pow(new Scalar(2.0)).mean()
                .mul(new Scalar(lambdaGp));
    }

    private static Tensor weights(double[] alpha, long[] shape) {
        ByteBuffer b = ByteBuffer.allocate(alpha.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asDoubleBuffer().put(alpha);
        return new TensorData(Dtype.FLOAT64, shape, b.array()).toTensor();
    }
}
