package io.transmute.core.eval;

import io.transmute.core.torch.Tensors;
import org.bytedeco.pytorch.Tensor;

/**
 * Feature vectors kept in memory, one row per image, for the metrics that need them all (KID).
 *
 * @param count rows
 * @param dims columns
 * @param values {@code count × dims} float32 values, row-major
 */
public record FeatureMatrix(int count, int dims, float[] values) {
    /** Checks the size. */
    public FeatureMatrix {
        if ((long) count * dims != values.length) {
            throw new IllegalArgumentException(count + "x" + dims + " features need " + (long) count * dims
                    + " values, got " + values.length);
        }
    }

    /** @return a new {@code [count, dims]} float32 CPU tensor */
    public Tensor toTensor() {
        return Tensors.fromFloats(values, count, dims);
    }
}
