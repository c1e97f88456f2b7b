package io.transmute.core.data;

import io.transmute.core.io.ImageSamples;

/**
 * A decoded image on the heap: planar (C x H x W) samples in [0, 1], and the bit depth they came from, which
 * decides how resizing rounds (8-bit images are resampled in PIL's fixed point, deeper ones in floating point).
 *
 * @param channels 1 (gray), 3 (RGB) or 4 (RGBA)
 * @param width columns
 * @param height rows
 * @param pixels {@code channels * height * width} samples, plane after plane, row-major
 * @param bitDepth 8 or 16
 */
public record Picture(int channels, int width, int height, float[] pixels, int bitDepth) {
    /** Checks the sizes agree. */
    public Picture {
        if (channels < 1 || width < 1 || height < 1) {
            throw new IllegalArgumentException("picture " + channels + "x" + height + "x" + width + " is empty");
        }
        if (pixels.length != channels * height * width) {
            throw new IllegalArgumentException("picture " + channels + "x" + height + "x" + width + " needs "
                    + channels * height * width + " samples, got " + pixels.length);
        }
        if (bitDepth != 8 && bitDepth != 16) {
            throw new IllegalArgumentException("bit depth " + bitDepth + " is neither 8 nor 16");
        }
    }

    /**
     * Builds a picture from decoded samples, each divided by the largest sample value, converted as PIL's
     * {@code convert('RGB')} or {@code convert('L')}; alpha is dropped.
     *
     * @param samples decoded image, e.g. from {@link io.transmute.core.io.ImageCodec#readSamples}
     * @param channels 1 or 3
     * @return the picture, with the samples' bit depth
     */
    public static Picture of(ImageSamples samples, int channels) {
        return new Picture(channels, samples.width(), samples.height(), samples.unitPlanes(channels),
                samples.bitDepth());
    }

    /**
     * @param c channel
     * @param x column
     * @param y row
     * @return the sample in [0, 1]
     */
    public float get(int c, int x, int y) {
        return pixels[(c * height + y) * width + x];
    }

    /**
     * A window of this picture, as PIL's {@code Image.crop}: parts outside the picture are 0.
     *
     * @param x0 left column, may be negative or past the edge
     * @param y0 top row
     * @param w window width
     * @param h window height
     * @return the window
     */
    public Picture crop(int x0, int y0, int w, int h) {
        if (x0 == 0 && y0 == 0 && w == width && h == height) {
            return this;
        }
        float[] out = new float[channels * w * h];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < h; y++) {
                int sy = y0 + y;
                if (sy < 0 || sy >= height) {
                    continue;
                }
                for (int x = 0; x < w; x++) {
                    int sx = x0 + x;
                    if (sx >= 0 && sx < width) {
                        out[(c * h + y) * w + x] = pixels[(c * height + sy) * width + sx];
                    }
                }
            }
        }
        return new Picture(channels, w, h, out, bitDepth);
    }

    /** @return this picture mirrored left to right */
    public Picture flipHorizontal() {
        float[] out = new float[pixels.length];
        for (int row = 0; row < channels * height; row++) {
            int base = row * width;
            for (int x = 0; x < width; x++) {
                out[base + x] = pixels[base + width - 1 - x];
            }
        }
        return new Picture(channels, width, height, out, bitDepth);
    }

    /**
     * This picture as one gray channel, as PIL's {@code convert('L')}, with the same formula as reading an image
     * as gray ({@link ImageSamples#luma}): PIL's rounding fixed point for 8-bit pictures, full precision for
     * 16-bit ones.
     *
     * @return a 1-channel picture ({@code this} when already gray)
     */
    public Picture toGray() {
        if (channels == 1) {
            return this;
        }
        int n = width * height;
        float[] out = new float[n];
        float max = (1 << bitDepth) - 1;
        for (int i = 0; i < n; i++) {
            int r = Math.round(pixels[i] * max);
            int g = Math.round(pixels[n + i] * max);
            int b = Math.round(pixels[2 * n + i] * max);
            out[i] = ImageSamples.luma(r, g, b, bitDepth) / max;
        }
        return new Picture(1, width, height, out, bitDepth);
    }
}
