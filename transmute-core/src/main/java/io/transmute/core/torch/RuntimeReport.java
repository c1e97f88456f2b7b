package io.transmute.core.torch;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.pytorch.global.torch;

/**
 * What this process runs on, for a user to paste into a report: the libtorch build (CPU or CUDA), the CPU
 * instruction set libtorch dispatches to, whether oneDNN is built in and used for convolutions, the thread
 * count, and whether CUDA devices and the Gloo and NCCL process-group backends are available.
 *
 * @param libtorch libtorch version
 * @param build {@code cpu} or {@code cuda} (the {@code linux-x86_64-gpu} natives of {@code -Pcuda})
 * @param cpuCapability the kernels libtorch picked, e.g. {@code AVX2}
 * @param oneDnnVersion oneDNN's version, or empty when not built in
 * @param oneDnnInUse whether convolutions run on oneDNN (the self-check may turn it off)
 * @param threads intra-op threads
 * @param cudaDevices CUDA devices visible; 0 when none or on the CPU build
 * @param gloo whether the Gloo backend loads
 * @param nccl whether the NCCL backend loads (CUDA build only)
 */
public record RuntimeReport(String libtorch, String build, String cpuCapability, String oneDnnVersion,
        boolean oneDnnInUse, int threads, int cudaDevices, boolean gloo, boolean nccl) {
    /** @return the report for this process, loading the natives if needed */
    public static RuntimeReport collect() {
        Torch.init();
        boolean cudaBuild = torch.class.getResource("/org/bytedeco/pytorch/" + Loader.getPlatform()
                + "-gpu/libtorch_cuda.so") != null;
        int devices = cudaBuild && torch.cuda_is_available() ? torch.cuda_device_count() : 0;
        String onednn = torch.hasMKLDNN() ? torch.get_mkldnn_version().getString().trim() : "";
        return new RuntimeReport(Torch.libtorchVersion(), cudaBuild ? "cuda" : "cpu",
                torch.get_cpu_capability().getString(), onednn, ConvolutionKernels.oneDnn(), torch.get_num_threads(),
                devices, loads(org.bytedeco.pytorch.global.torch_gloo.class),
                cudaBuild && loads(org.bytedeco.pytorch.global.torch_nccl.class));
    }

    private static boolean loads(Class<?> presets) {
        try {
            Loader.load(presets);
            return true;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return false;
        }
    }

    /** @return one {@code key: value} line per fact */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add("libtorch: " + libtorch + " (" + build + " build, org.bytedeco:pytorch 2.10.0-1.5.13, "
                + Loader.getPlatform() + ")");
        out.add("cpu capability: " + cpuCapability);
        out.add("oneDNN: " + (oneDnnVersion.isEmpty() ? "not built in"
                : oneDnnVersion + (oneDnnInUse ? ", used for convolutions" : ", off (native convolution kernels)")));
        out.add("threads: " + threads + " of " + Runtime.getRuntime().availableProcessors() + " cores");
        out.add("cuda: " + (build.equals("cpu") ? "not in this build (build with -Pcuda)"
                : cudaDevices > 0 ? cudaDevices + " device(s)" : "unavailable (no device or driver)"));
        out.add("distributed backends: gloo " + (gloo ? "available" : "missing") + ", nccl "
                + (nccl && cudaDevices > 0 ? "available" : nccl ? "built in, no CUDA device" : "not in this build"));
        return out;
    }
}
