package io.transmute.core.torch;

import io.transmute.core.TransmuteException;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.pytorch.global.torch;

/**
 * Loads the PyTorch natives once per process and applies the thread policy.
 *
 * <p>All native libraries are unpacked into the JavaCPP cache before the first load: loading them one by
 * one lets the dynamic linker pick a system libtorch for the rest, which crashes the JVM.
 */
public final class Torch {
    private static final Object LOCK = new Object();
    private static volatile boolean loaded;
    /** True while the kernel self-check runs: its own calls to {@link #init()} return at once. */
    private static boolean selecting;

    private Torch() {
    }

    /** Loads the natives (idempotent) without changing the thread count. */
    public static void init() {
        if (loaded) {
            return;
        }
        synchronized (LOCK) {
            if (loaded || selecting) {
                return;
            }
            try {
                Loader.cacheResources("/org/bytedeco/openblas/" + Loader.getPlatform() + "/");
                Loader.cacheResources("/org/bytedeco/pytorch/" + Loader.getPlatform() + "/");
                // the CUDA build (-Pcuda) keeps its natives under linux-x86_64-gpu/; the CPU build has no such folder
                Loader.cacheResources("/org/bytedeco/pytorch/" + Loader.getPlatform() + "-gpu/");
                Loader.load(org.bytedeco.openblas.global.openblas.class);
                Loader.load(torch.class);
                // with oneDNN off, convolutions would try NNPACK, which fails on CPUs without its kernels and
                // prints a warning per call; libtorch's own im2col + BLAS path is as fast here
                torch.globalContext().setUserEnabledNNPACK(false);
                // libtorch already spreads each convolution over its own OpenMP threads; OpenBLAS's separate
                // pool of spinning threads on the same cores doubled a pix2pix step on 2 cores (4.9 s -> 2.2 s
                // with one BLAS thread; docs/PERFORMANCE.md). An explicit OPENBLAS_NUM_THREADS still wins.
                if (System.getenv("OPENBLAS_NUM_THREADS") == null) {
                    org.bytedeco.openblas.global.openblas_full.openblas_set_num_threads(1);
                }
            } catch (Exception | UnsatisfiedLinkError e) {
                throw new TransmuteException("cannot load the PyTorch native libraries for " + Loader.getPlatform()
                        + " (" + e.getMessage() + "); this build supports linux-x86_64", e);
            }
            selecting = true;
            try {
                ConvolutionKernels.select();
            } finally {
                selecting = false;
            }
            loaded = true;
        }
    }

    /**
     * Loads the natives and sets the number of intra-op threads.
     *
     * @param threads threads for tensor operations; 0 means one per core
     */
    public static void init(int threads) {
        init();
        setThreads(threads);
    }

    /**
     * Sets the number of intra-op threads.
     *
     * @param threads threads for tensor operations; 0 means one per core
     */
    public static void setThreads(int threads) {
        if (threads < 0) {
            throw new io.transmute.core.InvalidOptionException("--threads must be 0 (one per core) or more, got "
                    + threads);
        }
        init();
        int cores = Runtime.getRuntime().availableProcessors();
        if (threads > cores) {
            System.getLogger(Torch.class.getName()).log(System.Logger.Level.WARNING, "--threads " + threads
                    + " is more than the " + cores + " core(s) here; the extra threads wait for each other and"
                    + " slow every step; use --threads " + cores + " or 0 (one per core)");
        }
        torch.set_num_threads(threads == 0 ? cores : threads);
    }

    /** @return the number of intra-op threads in use */
    public static int threads() {
        init();
        return torch.get_num_threads();
    }

    /**
     * Seeds PyTorch's global generators (CPU and, when present, CUDA): weight initialisation and dropout
     * draw from them.
     *
     * @param seed the seed
     */
    public static void seed(long seed) {
        init();
        torch.manual_seed(seed);
    }

    /**
     * Snapshot of the default CPU generator (dropout masks and random initialisation draw from it), for
     * exact resume.
     *
     * @return the generator's state bytes
     */
    public static byte[] cpuGeneratorState() {
        init();
        try (Scope s = Scope.open()) {
            org.bytedeco.pytorch.Tensor st = torch.getDefaultCPUGenerator().get_state();
            byte[] out = new byte[Math.toIntExact(st.numel())];
            st.data_ptr_byte().get(out);
            return out;
        }
    }

    /**
     * Restores a snapshot taken by {@link #cpuGeneratorState()}.
     *
     * @param state the state bytes
     */
    public static void restoreCpuGeneratorState(byte[] state) {
        init();
        try (Scope s = Scope.open()) {
            org.bytedeco.pytorch.Tensor st = torch.empty(state.length).to(torch.ScalarType.Byte);
            st.data_ptr_byte().put(state);
            torch.getDefaultCPUGenerator().set_state(st);
        }
    }

    /** @return the version of the libtorch this build bundles (org.bytedeco:pytorch 2.10.0) */
    public static String libtorchVersion() {
        init();
        return "2.10.0";
    }
}
