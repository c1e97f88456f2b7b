package io.transmute.core.optim;

import io.transmute.core.CheckpointException;
import io.transmute.core.InvalidOptionException;
import io.transmute.core.io.TensorData;
import io.transmute.core.torch.Owned;
import io.transmute.core.torch.Scope;
import io.transmute.core.torch.Tensors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * Adam as {@code torch.optim.Adam} computes it in PyTorch 1.13 (single-tensor path, no weight decay, no
 * amsgrad), written with tensor operations so that its state is ours: it is exported to and restored from the
 * heap exactly, and a resumed run continues bit for bit.
 *
 * <p>Per parameter with a gradient, in this order: {@code step += 1};
 * {@code exp_avg = exp_avg * b1 + grad * (1 - b1)}; {@code exp_avg_sq = exp_avg_sq * b2 + grad * grad * (1 - b2)};
 * {@code param -= lr / (1 - b1^step) * exp_avg / (sqrt(exp_avg_sq) / sqrt(1 - b2^step) + eps)}. A parameter
 * without a gradient is skipped and its step count does not advance.
 *
 * <p>Create it outside any step scope, once the parameters are on their device (the moments are allocated
 * beside them at once); its parameter handles and moments live until {@link #close()}.
 */
public final class Adam implements AutoCloseable {
    private final List<Tensor> params;
    private final List<Moments> moments;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private double lr;
    private GradientSync gradientSync;

    /**
     * @param parameters the parameters to optimise, in a fixed order (that order is the order of {@link #state()})
     * @param lr learning rate
     * @param beta1 decay of the first moment ({@code --beta1}; 0.5 in the reference GANs)
     * @param beta2 decay of the second moment (0.999 in the reference)
     * @param eps added to the denominator (1e-8)
     */
    public Adam(List<Tensor> parameters, double lr, double beta1, double beta2, double eps) {
        checkLr(lr);
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new InvalidOptionException("Adam betas must lie in [0, 1), got (" + beta1 + ", " + beta2
                    + "); check --beta1");
        }
        if (!(eps >= 0)) {
            throw new InvalidOptionException("Adam eps must be >= 0, got " + eps);
        }
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        List<Tensor> ps = new ArrayList<>();
        for (Tensor p : parameters) {
            // our own handle on the same native tensor, so the caller's handle may live in a shorter scope
            ps.add(Owned.detach(new Tensor(p)));
        }
        this.params = Collections.unmodifiableList(ps);
        // allocated now, before any activation, rather than at the first step as the reference does: the moments
        // live as long as the run, and placed among a step's freed activations they split the heap for good
        List<Moments> ms = new ArrayList<>();
        try (Scope s = Scope.open()) {
            for (Tensor p : ps) {
                ms.add(new Moments(0, Owned.detach(torch.zeros_like(p)), Owned.detach(torch.zeros_like(p))));
            }
        }
        this.moments = ms;
    }

    /**
     * The reference setup: {@code Adam(chain(net1.parameters(), net2.parameters()), lr, betas=(beta1, 0.999))}.
     *
     * @param lr learning rate
     * @param beta1 first-moment decay
     * @param modules the networks whose parameters are optimised together, in order
     * @return the optimizer
     */
    public static Adam of(double lr, double beta1, Module... modules) {
        return of(lr, beta1, 0.999, modules);
    }

    /**
     * {@code Adam(chain(net1.parameters(), ...), lr, betas=(beta1, beta2))}, as yunjey/stargan sets it up.
     *
     * @param lr learning rate
     * @param beta1 first-moment decay
     * @param beta2 second-moment decay
     * @param modules the networks whose parameters are optimised together, in order
     * @return the optimizer
     */
    public static Adam of(double lr, double beta1, double beta2, Module... modules) {
        List<Tensor> all = new ArrayList<>();
        try (Scope s = Scope.open()) {
            for (Module m : modules) {
                TensorVector v = m.parameters();
                for (long i = 0; i < v.size(); i++) {
                    all.add(v.get(i));
                }
            }
            return new Adam(all, lr, beta1, beta2, 1e-8);
        }
    }

    private static void checkLr(double lr) {
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            throw new InvalidOptionException("--lr must be a non-negative number, got " + lr);
        }
    }

    /** @return the current learning rate */
    public double lr() {
        return lr;
    }

    /**
     * Sets the learning rate used by the following steps (what a scheduler does to {@code param_groups}).
     *
     * @param lr the new rate
     */
    public void setLr(double lr) {
        checkLr(lr);
        this.lr = lr;
    }

    /**
     * Has every following {@link #step()} first average the gradients across the processes of a data-parallel
     * run; a single-process run never calls this.
     *
     * @param sync the synchronisation to run before each update, or null for none
     */
    public void synchronizeGradients(GradientSync sync) {
        this.gradientSync = sync;
    }

    /** @return the number of parameter tensors */
    public int size() {
        return params.size();
    }

    /**
     * Drops the gradients, as {@code optimizer.zero_grad()} in PyTorch 2.x does by default ({@code set_to_none=True}):
     * their memory is free until the next backward pass allocates them afresh, which lowers the peak of a step by up
     * to the model's size (the backward pass starts with every activation alive). A parameter that then gets no
     * gradient is skipped by {@link #step()}, where PyTorch 1.13's zeroed gradient would still move it by its
     * momentum; every parameter of the reference models gets a gradient in each of its backward passes, so their
     * updates are the same either way.
     */
    public void zeroGrad() {
        try (Scope s = Scope.open()) {
            for (Tensor p : params) {
                p.mutable_grad().reset();
            }
        }
    }

    /**
     * Applies one update to every parameter that has a gradient, and drops each gradient once used, as a
     * {@link #zeroGrad()} right after the update would. Nothing reads a gradient after the update, and kept until
     * the next step's {@code zero_grad()} (where the reference calls it) they would take the model's size again
     * through the next forward passes: 91 MB for CycleGAN's generators, 179 MB for StarGAN's discriminator.
     */
    public void step() {
        if (gradientSync != null) {
            gradientSync.synchronize(params);
        }
        try (Scope s = Scope.open(); NoGradGuard ng = new NoGradGuard()) {
            for (int i = 0; i < params.size(); i++) {
                Tensor p = params.get(i);
                Tensor grad = p.grad();
                if (!grad.defined()) {
                    continue;
                }
                Moments m = moments.get(i);
                m.step++;
                m.expAvg.mul_(new Scalar(beta1)).add_(grad, new Scalar(1 - beta1));
                m.expAvgSq.mul_(new Scalar(beta2)).addcmul_(grad, grad, new Scalar(1 - beta2));
                double bias1 = 1 - Math.pow(beta1, m.step);
                double bias2 = 1 - Math.pow(beta2, m.step);
                double stepSize = lr / bias1;
                // one temporary, freed before the next parameter's: held to the end of the loop, the temporaries
                // of all parameters would add up to the model's size again (434 MB for pix2pix's U-Net)
                try (Tensor denom = m.expAvgSq.sqrt()) {
                    denom.div_(new Scalar(Math.sqrt(bias2))).add_(new Scalar(eps));
                    p.addcdiv_(m.expAvg, denom, new Scalar(-stepSize));
                }
                p.mutable_grad().reset();
            }
        }
    }

    /**
     * Copies the optimizer's state to the heap.
     *
     * @return the learning rate and, per parameter in order, its moments (null where it has never been updated)
     */
    public AdamState state() {
        List<AdamState.Entry> entries = new ArrayList<>();
        for (Moments m : moments) {
            entries.add(m.step == 0 ? null
                    : new AdamState.Entry(m.step, TensorData.of(m.expAvg), TensorData.of(m.expAvgSq)));
        }
        return new AdamState(lr, entries);
    }

    /**
     * Restores a state saved by {@link #state()} for the same parameters.
     *
     * @param state the saved state
     * @throws CheckpointException when the parameter count or a shape differs
     */
    public void load(AdamState state) {
        if (state.entries().size() != params.size()) {
            throw new CheckpointException("optimizer state has " + state.entries().size() + " parameters but the"
                    + " networks have " + params.size() + "; resume with the options the run was started with");
        }
        for (int i = 0; i < params.size(); i++) {
            AdamState.Entry e = state.entries().get(i);
            if (e == null) {
                continue;
            }
            long[] want = Tensors.shape(params.get(i));
            if (!Arrays.equals(want, e.expAvg().shape()) || !Arrays.equals(want, e.expAvgSq().shape())) {
                throw new CheckpointException("optimizer state for parameter " + i + " is "
                        + Arrays.toString(e.expAvg().shape()) + " but the parameter is " + Arrays.toString(want)
                        + "; resume with the options the run was started with");
            }
        }
        setLr(state.lr());
        try (Scope s = Scope.open(); NoGradGuard ng = new NoGradGuard()) {
            for (int i = 0; i < params.size(); i++) {
                Moments m = moments.get(i);
                AdamState.Entry e = state.entries().get(i);
                if (e == null) {
                    m.step = 0;
                    m.expAvg.zero_();
                    m.expAvgSq.zero_();
                } else {
                    m.step = e.step();
                    m.expAvg.copy_(e.expAvg().toTensor());
                    m.expAvgSq.copy_(e.expAvgSq().toTensor());
                }
            }
        }
    }

    @Override
    public void close() {
        moments.forEach(Moments::close);
        for (Tensor p : params) {
            p.close();
        }
    }

    private static final class Moments implements AutoCloseable {
        private long step;
        private final Tensor expAvg;
        private final Tensor expAvgSq;

        Moments(long step, Tensor expAvg, Tensor expAvgSq) {
            this.step = step;
            this.expAvg = expAvg;
            this.expAvgSq = expAvgSq;
        }

        @Override
        public void close() {
            expAvg.close();
            expAvgSq.close();
        }
    }
}
