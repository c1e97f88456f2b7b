package io.transmute.core.train;

import java.nio.file.Path;

/**
 * What a listener needs to know when a run starts or resumes.
 *
 * @param name {@code --name}
 * @param runDir {@code <checkpoints_dir>/<name>}, where loss_log.txt and web/ go
 * @param startEpoch the first epoch this process trains (above 1 when resuming)
 * @param lastEpoch the last epoch it will train ({@code n_epochs + n_epochs_decay})
 * @param datasetSize samples per epoch
 * @param batchSize samples per step
 */
public record RunInfo(String name, Path runDir, int startEpoch, int lastEpoch, int datasetSize, int batchSize) {
    /** Checks the counts. */
    public RunInfo {
        if (startEpoch < 1 || lastEpoch < startEpoch - 1 || datasetSize < 1 || batchSize < 1) {
            throw new IllegalArgumentException("invalid run: epochs " + startEpoch + ".." + lastEpoch + ", "
                    + datasetSize + " samples, batch " + batchSize);
        }
    }

    /** @return whether this run continues an earlier one */
    public boolean resumed() {
        return startEpoch > 1;
    }
}
