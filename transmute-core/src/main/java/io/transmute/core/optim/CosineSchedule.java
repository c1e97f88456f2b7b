package io.transmute.core.optim;

/**
 * The reference's {@code cosine} policy ({@code CosineAnnealingLR(T_max=n_epochs, eta_min=0)}), in PyTorch's
 * recursive form: each step rescales the current rate by the ratio of consecutive cosine factors, so the
 * values follow {@code lr0 * (1 + cos(pi * e / T)) / 2} and, past {@code T}, rise again as PyTorch's do.
 */
public final class CosineSchedule extends ChainedSchedule {
    private final double initialLr;
    private final int period;

    /**
     * @param initialLr {@code --lr}
     * @param period {@code T_max} ({@code --n_epochs}), at least 1
     */
    public CosineSchedule(double initialLr, int period) {
        super(initialLr);
        this.initialLr = initialLr;
        this.period = period;
    }

    @Override
    double next(double lr, int epoch, double metric) {
        if ((epoch - 1 - period) % (2 * period) == 0) {
            return lr + initialLr * (1 - Math.cos(Math.PI / period)) / 2;
        }
        return (1 + Math.cos(Math.PI * epoch / period)) / (1 + Math.cos(Math.PI * (epoch - 1) / period)) * lr;
    }
}
