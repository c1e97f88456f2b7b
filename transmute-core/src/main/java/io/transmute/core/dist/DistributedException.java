package io.transmute.core.dist;

import io.transmute.core.TransmuteException;

/**
 * A data-parallel run cannot go on: the rendezvous could not be reached, a peer died or stopped answering, or
 * a collective timed out. The message names the rank that reports it and what to check.
 */
public class DistributedException extends TransmuteException {
    /** @param message one actionable line */
    public DistributedException(String message) {
        super(message);
    }

    /**
     * @param message one actionable line
     * @param cause the native failure, shown only with {@code --verbose}
     */
    public DistributedException(String message, Throwable cause) {
        super(message, cause);
    }
}
