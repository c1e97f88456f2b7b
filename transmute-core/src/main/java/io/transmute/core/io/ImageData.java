package io.transmute.core.io;

/**
 * An image as the networks see it: float planes in channel, row, column order with values in [-1, 1], plus
 * what is needed to write it back faithfully (the alpha plane, which the networks never see, and the source's
 * bit depth).
 *
 * <p>The arrays are not copied: the record is a view for handing pixels between reader, tensor and writer
 * without duplicating megabytes per image.
 *
 * @param channels 1 (gray) or 3 (RGB)
 * @param height rows
 * @param width columns
 * @param planes {@code channels * height * width} values in [-1, 1], plane after plane
 * @param alpha {@code height * width} opacities in [0, 1], or null when the image has none
 * @param bitDepth 8 or 16: bits per sample of the source, and what PNG and TIFF are written with
 */
public record ImageData(int channels, int height, int width, float[] planes, float[] alpha, int bitDepth) {
    /** Checks the sizes and the channel count. */
    public ImageData {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("images have 1 or 3 channels, got " + channels);
        }
        if (bitDepth != 8 && bitDepth != 16) {
            throw new IllegalArgumentException("bit depth must be 8 or 16, got " + bitDepth);
        }
        if (height <= 0 || width <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        long plane = (long) height * width;
        if (planes.length != channels * plane) {
            throw new IllegalArgumentException(channels + "x" + height + "x" + width + " image needs "
                    + channels * plane + " values, got " + planes.length);
        }
        if (alpha != null && alpha.length != plane) {
            throw new IllegalArgumentException(height + "x" + width + " alpha plane needs " + plane
                    + " values, got " + alpha.length);
        }
    }

    /**
     * @param c channel
     * @param y row
     * @param x column
     * @return the value in [-1, 1]
     */
    public float get(int c, int y, int x) {
        return planes[(c * height + y) * width + x];
    }

    /** @return whether an alpha plane is kept */
    public boolean hasAlpha() {
        return alpha != null;
    }

    /**
     * @param newPlanes values for the same channel count and size, e.g. a network's output
     * @return an image with these pixels and this image's alpha and bit depth
     */
    public ImageData withPlanes(float[] newPlanes) {
        return new ImageData(channels, height, width, newPlanes, alpha, bitDepth);
    }

    /**
     * @param newChannels channel count of {@code newPlanes}
     * @param newPlanes values for the same size
     * @return an image with these pixels and this image's alpha and bit depth
     */
    public ImageData withPlanes(int newChannels, float[] newPlanes) {
        return new ImageData(newChannels, height, width, newPlanes, alpha, bitDepth);
    }
}
