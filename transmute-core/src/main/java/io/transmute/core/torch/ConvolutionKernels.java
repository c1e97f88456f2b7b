package io.transmute.core.torch;

import io.transmute.core.torch.Sequence.Layer;
import java.util.List;
import java.util.function.Supplier;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * Chooses libtorch's CPU convolution kernels: oneDNN, or libtorch's own im2col + BLAS kernels ("native").
 *
 * <p>oneDNN is 4-30x faster for stride-1 convolutions (a CycleGAN step: 117 s native, 10 s oneDNN on 2 cores;
 * docs/PERFORMANCE.md), but in this libtorch its input gradient is wrong for stride-1 convolutions whose output
 * channels do not fill its 16-channel blocks (off by 10-90% against float64, or NaN). {@link Layers#conv} pads
 * those layers' output channels while oneDNN is on, which makes the gradient right. Before oneDNN is used, a
 * self-check compares float32 gradients of every layer kind the networks use against float64; if any
 * disagrees (another CPU may take other oneDNN code paths), the process keeps the native kernels and says so.
 * {@code TRANSMUTE_ONEDNN=0} in the environment forces the native kernels.
 */
public final class ConvolutionKernels {
    /** Relative gradient error allowed by the self-check; float32 rounding gives about 1e-6, the faults 1e-1. */
    static final double TOLERANCE = 1e-4;
    private static final System.Logger LOG = System.getLogger(ConvolutionKernels.class.getName());
    private static final Object LOCK = new Object();
    private static boolean oneDnnVerified;
    private static int nativeHandles;

    private ConvolutionKernels() {
    }

    /** Called once by {@link Torch#init()} after the natives are loaded. */
    static void select() {
        boolean wanted = !"0".equals(System.getenv("TRANSMUTE_ONEDNN")) && torch.hasMKLDNN();
        boolean verified = false;
        if (wanted) {
            torch.globalContext().setUserEnabledMkldnn(true);
            double error = selfCheckError();
            verified = error <= TOLERANCE;
            if (!verified) {
                LOG.log(System.Logger.Level.WARNING, String.format("oneDNN convolution gradients are off by %.1e"
                        + " on this CPU; using libtorch's slower native kernels", error));
            }
        }
        synchronized (LOCK) {
            oneDnnVerified = verified;
        }
        torch.globalContext().setUserEnabledMkldnn(verified);
    }

    /** @return whether oneDNN passed its self-check and is in use when no {@link #nativeOnly()} switch is open */
    static boolean oneDnnVerified() {
        Torch.init();
        synchronized (LOCK) {
            return oneDnnVerified;
        }
    }

    /** @return whether convolutions currently run on oneDNN */
    public static boolean oneDnn() {
        Torch.init();
        return torch.globalContext().userEnabledMkldnn();
    }

    /**
     * Switches to the native kernels until the returned handle closes, for gradient-free passes where they are
     * faster (a U-Net's transposed convolutions spend most of their oneDNN time reordering weights). The switch
     * is process-wide: do not train in another thread of the same JVM meanwhile.
     *
     * @return the handle that restores oneDNN (if it was in use) when the last open handle closes
     */
    public static NativeOnly nativeOnly() {
        Torch.init();
        synchronized (LOCK) {
            if (nativeHandles++ == 0) {
                torch.globalContext().setUserEnabledMkldnn(false);
            }
        }
        return new NativeOnly();
    }

    /** An open {@link #nativeOnly()} switch. */
    public static final class NativeOnly implements AutoCloseable {
        private boolean closed;

        private NativeOnly() {
        }

        @Override
        public void close() {
            synchronized (LOCK) {
                if (!closed && --nativeHandles == 0) {
                    torch.globalContext().setUserEnabledMkldnn(oneDnnVerified);
                }
                closed = true;
            }
        }
    }

    /**
     * The largest relative disagreement between float32 and float64 gradients (of the input and the first
     * weight) over one layer of each convolution kind the networks use, built through {@link Layers}. Batch 2
     * makes libtorch route even these small inputs to oneDNN. The global random generator is left as found.
     *
     * @return the error, NaN counted as infinite
     */
    static double selfCheckError() {
        List<CheckedLayer> layers = List.of(
                new CheckedLayer(8, () -> Layers.conv(8, 32, 3, 1, 1, true)),
                new CheckedLayer(8, () -> Layers.conv(8, 3, 7, 1, 3, true)),
                new CheckedLayer(32, () -> Layers.conv(32, 1, 4, 1, 1, true)),
                new CheckedLayer(32, () -> Layers.conv(32, 5, 2, 1, 0, false)),
                new CheckedLayer(8, () -> Layers.conv(8, 32, 4, 2, 1, true)),
                new CheckedLayer(8, () -> Layers.conv(8, 32, 3, 2, 1, true)),
                new CheckedLayer(8, () -> Layers.conv(8, 16, 1, 1, 0, true)),
                new CheckedLayer(32, () -> Layers.convTranspose(32, 8, 4, 2, 1, 0, true)),
                new CheckedLayer(32, () -> Layers.convTranspose(32, 3, 3, 2, 1, 1, true)));
        byte[] rng = Torch.cpuGeneratorState();
        try {
            torch.manual_seed(0);
            double worst = 0;
            for (CheckedLayer c : layers) {
                worst = Math.max(worst, gradientError(c.layer().get(), c.inputChannels()));
            }
            return worst;
        } finally {
            Torch.restoreCpuGeneratorState(rng);
        }
    }

    private record CheckedLayer(long inputChannels, Supplier<Layer> layer) {
    }

    static double gradientError(Layer layer, long in) {
        Module m = layer.module();
        try (Scope s = Scope.open()) {
            Tensor x = torch.randn(2, in, 24, 24);
            Tensor[] g32 = gradients(layer, x);
            m.to(torch.ScalarType.Double, false);
            Tensor[] g64 = gradients(layer, x.to(torch.ScalarType.Double));
            double worst = 0;
            for (int i = 0; i < g32.length; i++) {
                double e = g32[i].to(torch.ScalarType.Double).sub(g64[i]).abs().max().item_double()
                        / g64[i].abs().max().item_double();
                worst = Math.max(worst, Double.isNaN(e) ? Double.POSITIVE_INFINITY : e);
            }
            return worst;
        } finally {
            m.close();
        }
    }

    private static Tensor[] gradients(Layer layer, Tensor input) {
        Tensor x = input.detach().requires_grad_(true);
        Tensor weight = layer.module().parameters().get(0);
        Tensor y = layer.forward().apply(x);
        TensorVector g = torch.grad(new TensorVector(y.mul(y).mean()), new TensorVector(x, weight));
        return new Tensor[] {g.get(0), g.get(1)};
    }
}
