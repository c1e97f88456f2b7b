package io.transmute.core;

/** A weights or training-state file that is missing, truncated, corrupt or does not match the network. */
public class CheckpointException extends TransmuteException {
    /** @param message one actionable line */
    public CheckpointException(String message) {
        super(message);
    }

    /**
     * @param message one actionable line
     * @param cause the underlying failure
     */
    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
