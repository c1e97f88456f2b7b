package io.transmute.core.optim;

/**
 * The reference's {@code step} policy ({@code StepLR(step_size=lr_decay_iters, gamma=0.1)}). The rate is
 * multiplied by {@code gamma} at every multiple of the step size, chained as PyTorch does, so the values carry
 * the same rounding as there.
 */
public final class StepDecaySchedule extends ChainedSchedule {
    private final int stepSize;
    private final double gamma;

    /**
     * @param initialLr {@code --lr}
     * @param stepSize {@code --lr_decay_iters}
     * @param gamma the factor (0.1 in the reference)
     */
    public StepDecaySchedule(double initialLr, int stepSize, double gamma) {
        super(initialLr);
        this.stepSize = stepSize;
        this.gamma = gamma;
    }

    @Override
    double next(double lr, int epoch, double metric) {
        return epoch % stepSize == 0 ? lr * gamma : lr;
    }
}
