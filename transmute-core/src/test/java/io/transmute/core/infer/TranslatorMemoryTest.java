package io.transmute.core.infer;

import static org.assertj.core.api.Assertions.assertThat;

import io.transmute.core.io.PthWriter;
import io.transmute.core.io.TensorData;
import io.transmute.core.nn.GeneratorSpec;
import io.transmute.core.nn.ModuleWeights;
import io.transmute.core.nn.NormType;
import io.transmute.core.nn.UpsampleType;
import io.transmute.core.torch.Net;
import io.transmute.core.torch.Torch;
import java.nio.file.Path;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TranslatorMemoryTest {
    // resident memory minus the committed Java heap: what native tensors hold. The run keeps freed memory in the
    // process on purpose (MALLOC_TRIM_THRESHOLD_, also for the JIT compiler's scratch memory, which a busy machine
    // compiles late), so it is handed back first: what remains is memory still in use
    private static long nativeBytes() {
        System.gc();
        Pointer.trimMemory();
        return Pointer.physicalBytes() - Runtime.getRuntime().totalMemory();
    }

    @Test
    void translate_thousandBatches_keepsNativeMemoryFlat(@TempDir Path tmp) {
        Torch.seed(1);
        Path weights = tmp.resolve("latest_net_G.pth");
        try (Net g = GeneratorSpec.of("resnet_6blocks", 3, 3, 8, NormType.INSTANCE, false, UpsampleType.DECONV)
                .build()) {
            PthWriter.write(weights, ModuleWeights.export(g));
        }
        TensorData batch = TensorData.ofFloats(new float[2 * 3 * 32 * 32], 2, 3, 32, 32);
        try (Translator t = Translator.load(weights, TranslatorOptions.defaults().withEval(true))) {
            for (int i = 0; i < 100; i++) {
                t.translate(batch);
            }
            // two windows of 1000 batches: a leak grows in both, while a one-off (the JIT compiling late on a busy
            // machine, a heap resize) lands in one of them only
            long[] growth = new long[2];
            for (int w = 0; w < growth.length; w++) {
                long before = nativeBytes();
                for (int i = 0; i < 1000; i++) {
                    t.translate(batch);
                }
                growth[w] = nativeBytes() - before;
            }
            // unscoped tensors would leak ~100 KB per batch here (>100 MB a window); noise stays well below 32 MB
            assertThat(Math.min(growth[0], growth[1])).as("native growth per 1000 batches, windows %d and %d bytes",
                    growth[0], growth[1]).isLessThan(32L << 20);
        }
    }
}
