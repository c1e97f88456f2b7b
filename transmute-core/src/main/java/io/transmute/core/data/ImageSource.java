package io.transmute.core.data;

import java.nio.file.Path;

/**
 * Decodes an image file for the datasets. Kept to one method so the datasets do not depend on a particular
 * codec; {@link #imageIo()} is the built-in one.
 */
@FunctionalInterface
public interface ImageSource {
    /**
     * Reads an image converted to the requested channels: 3 as PIL's {@code convert('RGB')} (gray replicated,
     * alpha dropped), 1 as {@code convert('L')} (ITU-R 601 luma).
     *
     * @param path the file
     * @param channels 1 or 3
     * @return the decoded picture
     * @throws io.transmute.core.DataException if the file is missing, truncated or not an image
     */
    Picture read(Path path, int channels);

    /**
     * The built-in source over {@code javax.imageio} (with the TwelveMonkeys TIFF, BMP and JPEG readers):
     * 8- and 16-bit gray, gray+alpha, RGB and RGBA, palette images; 16-bit samples keep full precision.
     *
     * @return a thread-safe source
     */
    static ImageSource imageIo() {
        return ImageIoSource.INSTANCE;
    }
}
