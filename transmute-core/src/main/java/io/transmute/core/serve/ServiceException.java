package io.transmute.core.serve;

import io.transmute.core.TransmuteException;

/** A request the {@link TranslationService} refuses or cannot finish, with the reason a caller maps to a status. */
public final class ServiceException extends TransmuteException {
    /** Why a request failed; each has one HTTP status. */
    public enum Reason {
        /** Bad parameters (unknown direction or attribute, bad format): 400. */
        BAD_REQUEST(400),
        /** A missing or wrong API key: 401. */
        UNAUTHORIZED(401),
        /** No model by that name: 404. */
        NOT_FOUND(404),
        /** The body or the image is larger than allowed: 413. */
        TOO_LARGE(413),
        /** Not an image format the service reads: 415. */
        UNSUPPORTED_MEDIA(415),
        /** The queue is full, or the service is starting or draining; the client may retry: 503. */
        UNAVAILABLE(503),
        /** The request waited and ran longer than the time allowed: 504. */
        TIMEOUT(504);

        private final int status;

        Reason(int status) {
            this.status = status;
        }

        /** @return the HTTP status code */
        public int status() {
            return status;
        }
    }

    private final Reason reason;

    /**
     * @param reason why the request failed
     * @param message one actionable line, safe to show to the client
     */
    public ServiceException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** @return why the request failed */
    public Reason reason() {
        return reason;
    }
}
