package io.transmute.core.optim;

import io.transmute.core.io.TensorData;
import java.util.Collections;
import java.util.List;

/**
 * Everything {@link Adam} needs to continue exactly: the learning rate and, per parameter in the optimizer's
 * order, the update count and both moments. Heap data only, so it can be written to a checkpoint.
 *
 * @param lr the learning rate
 * @param entries one per parameter; {@code null} for a parameter that has never been updated
 */
public record AdamState(double lr, List<Entry> entries) {
    /** Copies the list (nulls allowed). */
    public AdamState {
        entries = Collections.unmodifiableList(new java.util.ArrayList<>(entries));
    }

    /**
     * One parameter's state, as PyTorch's {@code optimizer.state[p]}.
     *
     * @param step updates applied so far
     * @param expAvg {@code exp_avg}, the first moment
     * @param expAvgSq {@code exp_avg_sq}, the second moment
     */
    public record Entry(long step, TensorData expAvg, TensorData expAvgSq) {
    }
}
