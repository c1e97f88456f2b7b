package io.transmute.core.optim;

/**
 * A schedule that, like PyTorch's chainable schedulers, derives each epoch's rate from the previous one. It holds
 * the rate and the epoch counter, which are its whole position unless a subclass keeps more (and then extends
 * {@link #state()} and {@link #restore(ScheduleState)}).
 */
abstract sealed class ChainedSchedule implements LrSchedule
        permits CosineSchedule, StepDecaySchedule, PlateauSchedule, IterationDecaySchedule {
    private double lr;
    private int lastEpoch;

    /** @param initialLr the rate before the first step ({@code --lr}) */
    ChainedSchedule(double initialLr) {
        this.lr = initialLr;
    }

    /**
     * @param lr the rate of the previous epoch
     * @param epoch the epoch being entered, counted from 1
     * @param metric the value the plateau policy watches
     * @return the rate of that epoch
     */
    abstract double next(double lr, int epoch, double metric);

    @Override
    public final double lr() {
        return lr;
    }

    @Override
    public final double step(double metric) {
        lastEpoch++;
        lr = next(lr, lastEpoch, metric);
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
