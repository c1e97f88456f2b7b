package io.transmute.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.transmute.core.io.PthWriter;
import io.transmute.core.nn.GeneratorSpec;
import io.transmute.core.nn.ModuleWeights;
import io.transmute.core.nn.NormType;
import io.transmute.core.nn.UpsampleType;
import io.transmute.core.torch.Net;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SparkTranslateJobTest {
    @TempDir
    Path tmp;

    private static int run(ByteArrayOutputStream err, String... args) {
        CommandLine cl = SparkTranslateJob.commandLine();
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void badOptionsAreOneLineUsageErrors_beforeSparkStarts() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(run(err, "--weights", "w.pth", "--input", "in", "--output", "out", "--format", "gif"))
                .isEqualTo(2);
        assertThat(err.toString()).startsWith("error: --format gif is not an image format").doesNotContain("\tat ");
        err.reset();
        assertThat(run(err, "--weights", "w.pth", "--input", "in")).isEqualTo(2);
        assertThat(err.toString()).contains("--output");
    }

    @Test
    void aJobWithACorruptImage_writesTheGoodOutput_andExitsWithThePartialCode() throws Exception {
        Path weights = tmp.resolve("g.pth");
        try (Net g = GeneratorSpec.of("resnet_6blocks", 3, 3, 8, NormType.INSTANCE, false, UpsampleType.DECONV)
                .build()) {
            PthWriter.write(weights, ModuleWeights.export(g), Map.of());
        }
        Path in = Files.createDirectories(tmp.resolve("in/sub"));
        ImageIO.write(new BufferedImage(24, 20, BufferedImage.TYPE_INT_RGB), "png", in.resolve("good.png").toFile());
        Files.writeString(in.resolve("bad.png"), "not a png");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = run(err, "--master", "local[1]", "--weights", weights.toString(), "--input",
                tmp.resolve("in").toString(), "--output", tmp.resolve("out").toString(), "--eval");
        assertThat(code).isEqualTo(4);
        Files.writeString(tmp.resolve("junk.pth"), "not weights");
        err.reset();
        assertThat(run(err, "--master", "local[1]", "--weights", tmp.resolve("junk.pth").toString(), "--input",
                tmp.resolve("in").toString(), "--output", tmp.resolve("out2").toString())).isEqualTo(3);
        assertThat(err.toString()).contains("junk.pth: not a PyTorch checkpoint").doesNotContain("\tat ")
                .doesNotContain("userFiles");
        assertThat(tmp.resolve("out2/sub")).doesNotExist();
        assertThat(ImageIO.read(tmp.resolve("out/sub/good.png").toFile()).getWidth()).isEqualTo(24);
        assertThat(tmp.resolve("out/sub/bad.png")).doesNotExist();
        assertThat(tmp.resolve("out/results.parquet")).isDirectory();
    }
}
