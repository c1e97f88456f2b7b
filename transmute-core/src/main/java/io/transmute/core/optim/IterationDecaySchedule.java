package io.transmute.core.optim;

import io.transmute.core.InvalidOptionException;

/**
 * yunjey/stargan's decay, stepped once per iteration: at every {@code lr_update_step}-th iteration within the
 * last {@code num_iters_decay} of {@code num_iters}, {@code initial / num_iters_decay} is subtracted from the
 * rate. The subtraction is repeated as in the reference, so the rates match its float64 values bit for bit;
 * floating-point subtraction can leave about -1e-21 after the last decrement, which is clamped to 0.
 */
public final class IterationDecaySchedule extends ChainedSchedule {
    private final double initialLr;
    private final long numIters;
    private final long numItersDecay;
    private final long lrUpdateStep;

    /**
     * @param initialLr {@code --g_lr} or {@code --d_lr}
     * @param numIters {@code --num_iters}
     * @param numItersDecay {@code --num_iters_decay}; 0 for a constant rate
     * @param lrUpdateStep {@code --lr_update_step}
     * @throws InvalidOptionException when the update step is below 1 or the decay is negative
     */
    public IterationDecaySchedule(double initialLr, long numIters, long numItersDecay, long lrUpdateStep) {
        super(checked(initialLr, numItersDecay, lrUpdateStep));
        this.initialLr = initialLr;
        this.numIters = numIters;
        this.numItersDecay = numItersDecay;
        this.lrUpdateStep = lrUpdateStep;
    }

    private static double checked(double initialLr, long numItersDecay, long lrUpdateStep) {
        if (lrUpdateStep < 1 || numItersDecay < 0) {
            throw new InvalidOptionException("--lr_update_step must be at least 1 and --num_iters_decay >= 0, got "
                    + lrUpdateStep + " and " + numItersDecay);
        }
        return initialLr;
    }

    /**
     * One iteration's end, as the reference's {@code (i+1) % lr_update_step == 0 and (i+1) > num_iters -
     * num_iters_decay} block.
     */
    @Override
    double next(double lr, int iteration, double metric) {
        if (iteration % lrUpdateStep == 0 && iteration > numIters - numItersDecay) {
            return Math.max(0, lr - initialLr / numItersDecay);
        }
        return lr;
    }

    /**
     * Continues after {@code state.lastEpoch()} iterations, replaying the subtractions so that the rate equals an
     * uninterrupted run's whatever rate the state holds.
     *
     * @param state a position; only its iteration count is used
     */
    @Override
    public void restore(ScheduleState state) {
        super.restore(new ScheduleState(0, initialLr, Double.POSITIVE_INFINITY, 0, 0));
        for (int i = 0; i < state.lastEpoch(); i++) {
            step(0);
        }
    }
}
