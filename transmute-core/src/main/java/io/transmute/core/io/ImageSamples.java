package io.transmute.core.io;

/**
 * A decoded image as its file stores it: integer samples per plane, raw (no gamma or colour-profile
 * conversion, as PIL reads them), before any mapping to floats. {@link ImageCodec#readSamples} makes it; the
 * codec turns it into {@link ImageData} for the networks and the datasets turn it into their pictures, so both
 * see the same samples and the same channel conversion.
 *
 * <p>The arrays are not copied: the record hands pixels from the decoder to one consumer.
 *
 * @param width columns
 * @param height rows
 * @param color one array per colour plane (1 for gray, 3 for RGB), each {@code height * width} samples, row-major
 * @param max the largest colour sample value: 255 for 8-bit images, 65535 for 16-bit ones
 * @param alpha {@code height * width} opacity samples, or null when the image has none
 * @param alphaMax the largest opacity sample value: 255 or 65535
 */
public record ImageSamples(int width, int height, int[][] color, int max, int[] alpha, int alphaMax) {
    /** Checks the plane count, the sizes and the sample ranges. */
    public ImageSamples {
        if (color.length != 1 && color.length != 3) {
            throw new IllegalArgumentException("images have 1 or 3 colour planes, got " + color.length);
        }
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        checkMax(max);
        checkMax(alphaMax);
        long plane = (long) width * height;
        for (int[] band : color) {
            if (band.length != plane) {
                throw new IllegalArgumentException(width + "x" + height + " plane needs " + plane + " samples, got "
                        + band.length);
            }
        }
        if (alpha != null && alpha.length != plane) {
            throw new IllegalArgumentException(width + "x" + height + " alpha plane needs " + plane
                    + " samples, got " + alpha.length);
        }
    }

    private static void checkMax(int max) {
        if (max != 255 && max != 65535) {
            throw new IllegalArgumentException("largest sample must be 255 or 65535, got " + max);
        }
    }

    /** @return the number of colour planes: 1 (gray) or 3 (RGB) */
    public int channels() {
        return color.length;
    }

    /** @return 8 or 16, the bits per colour sample */
    public int bitDepth() {
        return max == 255 ? 8 : 16;
    }

    /** @return whether the image has an alpha plane */
    public boolean hasAlpha() {
        return alpha != null;
    }

    /**
     * The colour samples divided by {@link #max()} in float32, converted as PIL's {@code convert}: to 3
     * channels by replicating gray ({@code 'RGB'}), to 1 by {@link #luma} ({@code 'L'}); alpha is left out.
     *
     * @param channels 1 or 3
     * @return {@code channels * height * width} values in [0, 1], plane after plane
     */
    public float[] unitPlanes(int channels) {
        checkChannels(channels);
        int n = width * height;
        float fmax = max;
        float[] out = new float[channels * n];
        if (channels == 1 && color.length == 3) {
            int bits = bitDepth();
            for (int i = 0; i < n; i++) {
                out[i] = luma(color[0][i], color[1][i], color[2][i], bits) / fmax;
            }
            return out;
        }
        for (int c = 0; c < channels; c++) {
            int[] band = color[color.length == 1 ? 0 : c];
            for (int i = 0; i < n; i++) {
                out[c * n + i] = band[i] / fmax;
            }
        }
        return out;
    }

    /** @return the opacities divided by {@link #alphaMax()}, in [0, 1], or null when there is no alpha */
    public float[] unitAlpha() {
        if (alpha == null) {
            return null;
        }
        float amax = alphaMax;
        float[] out = new float[alpha.length];
        for (int i = 0; i < alpha.length; i++) {
            out[i] = alpha[i] / amax;
        }
        return out;
    }

    /**
     * The one RGB to gray formula of Transmute, ITU-R 601-2 luma as PIL's {@code convert('L')}. For 8-bit
     * samples it is PIL's rounding fixed point, {@code (R*19595 + G*38470 + B*7471 + 0x8000) >> 16}, so gray
     * images match PIL's exactly; PIL has no 16-bit RGB, so deeper samples keep the full precision of
     * {@code (R*299 + G*587 + B*114) / 1000} rather than losing it to an integer.
     *
     * @param r red sample, 0 to {@code 2^bits - 1}
     * @param g green sample
     * @param b blue sample
     * @param bits 8 or 16
     * @return the luma on the same scale: an integer for 8 bits, fractional for 16
     */
    public static float luma(int r, int g, int b, int bits) {
        if (bits == 8) {
            return (r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16;
        }
        return (float) ((r * 299.0 + g * 587.0 + b * 114.0) / 1000.0);
    }

    /**
     * @param channels a requested channel count
     * @throws IllegalArgumentException unless it is 1 (gray) or 3 (RGB)
     */
    static void checkChannels(int channels) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("images are read with 1 or 3 channels, got " + channels);
        }
    }
}
