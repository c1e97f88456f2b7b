package io.transmute.core.torch;

import org.bytedeco.pytorch.global.torch;

/**
 * Turns libtorch's oneDNN CPU kernels on for a gradient-free forward pass. They are off by default because
 * their backward passes compute wrong gradients in this libtorch (see {@link Torch#init()}), but their forward
 * passes are right (the reference-parity tests run through them) and run ResNet generators about 3x faster
 * (U-Nets run slower with them, so translation leaves those on libtorch's own kernels).
 * The switch is process-wide: do not train in another thread of the same JVM while translating.
 *
 * <pre>{@code
 * try (Scope s = Scope.open(); NoGradGuard g = new NoGradGuard(); InferenceKernels k = InferenceKernels.open()) {
 *     Tensor y = generator.forward(x);
 * }
 * }</pre>
 */
public final class InferenceKernels implements AutoCloseable {
    private static final Object LOCK = new Object();
    private static int open;

    private InferenceKernels() {
    }

    /** @return a handle that restores the training kernels when the last open handle closes */
    public static InferenceKernels open() {
        Torch.init();
        synchronized (LOCK) {
            if (open++ == 0) {
                torch.globalContext().setUserEnabledMkldnn(true);
            }
        }
        return new InferenceKernels();
    }

    @Override
    public void close() {
        synchronized (LOCK) {
            if (--open == 0) {
                torch.globalContext().setUserEnabledMkldnn(false);
            }
        }
    }
}
