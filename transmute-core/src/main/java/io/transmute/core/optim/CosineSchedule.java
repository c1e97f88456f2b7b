package io.transmute.core.optim;

/**
 * The reference's {@code cosine} policy ({@code CosineAnnealingLR(T_max=n_epochs, eta_min=0)}), in PyTorch's
 * recursive form: each step rescales the current rate by the ratio of consecutive cosine factors, so the
 * values follow {@code lr0 * (1 + cos(pi * e / T)) / 2} and, past {@code T}, rise again as PyTorch's do.
 */
public final class CosineSchedule implements LrSchedule {
    private final double initialLr;
    private final int period;
    private double lr;
    private int lastEpoch;

    /**
     * @param initialLr {@code --lr}
     * @param period {@code T_max} ({@code --n_epochs}), at least 1
     */
    public CosineSchedule(double initialLr, int period) {
        this.initialLr = initialLr;
        this.lr = initialLr;
        this.period = period;
    }

    @Override
    public double lr() {
        return lr;
    }

    @Override
    public double step(double metric) {
        lastEpoch++;
        if ((lastEpoch - 1 - period) % (2 * period) == 0) {
            lr = lr + initialLr * (1 - Math.cos(Math.PI / period)) / 2;
        } else {
            lr = (1 + Math.cos(Math.PI * lastEpoch / period)) / (1 + Math.cos(Math.PI * (lastEpoch - 1) / period))
                    * lr;
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
