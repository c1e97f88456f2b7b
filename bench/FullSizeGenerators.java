import io.transmute.core.io.PthWriter;
import io.transmute.core.nn.GeneratorSpec;
import io.transmute.core.nn.Init;
import io.transmute.core.nn.InitType;
import io.transmute.core.nn.ModuleWeights;
import io.transmute.core.nn.NormType;
import io.transmute.core.nn.UpsampleType;
import io.transmute.core.torch.Net;
import io.transmute.core.torch.Torch;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes reference-sized generators (ngf 64, normal(0, 0.02) init) for the export benchmark:
 * {@code java -cp transmute-cli/target/transmute.jar bench/FullSizeGenerators.java DIR}.
 */
public final class FullSizeGenerators {
    private FullSizeGenerators() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "bench-weights"));
        Torch.init(1);
        Torch.seed(0);
        write(dir.resolve("resnet_9blocks.pth"),
                GeneratorSpec.of("resnet_9blocks", 3, 3, 64, NormType.INSTANCE, false, UpsampleType.DECONV));
        write(dir.resolve("unet_256.pth"),
                GeneratorSpec.of("unet_256", 3, 3, 64, NormType.BATCH, false, UpsampleType.DECONV));
    }

    private static void write(Path file, GeneratorSpec spec) {
        try (Net g = spec.build()) {
            Init.apply(g, InitType.NORMAL, 0.02);
            PthWriter.write(file, ModuleWeights.export(g));
        }
        System.out.println("wrote " + file);
    }
}
