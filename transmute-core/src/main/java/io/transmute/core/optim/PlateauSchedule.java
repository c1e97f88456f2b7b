package io.transmute.core.optim;

/**
 * The reference's {@code plateau} policy ({@code ReduceLROnPlateau(mode='min', factor=0.2, threshold=0.01,
 * patience=5)}, relative threshold, no cooldown, minimum rate 0): after more than {@code patience} epochs
 * without the metric dropping below {@code best * (1 - threshold)}, the rate is multiplied by {@code factor}.
 * A reduction smaller than 1e-8 is skipped, as in PyTorch.
 */
public final class PlateauSchedule extends ChainedSchedule {
    private static final double MIN_CHANGE = 1e-8;

    private final double factor;
    private final double threshold;
    private final int patience;
    private double best = Double.POSITIVE_INFINITY;
    private int badEpochs;

    /**
     * @param initialLr {@code --lr}
     * @param factor the reduction factor (0.2)
     * @param threshold the relative improvement that counts (0.01)
     * @param patience epochs without improvement that are tolerated (5)
     */
    public PlateauSchedule(double initialLr, double factor, double threshold, int patience) {
        super(initialLr);
        this.factor = factor;
        this.threshold = threshold;
        this.patience = patience;
    }

    @Override
    double next(double lr, int epoch, double metric) {
        if (metric < best * (1 - threshold)) {
            best = metric;
            badEpochs = 0;
        } else {
            badEpochs++;
        }
        if (badEpochs <= patience) {
            return lr;
        }
        badEpochs = 0;
        double reduced = Math.max(lr * factor, 0.0);
        return lr - reduced > MIN_CHANGE ? reduced : lr;
    }

    @Override
    public ScheduleState state() {
        ScheduleState s = super.state();
        return new ScheduleState(s.lastEpoch(), s.lr(), best, badEpochs, 0);
    }

    @Override
    public void restore(ScheduleState state) {
        super.restore(state);
        best = state.best();
        badEpochs = state.badEpochs();
    }
}
