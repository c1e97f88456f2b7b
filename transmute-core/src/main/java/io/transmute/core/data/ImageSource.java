package io.transmute.core.data;

import io.transmute.core.DataException;
import io.transmute.core.io.ImageCodec;
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
     * The built-in source over {@link ImageCodec#readSamples} ({@code javax.imageio} with the TwelveMonkeys
     * TIFF, BMP, JPEG and PNM readers): 8- and 16-bit gray, gray+alpha, RGB and RGBA, palette images; 16-bit
     * samples keep full precision. It throws {@link UnreadableImageException} for a file it cannot read.
     *
     * @return a thread-safe source
     */
    static ImageSource imageIo() {
        return (path, channels) -> {
            try {
                return Picture.of(ImageCodec.readSamples(path), channels);
            } catch (DataException e) {
                // the loader skips and counts unreadable files rather than ending the run
                throw new UnreadableImageException(path, e);
            }
        };
    }
}
