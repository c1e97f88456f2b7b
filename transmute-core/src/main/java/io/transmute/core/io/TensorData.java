package io.transmute.core.io;

import io.transmute.core.torch.Tensors;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.pytorch.MemoryFormatOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;

/**
 * A tensor held on the Java heap: element type, shape and C-contiguous little-endian bytes. File formats
 * read and write these; {@link #toTensor()} and {@link #of(Tensor)} cross to native memory.
 *
 * @param dtype element type
 * @param shape dimensions (empty for a scalar)
 * @param data {@code numel * dtype.size()} bytes, little-endian, C order
 */
public record TensorData(Dtype dtype, long[] shape, byte[] data) {
    /** Checks that the byte count matches dtype and shape. */
    public TensorData {
        shape = shape.clone();
        long expected = numel(shape) * dtype.size();
        if (expected != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " of " + dtype + " needs "
                    + expected + " bytes, got " + data.length);
        }
    }

    /**
     * @param shape dimensions
     * @return the element count
     */
    public static long numel(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    /** @return the element count */
    public long numel() {
        return numel(shape);
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /**
     * @param values float32 values in C order
     * @param shape dimensions
     * @return float32 data
     */
    public static TensorData ofFloats(float[] values, long... shape) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return new TensorData(Dtype.FLOAT32, shape, b.array());
    }

    /**
     * Values converted to float32 (float16, bfloat16, float64 and integer types are widened or narrowed as
     * {@code tensor.float()} would).
     *
     * @return the values in C order
     */
    public float[] toFloats() {
        int n = Math.toIntExact(numel());
        float[] out = new float[n];
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        switch (dtype) {
            case FLOAT32 -> b.asFloatBuffer().get(out);
            case FLOAT64 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = (float) b.getDouble(i * 8);
                }
            }
            case FLOAT16 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = halfToFloat(b.getShort(i * 2));
                }
            }
            case BFLOAT16 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Float.intBitsToFloat((b.getShort(i * 2) & 0xffff) << 16);
                }
            }
            case INT64 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = b.getLong(i * 8);
                }
            }
            case INT32 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = b.getInt(i * 4);
                }
            }
            case INT16 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = b.getShort(i * 2);
                }
            }
            case INT8 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = data[i];
                }
            }
            case UINT8, BOOL -> {
                for (int i = 0; i < n; i++) {
                    out[i] = data[i] & 0xff;
                }
            }
        }
        return out;
    }

    // IEEE 754 binary16 -> binary32 (Float.float16ToFloat needs Java 20)
    static float halfToFloat(short h) {
        int bits = h & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1f;
        int mant = bits & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
        }
        if (exp == 0) {
            float v = mant * 0x1p-24f;
            return sign == 0 ? v : -v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    /**
     * Copies into a new native CPU tensor of the same dtype and shape.
     *
     * @return a tensor owning its memory (registered with the current scope, if any)
     */
    public Tensor toTensor() {
        Tensor t = torch.empty(shape, new TensorOptions(dtype.scalarType()), new MemoryFormatOptional());
        if (data.length > 0) {
            new BytePointer(t.data_ptr()).capacity(data.length).put(data);
        }
        return t;
    }

    /**
     * Copies a native tensor (any device, any layout) to the heap.
     *
     * @param t the tensor
     * @return its data
     */
    public static TensorData of(Tensor t) {
        Dtype d = Dtype.ofScalarType(t.scalar_type());
        if (d == null) {
            throw new io.transmute.core.UnsupportedFormatException("tensor dtype " + t.scalar_type()
                    + " is not supported; convert it to float32 first");
        }
        try (io.transmute.core.torch.Scope s = io.transmute.core.torch.Scope.open()) {
            Tensor c = t.detach().cpu().contiguous();
            byte[] bytes = new byte[Math.toIntExact(c.numel() * d.size())];
            if (bytes.length > 0) {
                new BytePointer(c.data_ptr()).capacity(bytes.length).get(bytes);
            }
            return new TensorData(d, Tensors.shape(c), bytes);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorData other && dtype == other.dtype && Arrays.equals(shape, other.shape)
                && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * dtype.hashCode() + Arrays.hashCode(shape)) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return dtype + Arrays.toString(shape);
    }
}
