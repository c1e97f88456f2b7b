package io.transmute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.transmute.core.data.SyntheticShapes;
import io.transmute.core.nn.GeneratorSpec;
import io.transmute.core.nn.NormType;
import io.transmute.core.nn.UpsampleType;
import io.transmute.core.torch.Torch;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalWeightsCommandTest {
    @TempDir
    Path dir;

    private Path generator() {
        Torch.seed(5);
        Path g = dir.resolve("latest_net_G.pth");
        TestWeights.generator(g,
                GeneratorSpec.of("resnet_6blocks", 3, 3, 8, NormType.INSTANCE, false, UpsampleType.DECONV));
        return g;
    }

    @Test
    void weightsOnAlignedData_equalTranslateThenScoreAgainstTheBHalves() throws IOException {
        Path g = generator();
        Path data = dir.resolve("shapes");
        SyntheticShapes.writeAligned(data, 1, 3, 32, 9);
        Path json = dir.resolve("scores.json");
        CliRun r = CliRun.of("eval", "--weights", g.toString(), "--dataroot", data.toString(), "--json",
                json.toString(), "--quiet", "--threads", "1");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
        JsonNode scores = new ObjectMapper().readTree(json.toFile());
        assertThat(scores.get("n_pairs").asInt()).isEqualTo(3);

        // the same by hand: translate the A halves, cut out the B halves, score the two folders
        Path fakes = dir.resolve("fakes");
        assertThat(CliRun.of("translate", "--weights", g.toString(), data.resolve("test").toString(), "-o",
                fakes.toString(), "--dataset_mode", "aligned", "--threads", "1").exitCode()).isZero();
        Path truth = Files.createDirectories(dir.resolve("truth"));
        List<Path> pairs;
        try (Stream<Path> s = Files.list(data.resolve("test"))) {
            pairs = s.sorted().toList();
        }
        for (Path p : pairs) {
            BufferedImage ab = ImageIO.read(p.toFile());
            int half = ab.getWidth() / 2;
            String stem = p.getFileName().toString().replaceFirst("\\.[^.]+$", "");
            ImageIO.write(ab.getSubimage(half, 0, half, ab.getHeight()), "png", truth.resolve(stem + ".png").toFile());
        }
        Path byHand = dir.resolve("by_hand.json");
        assertThat(CliRun.of("eval", truth.toString(), fakes.toString(), "--metrics", "l1,psnr,ssim", "--json",
                byHand.toString(), "--quiet").exitCode()).isZero();
        JsonNode expected = new ObjectMapper().readTree(byHand.toFile());
        for (String m : new String[] {"l1", "psnr", "ssim"}) {
            assertThat(scores.get(m).asDouble()).as(m).isEqualTo(expected.get(m).asDouble());
        }

        // the scores of the bfloat16 translations: close to float32's, not the same
        Path bf16 = dir.resolve("bf16.json");
        assertThat(CliRun.of("eval", "--weights", g.toString(), "--dataroot", data.toString(), "--json",
                bf16.toString(), "--quiet", "--threads", "1", "--precision", "bf16").exitCode()).isZero();
        JsonNode bf16Scores = new ObjectMapper().readTree(bf16.toFile());
        double l1 = bf16Scores.get("l1").asDouble();
        assertThat(bf16Scores.toString()).contains("resnet_6blocks, ngf 8, instance norm, bf16, train mode");
        assertThat(l1).isNotEqualTo(scores.get("l1").asDouble())
                .isCloseTo(scores.get("l1").asDouble(), org.assertj.core.data.Offset.offset(0.01));
        CliRun folders = CliRun.of("eval", truth.toString(), fakes.toString(), "--precision", "bf16");
        assertThat(folders.exitCode()).isEqualTo(2);
        assertThat(folders.err()).contains("--precision is for --weights");

        Path reverse = dir.resolve("reverse.json");
        assertThat(CliRun.of("eval", "--weights", g.toString(), "--dataroot", data.toString(), "--direction", "BtoA",
                "--json", reverse.toString(), "--quiet").exitCode()).isZero();
        assertThat(new ObjectMapper().readTree(reverse.toFile()).get("l1").asDouble())
                .isNotEqualTo(scores.get("l1").asDouble());
    }

    @Test
    void weightsWithoutDataroot_orWithFolders_isAUsageError() throws IOException {
        Path g = generator();
        CliRun r = CliRun.of("eval", "--weights", g.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--weights needs --dataroot");
        CliRun both = CliRun.of("eval", dir.toString(), dir.toString(), "--weights", g.toString(), "--dataroot",
                dir.toString());
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("drop REAL/FAKE");
        CliRun none = CliRun.of("eval", "--weights", g.toString(), "--dataroot", dir.resolve("nothing").toString());
        assertThat(none.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(none.err()).contains("testA and testB").doesNotContain("\tat ");
    }
}
