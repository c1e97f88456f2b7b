package io.transmute.core.data;

import java.nio.file.Path;

/**
 * One data point, as the reference's {@code {'A', 'B', 'A_paths', 'B_paths'}} dictionary.
 *
 * @param a the A image, C x H x W in [-1, 1]
 * @param b the B image, or null in single mode
 * @param aPath the file A came from
 * @param bPath the file B came from (the same file in aligned and colorization modes), or null in single mode
 * @param label the sample's domain labels (StarGAN), or null for datasets without labels
 */
public record Sample(ImagePlane a, ImagePlane b, Path aPath, Path bPath, float[] label) {
    /** Checks that A is present and B comes with its path. */
    public Sample {
        if (a == null || aPath == null) {
            throw new IllegalArgumentException("a sample needs A and its path");
        }
        if ((b == null) != (bPath == null)) {
            throw new IllegalArgumentException("B and B's path come together");
        }
    }

    /**
     * A sample without labels.
     *
     * @param a the A image
     * @param b the B image, or null
     * @param aPath A's file
     * @param bPath B's file, or null
     */
    public Sample(ImagePlane a, ImagePlane b, Path aPath, Path bPath) {
        this(a, b, aPath, bPath, null);
    }

    /** @return whether this sample has a B image (every mode but single) */
    public boolean hasB() {
        return b != null;
    }
}
