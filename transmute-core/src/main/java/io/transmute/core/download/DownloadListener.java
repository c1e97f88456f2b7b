package io.transmute.core.download;

/** Hears how a download goes, e.g. to draw a progress bar; the core itself prints nothing. */
public interface DownloadListener {
    /** A listener that ignores everything. */
    DownloadListener NONE = new DownloadListener() {
    };

    /**
     * A transfer starts or resumes.
     *
     * @param what the model's qualified name
     * @param done bytes already on disk from an earlier, interrupted transfer
     * @param total the full size, or -1 when the server does not say
     */
    default void started(String what, long done, long total) {
    }

    /** @param bytes bytes received since the last call */
    default void advanced(long bytes) {
    }

    /** @param reason why the transfer stopped; it is resumed now */
    default void retrying(String reason) {
    }

    /** The transfer ended, successfully or not. */
    default void finished() {
    }
}
