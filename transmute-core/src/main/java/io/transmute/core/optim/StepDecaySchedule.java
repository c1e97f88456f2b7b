package io.transmute.core.optim;

/**
 * The reference's {@code step} policy ({@code StepLR(step_size=lr_decay_iters, gamma=0.1)}). The rate is
 * multiplied by {@code gamma} at every multiple of the step size, chained as PyTorch does, so the values carry
 * the same rounding as there.
 */
public final class StepDecaySchedule implements LrSchedule {
    private final int stepSize;
    private final double gamma;
    private double lr;
    private int lastEpoch;

    /**
     * @param initialLr {@code --lr}
     * @param stepSize {@code --lr_decay_iters}
     * @param gamma the factor (0.1 in the reference)
     */
    public StepDecaySchedule(double initialLr, int stepSize, double gamma) {
        this.lr = initialLr;
        this.stepSize = stepSize;
        this.gamma = gamma;
    }

    @Override
    public double lr() {
        return lr;
    }

    @Override
    public double step(double metric) {
        lastEpoch++;
        if (lastEpoch % stepSize == 0) {
            lr = lr * gamma;
        }
        return lr;
    }

    @Override
    public ScheduleState state() {
        return new ScheduleState(lastEpoch, lr, Double.POSITIVE_INFINITY, 0, 0);
    }

    @Override
    public void restore(ScheduleState state) {
        lastEpoch = state.lastEpoch();
        lr = state.lr();
    }
}
