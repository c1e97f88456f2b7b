package io.transmute.core.torch;

import java.util.Arrays;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/** Conversions between Java arrays and tensors, and the few tensor helpers the JavaCPP API makes verbose. */
public final class Tensors {
    private Tensors() {
    }

    /**
     * Copies a float array into a new CPU float32 tensor.
     *
     * @param data values in C order
     * @param shape the tensor's shape; its element count must equal {@code data.length}
     * @return a tensor that owns its memory
     */
    public static Tensor fromFloats(float[] data, long... shape) {
        long n = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        if (n != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n
                    + " values, got " + data.length);
        }
        Tensor t = torch.empty(shape);
        try (FloatPointer p = t.data_ptr_float()) {
            p.put(data);
        }
        return t;
    }

    /**
     * Copies a tensor's values into a float array (moving it to the CPU and to float32 if needed).
     *
     * @param t any tensor
     * @return its values in C order
     */
    public static float[] toFloats(Tensor t) {
        try (Scope s = Scope.open()) {
            Tensor c = t.detach().to(torch.ScalarType.Float).cpu().contiguous();
            float[] out = new float[Math.toIntExact(c.numel())];
            c.data_ptr_float().get(out);
            return out;
        }
    }

    /**
     * @param t a tensor
     * @return its shape as a Java array
     */
    public static long[] shape(Tensor t) {
        return t.sizes().vec().get();
    }

    /**
     * @param v a number
     * @return a scalar for tensor arithmetic
     */
    public static Scalar scalar(double v) {
        return new Scalar(v);
    }

    /**
     * Concatenates tensors along a dimension.
     *
     * @param dim the dimension
     * @param parts tensors with equal shapes except in {@code dim}
     * @return the concatenation
     */
    public static Tensor cat(long dim, Tensor... parts) {
        return torch.cat(new TensorVector(parts), dim);
    }

    /**
     * Frees an intermediate result as soon as the next one exists, as Python's reference counting does: inside a
     * {@link Scope} every tensor would otherwise live until the scope closes, so a forward pass would hold all its
     * activations at once (a ResNet-9 at 256x256: about 460 MB instead of a few tens). Autograd keeps its own
     * reference to what the backward pass needs, so this is safe with gradients recorded too.
     *
     * @param previous the intermediate the next result was computed from; closed unless it is {@code keep} or
     *     {@code next} itself
     * @param keep a tensor the caller does not own (the input of the forward pass), never closed
     * @param next the new result
     * @return {@code next}
     */
    public static Tensor advance(Tensor previous, Tensor keep, Tensor next) {
        if (previous != keep && previous != next) {
            previous.close();
        }
        return next;
    }

    /**
     * @param t a tensor
     * @return the largest absolute value, as a double
     */
    public static double maxAbs(Tensor t) {
        try (Scope s = Scope.open()) {
            return t.abs().max().item_double();
        }
    }
}
