package io.transmute.core.data;

import io.transmute.core.DataException;
import java.nio.file.Path;

/** One image file that cannot be decoded; the data loader skips it and counts it. */
public class UnreadableImageException extends DataException {
    private final transient Path path;

    /**
     * @param path the file
     * @param cause the decoder's report
     */
    public UnreadableImageException(Path path, Throwable cause) {
        super(cause.getMessage() != null && cause.getMessage().startsWith(path.toString())
                ? cause.getMessage() : path + ": " + cause.getMessage(), cause);
        this.path = path;
    }

    /** @return the file that could not be read */
    public Path path() {
        return path;
    }
}
