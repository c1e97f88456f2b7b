package io.transmute.core.download;

import io.transmute.core.TransmuteException;

/** A download that failed: unreachable host, error status, timeout, or content that does not match its record. */
public class DownloadException extends TransmuteException {
    /** @param message one actionable line */
    public DownloadException(String message) {
        super(message);
    }

    /**
     * @param message one actionable line
     * @param cause the underlying failure
     */
    public DownloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
