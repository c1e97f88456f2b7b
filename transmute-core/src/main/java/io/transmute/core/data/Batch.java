package io.transmute.core.data;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A stack of samples ready to become tensors: N x C x H x W floats for A and B, and the source files, as the
 * reference's collated {@code {'A', 'B', 'A_paths', 'B_paths'}}.
 *
 * @param epoch the epoch it belongs to (1-based, as the reference counts)
 * @param index its position in the epoch, 0-based; resuming at (epoch, index) reproduces it
 * @param a A values, N x C x H x W
 * @param aShape {N, C, H, W} of A
 * @param b B values, or null in single mode
 * @param bShape {N, C, H, W} of B, or null in single mode
 * @param aPaths A_paths, one per sample
 * @param bPaths B_paths, one per sample (empty in single mode)
 * @param labels domain labels, N x {@link #labelSize()} row-major (StarGAN), or null without labels
 */
public record Batch(int epoch, int index, float[] a, int[] aShape, float[] b, int[] bShape, List<Path> aPaths,
        List<Path> bPaths, float[] labels) {
    /** Checks shapes against the data and copies the path lists. */
    public Batch {
        check(a, aShape);
        if (b != null) {
            check(b, bShape);
            if (bShape[0] != aShape[0] || bPaths.size() != aShape[0]) {
                throw new IllegalArgumentException("B holds " + bShape[0] + " samples and " + bPaths.size()
                        + " paths, A holds " + aShape[0]);
            }
        } else if (bShape != null || !bPaths.isEmpty()) {
            throw new IllegalArgumentException("a batch without B has no B shape or paths");
        }
        if (aPaths.size() != aShape[0]) {
            throw new IllegalArgumentException("A holds " + aShape[0] + " samples but " + aPaths.size() + " paths");
        }
        if (labels != null && (labels.length == 0 || labels.length % aShape[0] != 0)) {
            throw new IllegalArgumentException(labels.length + " label values do not split into " + aShape[0]
                    + " equal rows");
        }
        aShape = aShape.clone();
        bShape = bShape == null ? null : bShape.clone();
        aPaths = List.copyOf(aPaths);
        bPaths = List.copyOf(bPaths);
    }

    /**
     * A batch without labels.
     *
     * @param epoch the epoch
     * @param index the position in the epoch
     * @param a A values
     * @param aShape A's shape
     * @param b B values, or null
     * @param bShape B's shape, or null
     * @param aPaths A_paths
     * @param bPaths B_paths
     */
    public Batch(int epoch, int index, float[] a, int[] aShape, float[] b, int[] bShape, List<Path> aPaths,
            List<Path> bPaths) {
        this(epoch, index, a, aShape, b, bShape, aPaths, bPaths, null);
    }

    /** @return labels per sample, or 0 without labels */
    public int labelSize() {
        return labels == null ? 0 : labels.length / aShape[0];
    }

    private static void check(float[] data, int[] shape) {
        if (shape == null || shape.length != 4) {
            throw new IllegalArgumentException("a batch shape is {N, C, H, W}, got " + Arrays.toString(shape));
        }
        long n = (long) shape[0] * shape[1] * shape[2] * shape[3];
        if (data == null || data.length != n) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n + " values, got "
                    + (data == null ? "none" : data.length));
        }
    }

    /** @return the number of samples, N */
    public int size() {
        return aShape[0];
    }

    /** @return whether the batch has B images */
    public boolean hasB() {
        return b != null;
    }

    /** @return a copy of {N, C, H, W} for A */
    @Override
    public int[] aShape() {
        return aShape.clone();
    }

    /** @return a copy of {N, C, H, W} for B, or null in single mode */
    @Override
    public int[] bShape() {
        return bShape == null ? null : bShape.clone();
    }

    /** Equal when position, shapes, values (bitwise) and paths all agree. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Batch x && x.epoch == epoch && x.index == index && Arrays.equals(x.a, a)
                && Arrays.equals(x.aShape, aShape) && Arrays.equals(x.b, b) && Arrays.equals(x.bShape, bShape)
                && x.aPaths.equals(aPaths) && x.bPaths.equals(bPaths) && Arrays.equals(x.labels, labels);
    }

    @Override
    public int hashCode() {
        return ((31 * epoch + index) * 31 + Arrays.hashCode(a)) * 31 + Arrays.hashCode(b) + aPaths.hashCode();
    }

    @Override
    public String toString() {
        return "Batch[epoch " + epoch + ", index " + index + ", A " + Arrays.toString(aShape)
                + (b == null ? "" : ", B " + Arrays.toString(bShape)) + ", " + aPaths + "]";
    }
}
