package io.transmute.core.optim;

/**
 * The reference's {@code linear} policy ({@code LambdaLR} with its {@code lambda_rule}):
 * {@code lr = lr0 * (1 - max(0, e + epoch_count - n_epochs) / (n_epochs_decay + 1))} after {@code e} steps.
 */
public final class LinearDecaySchedule implements LrSchedule {
    private final double initialLr;
    private final int epochCount;
    private final int nEpochs;
    private final int nEpochsDecay;
    private int lastEpoch;

    /**
     * @param initialLr {@code --lr}
     * @param epochCount {@code --epoch_count}
     * @param nEpochs {@code --n_epochs}
     * @param nEpochsDecay {@code --n_epochs_decay}
     */
    public LinearDecaySchedule(double initialLr, int epochCount, int nEpochs, int nEpochsDecay) {
        this.initialLr = initialLr;
        this.epochCount = epochCount;
        this.nEpochs = nEpochs;
        this.nEpochsDecay = nEpochsDecay;
    }

    private double factor(int epoch) {
        return 1.0 - Math.max(0, epoch + epochCount - nEpochs) / (double) (nEpochsDecay + 1);
    }

    @Override
    public double lr() {
        return initialLr * factor(lastEpoch);
    }

    @Override
    public double step(double metric) {
        lastEpoch++;
        return lr();
    }

    @Override
    public ScheduleState state() {
        return new ScheduleState(lastEpoch, lr(), Double.POSITIVE_INFINITY, 0, 0);
    }

    @Override
    public void restore(ScheduleState state) {
        lastEpoch = state.lastEpoch();
    }
}
