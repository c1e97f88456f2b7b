package io.transmute.core;

/** An input file (image, array, dataset folder) that cannot be read or has the wrong layout. */
public class DataException extends TransmuteException {
    /** @param message one actionable line */
    public DataException(String message) {
        super(message);
    }

    /**
     * @param message one actionable line
     * @param cause the underlying failure
     */
    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
