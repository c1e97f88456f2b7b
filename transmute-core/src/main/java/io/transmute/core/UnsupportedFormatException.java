package io.transmute.core;

/** A file whose format Transmute does not read or write. */
public class UnsupportedFormatException extends TransmuteException {
    /** @param message one actionable line */
    public UnsupportedFormatException(String message) {
        super(message);
    }

    /**
     * @param message one actionable line
     * @param cause the underlying failure
     */
    public UnsupportedFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
