package io.transmute.core.model;

import io.transmute.core.data.ImagePlane;
import java.util.Objects;

/**
 * One image to show, such as {@code real_A} or {@code fake_B}: the first sample of a batch, copied to the heap.
 *
 * @param label the reference label; it names the saved file ({@code epoch003_fake_B.png})
 * @param image 1 or 3 channels with values in [-1, 1]
 */
public record Visual(String label, ImagePlane image) {
    /** Requires a label usable in a file name and a gray or RGB image. */
    public Visual {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(image, "image");
        if (label.isBlank() || !label.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("visual label '" + label + "' must be letters, digits, _ . or -");
        }
        if (image.channels() != 1 && image.channels() != 3) {
            throw new IllegalArgumentException("visual " + label + " has " + image.channels()
                    + " channels; convert it to gray or RGB first");
        }
    }
}
