package io.transmute.core.data;

import java.util.Arrays;

/**
 * One image on the heap as a network sees it: planar C x H x W floats, normally in [-1, 1].
 *
 * @param channels planes (1 gray, 2 ab, 3 RGB)
 * @param height rows
 * @param width columns
 * @param values {@code channels * height * width} values, plane after plane, row-major
 */
public record ImagePlane(int channels, int height, int width, float[] values) {
    /** Checks the sizes agree. */
    public ImagePlane {
        if (channels < 1 || height < 1 || width < 1 || values.length != channels * height * width) {
            throw new IllegalArgumentException("image " + channels + "x" + height + "x" + width + " does not hold "
                    + values.length + " values");
        }
    }

    /**
     * @param c channel
     * @param x column
     * @param y row
     * @return the value there
     */
    public float get(int c, int x, int y) {
        return values[(c * height + y) * width + x];
    }

    /** @return {channels, height, width} */
    public int[] shape() {
        return new int[] {channels, height, width};
    }

    /** Equal when shapes and every value (bitwise, as {@link Arrays#equals(float[], float[])}) agree. */
    @Override
    public boolean equals(Object o) {
        return o instanceof ImagePlane p && p.channels == channels && p.height == height && p.width == width
                && Arrays.equals(p.values, values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape()) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "ImagePlane[" + channels + "x" + height + "x" + width + "]";
    }
}
