package io.transmute.core.dist;

import io.transmute.core.InvalidOptionException;
import java.util.Arrays;

/** The c10d process-group backend of a data-parallel run ({@code --dist_backend}). */
public enum Backend {
    /** {@code ProcessGroupGloo}: TCP, CPU tensors. */
    GLOO("gloo"),
    /** {@code ProcessGroupNCCL}: CUDA tensors, NVLink or InfiniBand between GPUs; CUDA build only. */
    NCCL("nccl");

    private final String cliName;

    Backend(String cliName) {
        this.cliName = cliName;
    }

    /** @return the spelling of {@code torch.distributed}, as given to {@code --dist_backend} */
    public String cliName() {
        return cliName;
    }

    /**
     * @param name {@code gloo} or {@code nccl}
     * @return the backend
     * @throws InvalidOptionException for another name
     */
    public static Backend parse(String name) {
        return Arrays.stream(values()).filter(b -> b.cliName.equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> new InvalidOptionException("--dist_backend " + name + " is unknown; use gloo"
                        + " (CPU) or nccl (CUDA)"));
    }
}
