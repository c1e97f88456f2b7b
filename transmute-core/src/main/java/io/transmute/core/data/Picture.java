package io.transmute.core.data;

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
     * This picture as one gray channel, as PIL's {@code convert('L')}: ITU-R 601 luma, in PIL's rounding
     * fixed point for 8-bit pictures and at full precision for 16-bit ones.
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
            out[i] = luma(r, g, b, bitDepth) / max;
        }
        return new Picture(1, width, height, out, bitDepth);
    }

    /**
     * @param r red sample, 0 to 2^bits - 1
     * @param g green sample
     * @param b blue sample
     * @param bits 8 or 16
     * @return the luma on the same scale; rounded to an integer for 8 bits as PIL does, fractional for 16
     */
    static float luma(int r, int g, int b, int bits) {
        if (bits == 8) {
            return (r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16;
        }
        return (float) ((r * 299.0 + g * 587.0 + b * 114.0) / 1000.0);
    }
}
