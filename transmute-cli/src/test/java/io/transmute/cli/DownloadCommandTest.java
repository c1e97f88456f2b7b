package io.transmute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.transmute.core.nn.GeneratorSpec;
import io.transmute.core.nn.NormType;
import io.transmute.core.nn.UpsampleType;
import io.transmute.core.torch.Torch;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloadCommandTest {
    @TempDir
    Path dir;

    @Test
    void list_showsEveryModelWithFamilySizeAndSource() {
        CliRun r = CliRun.of("download", "--list");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out().lines().filter(l -> l.startsWith("cyclegan "))).hasSize(18);
        assertThat(r.out().lines().filter(l -> l.startsWith("pix2pix "))).hasSize(5);
        assertThat(r.out().lines().filter(l -> l.startsWith("stargan "))).hasSize(2);
        assertThat(r.out()).contains("http://efrosgans.eecs.berkeley.edu/pix2pix/models-pytorch/day2night.pth");
    }

    @Test
    void aNameInBothCatalogues_withoutPrefix_isAUsageErrorListingBoth() {
        CliRun r = CliRun.of("download", "map2sat", "--root", dir.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.errorLine()).contains("cyclegan:map2sat", "pix2pix:map2sat");
    }

    @Test
    void aModelFromAFileMirror_translatesWithNoFlags() throws Exception {
        Torch.init();
        Path published = Files.createDirectories(dir.resolve("mirror/cyclegan/pretrained_models"));
        TestWeights.generator(published.resolve("horse2zebra.pth"),
                GeneratorSpec.of("resnet_2blocks", 3, 3, 4, NormType.INSTANCE, false, UpsampleType.DECONV));
        Path root = dir.resolve("work");
        CliRun r = CliRun.of("download", "horse2zebra", "--root", root.toString(), "--quiet", "--mirror",
                dir.resolve("mirror").toUri().toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        Path weights = root.resolve("checkpoints/horse2zebra_pretrained/latest_net_G.pth");
        assertThat(weights).exists();
        assertThat(CliRun.of("download", "horse2zebra", "--root", root.toString(), "--quiet").out())
                .contains("already there");

        Path img = dir.resolve("horse.png");
        ImageIO.write(new BufferedImage(12, 12, BufferedImage.TYPE_INT_RGB), "png", img.toFile());
        CliRun t = CliRun.of("translate", "--weights", weights.toString(), img.toString(), "-o",
                dir.resolve("out").toString(), "--threads", "1");
        assertThat(t.exitCode()).as(t.err()).isZero();
        assertThat(dir.resolve("out/horse.png")).exists();
    }

    @Test
    void aFileMissingFromTheMirror_isOneLineBadInput() {
        CliRun r = CliRun.of("download", "zebra2horse", "--root", dir.toString(), "--quiet", "--mirror",
                dir.resolve("empty").toUri().toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.errorLine()).contains("does not exist in the mirror");
        assertThat(r.err()).doesNotContain("\tat ");
    }
}
