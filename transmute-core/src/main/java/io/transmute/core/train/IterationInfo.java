package io.transmute.core.train;

import io.transmute.core.model.Metric;
import java.util.List;

/**
 * The losses of one step, reported at {@code --print_freq}, with the reference's counters and timings.
 *
 * @param epoch current epoch
 * @param epochIter samples seen in this epoch (the reference's {@code epoch_iter})
 * @param totalIters samples seen since the run began ({@code total_iters})
 * @param computeSeconds optimisation time per sample ({@code t_comp})
 * @param dataSeconds time waiting for data per sample ({@code t_data})
 * @param epochProgress fraction of the epoch done, {@code epoch_iter / dataset_size}
 * @param losses the step's losses in the model's order
 */
public record IterationInfo(int epoch, int epochIter, long totalIters, double computeSeconds, double dataSeconds,
        double epochProgress, List<Metric> losses) {
    /** Copies the losses. */
    public IterationInfo {
        losses = List.copyOf(losses);
    }
}
