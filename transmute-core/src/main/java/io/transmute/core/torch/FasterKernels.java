package io.transmute.core.torch;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Picks, for one network's gradient-free passes on the CPU, the faster of oneDNN and libtorch's native convolution
 * kernels by timing the network's own first batch. Which one wins depends on the CPU: a U-Net at 256x256 on 2
 * threads took 216-253 ms per image native against 368-593 ms on oneDNN on an AVX-512 machine, and about 300 ms
 * native against 230 ms on oneDNN on an AVX2 one (docs/PERFORMANCE.md).
 *
 * <p>The first batch runs three times: on oneDNN, uncounted (oneDNN compiles its kernels on first use), then
 * timed on the native kernels and on oneDNN. It returns the faster run's result and every later batch runs on the
 * faster kernels, so all results of one network come from the same kernels. Where oneDNN is off
 * ({@code TRANSMUTE_ONEDNN=0}, or its self-check failed) every batch runs native once. Thread-safe; the kernel
 * switch itself is process-wide, see {@link ConvolutionKernels#nativeOnly()}.
 */
public final class FasterKernels {
    private double nativeSeconds = Double.NaN;
    private double oneDnnSeconds = Double.NaN;

    /**
     * Whether timing both kernel sets can pay: only for a U-Net-shaped network on the CPU in float32. ResNet-style
     * networks are 3x faster on oneDNN everywhere measured, and in bfloat16 the native kernels are 100x slower
     * (a U-Net's first batch took 9.4 s native against 79 ms on oneDNN).
     *
     * @param unetShaped whether the network is a U-Net or its skip-less encoder-decoder
     * @param device where it runs
     * @param precision the number format it computes in
     * @return whether to run it through a {@code FasterKernels}
     */
    public static boolean worthTiming(boolean unetShaped, Device device, Precision precision) {
        return worthTiming(unetShaped, device, precision, System.getenv("TRANSMUTE_ONEDNN"));
    }

    /**
     * As {@link #worthTiming(boolean, Device, Precision)}, with the environment's {@code TRANSMUTE_ONEDNN}: set to
     * {@code 1} (oneDNN) or {@code 0} (native), it pins the kernels, so that outputs repeat bit for bit from one
     * process to the next instead of following whichever kernels won the timing.
     */
    static boolean worthTiming(boolean unetShaped, Device device, Precision precision, String oneDnnSetting) {
        boolean pinned = "0".equals(oneDnnSetting) || "1".equals(oneDnnSetting);
        return unetShaped && !device.isCuda() && precision == Precision.FLOAT32 && !pinned;
    }

    /**
     * Runs one batch on the faster kernels, timing both first if that is not known yet.
     *
     * @param pass the batch; it must give the same result on either kernels, up to float32 rounding
     * @param <T> its result
     * @return the result
     */
    public <T> T run(Supplier<T> pass) {
        synchronized (this) {
            if (ConvolutionKernels.oneDnnVerified() && Double.isNaN(nativeSeconds)) {
                return calibrate(pass);
            }
        }
        try (ConvolutionKernels.NativeOnly k = nativeIsFaster() ? ConvolutionKernels.nativeOnly() : null) {
            return pass.get();
        }
    }

    /** @return false until timed, so that a process without oneDNN keeps the kernels it has (native) */
    private synchronized boolean nativeIsFaster() {
        return nativeSeconds < oneDnnSeconds;
    }

    private <T> T calibrate(Supplier<T> pass) {
        pass.get();
        long t0 = System.nanoTime();
        T onNative;
        try (ConvolutionKernels.NativeOnly k = ConvolutionKernels.nativeOnly()) {
            onNative = pass.get();
        }
        long t1 = System.nanoTime();
        T onOneDnn = pass.get();
        long t2 = System.nanoTime();
        nativeSeconds = (t1 - t0) / 1e9;
        oneDnnSeconds = (t2 - t1) / 1e9;
        return nativeIsFaster() ? onNative : onOneDnn;
    }

    /**
     * @return once timed, the kernels in use and the first batch's times on both, e.g.
     *     {@code oneDNN (231 ms for the first batch; native 298 ms)}
     */
    public synchronized Optional<String> choice() {
        if (Double.isNaN(nativeSeconds)) {
            return Optional.empty();
        }
        boolean nat = nativeSeconds < oneDnnSeconds;
        return Optional.of(String.format("%s (%.0f ms for the first batch; %s %.0f ms)", nat ? "native" : "oneDNN",
                (nat ? nativeSeconds : oneDnnSeconds) * 1e3, nat ? "oneDNN" : "native",
                (nat ? oneDnnSeconds : nativeSeconds) * 1e3));
    }
}
