package io.transmute.core.model;

import io.transmute.core.data.Batch;
import io.transmute.core.torch.Device;
import io.transmute.core.torch.Tensors;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.bytedeco.pytorch.Tensor;

/**
 * One batch as native tensors, the reference's {@code set_input} dictionary. Create it inside the step's scope.
 *
 * @param realA {@code A}: {@code [N, C, H, W]} in [-1, 1]
 * @param realB {@code B}, or null where the dataset has none ({@code single})
 * @param aPaths {@code A_paths}
 * @param bPaths {@code B_paths} (empty without B)
 * @param labels domain labels on the heap, N rows (StarGAN), or null
 */
public record ModelInput(Tensor realA, Tensor realB, List<Path> aPaths, List<Path> bPaths, float[] labels) {
    /** Copies the path lists. */
    public ModelInput {
        Objects.requireNonNull(realA, "realA");
        aPaths = List.copyOf(aPaths);
        bPaths = List.copyOf(bPaths);
    }

    /**
     * An input without labels.
     *
     * @param realA A
     * @param realB B, or null
     * @param aPaths A_paths
     * @param bPaths B_paths
     */
    public ModelInput(Tensor realA, Tensor realB, List<Path> aPaths, List<Path> bPaths) {
        this(realA, realB, aPaths, bPaths, null);
    }

    /**
     * @param realA images
     * @param labels their labels, N rows on the heap
     * @return a labelled input without file names (generated data, tests)
     */
    public static ModelInput labelled(Tensor realA, float[] labels) {
        return new ModelInput(realA, null, List.of(), List.of(), labels);
    }

    /**
     * @param realA A
     * @param realB B, or null
     * @return an input without file names (generated data, tests)
     */
    public static ModelInput of(Tensor realA, Tensor realB) {
        return new ModelInput(realA, realB, List.of(), List.of());
    }

    /**
     * Copies a heap batch into tensors in the current scope.
     *
     * @param batch a batch from the data loader
     * @param device where the tensors go
     * @return the input
     */
    public static ModelInput of(Batch batch, Device device) {
        Tensor a = Tensors.fromFloats(batch.a(), longs(batch.aShape())).to(device.toNative(),
                org.bytedeco.pytorch.global.torch.ScalarType.Float);
        Tensor b = batch.b() == null ? null : Tensors.fromFloats(batch.b(), longs(batch.bShape()))
                .to(device.toNative(), org.bytedeco.pytorch.global.torch.ScalarType.Float);
        return new ModelInput(a, b, batch.aPaths(), batch.bPaths(), batch.labels());
    }

    private static long[] longs(int[] shape) {
        return Arrays.stream(shape).asLongStream().toArray();
    }

    /** @return whether B is present */
    public boolean hasB() {
        return realB != null;
    }
}
