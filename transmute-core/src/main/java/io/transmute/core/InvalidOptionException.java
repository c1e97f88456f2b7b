package io.transmute.core;

/** An option value that is out of range or contradicts another option or the weights. */
public class InvalidOptionException extends TransmuteException {
    /** @param message one actionable line */
    public InvalidOptionException(String message) {
        super(message);
    }

    /**
     * @param message one actionable line
     * @param cause the underlying failure
     */
    public InvalidOptionException(String message, Throwable cause) {
        super(message, cause);
    }
}
