package io.transmute.core.train;

import java.nio.file.Path;
import java.util.List;

/**
 * A checkpoint just written.
 *
 * @param epoch the epoch it ends or belongs to
 * @param totalIters samples seen so far
 * @param tag the file prefix: {@code latest}, an epoch number, or {@code iter_<n>}
 * @param files the files written, for the progress display
 */
public record CheckpointInfo(int epoch, long totalIters, String tag, List<Path> files) {
    /** Copies the file list. */
    public CheckpointInfo {
        files = List.copyOf(files);
    }
}
