package io.transmute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.transmute.core.io.ImageCodec;
import io.transmute.core.io.ImageData;
import io.transmute.core.nn.GeneratorSpec;
import io.transmute.core.nn.NormType;
import io.transmute.core.nn.UpsampleType;
import io.transmute.core.torch.Torch;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Images too large for --max_memory are tiled, or refused up front with the estimate. */
class TranslateTilingTest {
    @TempDir
    static Path shared;
    static Path batchG;
    static Path instanceG;
    static Path image;

    @BeforeAll
    static void setUp() throws IOException {
        Torch.seed(11);
        batchG = shared.resolve("batch_net_G.pth");
        TestWeights.generator(batchG,
                GeneratorSpec.of("resnet_6blocks", 3, 3, 4, NormType.BATCH, false, UpsampleType.DECONV));
        instanceG = shared.resolve("instance_net_G.pth");
        TestWeights.generator(instanceG,
                GeneratorSpec.of("resnet_6blocks", 3, 3, 4, NormType.INSTANCE, false, UpsampleType.DECONV));
        image = shared.resolve("big.png");
        BufferedImage img = new BufferedImage(200, 150, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 150; y++) {
            for (int x = 0; x < 200; x++) {
                int v = (int) (127 + 120 * Math.sin(x / 9.0) * Math.cos(y / 7.0));
                img.setRGB(x, y, v << 16 | (255 - v) << 8 | (x + y) % 256);
            }
        }
        ImageIO.write(img, "png", image.toFile());
    }

    static double maxLevelDiff(ImageData a, ImageData b) {
        double m = 0;
        for (int i = 0; i < a.planes().length; i++) {
            m = Math.max(m, Math.abs(a.planes()[i] - b.planes()[i]) * 127.5);
        }
        return m;
    }

    @Test
    void imageOverMaxMemory_isTiledAutomatically_closeToTheWholeImage(@TempDir Path tmp) {
        CliRun whole = CliRun.of("translate", "--weights", batchG.toString(), image.toString(), "-o",
                tmp.resolve("whole").toString(), "--eval");
        assertThat(whole.exitCode()).as(whole.err()).isZero();
        // 452 MB leaves about 2 MB above the fixed part of the estimate: tiles of 72 pixels
        CliRun tiled = CliRun.of("translate", "--weights", batchG.toString(), image.toString(), "-o",
                tmp.resolve("tiled").toString(), "--eval", "--max_memory", "452M", "--tile_overlap", "16");
        assertThat(tiled.exitCode()).as(tiled.err()).isZero();
        assertThat(tiled.err()).contains("big.png: translated in tiles of 72 px to stay under --max_memory 452 MB");
        assertThat(whole.err()).doesNotContain("tiles");
        ImageData w = ImageCodec.read(tmp.resolve("whole/big.png"), 3);
        ImageData t = ImageCodec.read(tmp.resolve("tiled/big.png"), 3);
        assertThat(t.width()).isEqualTo(200);
        assertThat(t.height()).isEqualTo(150);
        assertThat(maxLevelDiff(w, t)).as("8-bit levels between tiled and whole").isLessThanOrEqualTo(3);
    }

    @Test
    void perImageStatisticsNet_isRefusedWithTheEstimate_unlessTileIsGiven(@TempDir Path tmp) {
        CliRun r = CliRun.of("translate", "--weights", instanceG.toString(), image.toString(), "-o",
                tmp.resolve("o").toString(), "--max_memory", "452M");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("big.png: 200x150 needs about ").contains("over --max_memory 452 MB")
                .contains("instance norm").contains("--tile 72");
        assertThat(tmp.resolve("o/big.png")).doesNotExist();

        r = CliRun.of("translate", "--weights", instanceG.toString(), image.toString(), "-o",
                tmp.resolve("o").toString(), "--tile", "96");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("warning: ").contains("tiles of 96 px").contains("instance norm");
        assertThat(ImageCodec.read(tmp.resolve("o/big.png"), 3).width()).isEqualTo(200);
    }

    @Test
    void tilingOptions_areChecked() {
        CliRun r = CliRun.of("translate", "--weights", batchG.toString(), image.toString(), "--tile", "64",
                "--tile_overlap", "32");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.errorLine()).contains("--tile_overlap 32");
        r = CliRun.of("translate", "--weights", batchG.toString(), image.toString(), "--max_memory", "lots");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.errorLine()).contains("--max_memory lots");
    }
}
