package io.transmute.core;

/**
 * Root of every error Transmute reports to a user. The message is one line that says what failed, where
 * (file, key or option) and what to do about it.
 */
public class TransmuteException extends RuntimeException {
    /** @param message one actionable line */
    public TransmuteException(String message) {
        super(message);
    }

    /**
     * @param message one actionable line
     * @param cause the underlying failure, shown only with {@code --verbose}
     */
    public TransmuteException(String message, Throwable cause) {
        super(message, cause);
    }
}
