package io.transmute.core.optim;

import io.transmute.core.InvalidOptionException;
import java.util.Objects;

/**
 * What decides the learning rate per epoch, as the reference's train options.
 *
 * @param policy {@code --lr_policy}
 * @param lr {@code --lr}, the initial rate
 * @param epochCount {@code --epoch_count}: the number of the first epoch (greater than 1 when continuing)
 * @param nEpochs {@code --n_epochs}: epochs at the initial rate (linear), or the cosine period
 * @param nEpochsDecay {@code --n_epochs_decay}: epochs of linear decay
 * @param lrDecayIters {@code --lr_decay_iters}: epochs between step decays
 */
public record ScheduleOptions(LrPolicy policy, double lr, int epochCount, int nEpochs, int nEpochsDecay,
        int lrDecayIters) {
    /** Reference defaults: linear, 2e-4, first epoch 1, 100 + 100 epochs, step every 50. */
    public static final ScheduleOptions DEFAULTS = new ScheduleOptions(LrPolicy.LINEAR, 2e-4, 1, 100, 100, 50);

    /** Checks the values. */
    public ScheduleOptions {
        Objects.requireNonNull(policy, "policy");
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            throw new InvalidOptionException("--lr must be a non-negative number, got " + lr);
        }
        if (epochCount < 1) {
            throw new InvalidOptionException("--epoch_count must be at least 1, got " + epochCount);
        }
        if (nEpochs < 0) {
            throw new InvalidOptionException("--n_epochs must be >= 0, got " + nEpochs);
        }
        if (policy == LrPolicy.COSINE && nEpochs < 1) {
            throw new InvalidOptionException("--lr_policy cosine needs --n_epochs >= 1, got " + nEpochs);
        }
        if (nEpochsDecay < 0) {
            throw new InvalidOptionException("--n_epochs_decay must be >= 0, got " + nEpochsDecay);
        }
        if (lrDecayIters < 1) {
            throw new InvalidOptionException("--lr_decay_iters must be at least 1, got " + lrDecayIters);
        }
    }
}
