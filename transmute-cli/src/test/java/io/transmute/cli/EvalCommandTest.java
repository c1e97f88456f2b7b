package io.transmute.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalCommandTest {
    // the core module's copies of the evaluation fixtures (tests run in the module folder)
    private static final Path FIXTURES = Path.of("..", "transmute-core", "src", "test", "resources", "fixtures",
            "eval");

    private static Path pairedFolders(Path dir) throws IOException {
        Path real = Files.createDirectories(dir.resolve("real").resolve("sub"));
        Path fake = Files.createDirectories(dir.resolve("fake").resolve("sub"));
        for (int i = 0; i < 4; i++) {
            Files.copy(FIXTURES.resolve("paired/a_" + i + ".png"), real.resolve("p" + i + ".png"));
            Files.copy(FIXTURES.resolve("paired/b_" + i + ".png"), fake.resolve("p" + i + ".png"));
        }
        return dir;
    }

    @Test
    void pairedMetrics_writeJsonWithMetricKeys(@TempDir Path dir) throws IOException {
        pairedFolders(dir);
        Path json = dir.resolve("scores.json");
        CliRun r = CliRun.of("eval", dir.resolve("real").toString(), dir.resolve("fake").toString(), "--metrics",
                "l1,psnr,ssim", "--json", json.toString(), "--quiet");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
        JsonNode j = new ObjectMapper().readTree(json.toFile());
        JsonNode expected = new ObjectMapper().readTree(FIXTURES.resolve("paired/paired.json").toFile()).get("pairs");
        double ssim = 0;
        for (JsonNode p : expected) {
            ssim += p.get("ssim").asDouble() / expected.size();
        }
        assertThat(j.get("ssim").asDouble()).isCloseTo(ssim, org.assertj.core.api.Assertions.within(1e-6));
        assertThat(j.get("n_pairs").asInt()).isEqualTo(4);
        assertThat(j.has("l1")).isTrue();
        assertThat(j.has("psnr")).isTrue();
        assertThat(j.has("transmute_version")).isTrue();
        assertThat(r.out()).contains("ssim").contains("4 pairs");
    }

    @Test
    void unreadableAndUnmatchedImages_areListedAndSkipped(@TempDir Path dir) throws IOException {
        pairedFolders(dir);
        Files.writeString(dir.resolve("fake/sub/p1.png"), "not an image");
        Files.copy(FIXTURES.resolve("paired/a_0.png"), dir.resolve("real/extra.png"));
        CliRun r = CliRun.of("eval", dir.resolve("real").toString(), dir.resolve("fake").toString(), "--metrics",
                "ssim", "--quiet");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.PARTIAL);
        assertThat(r.err()).contains("warning: skipped").contains("p1.png")
                .contains("warning: unmatched: ").contains("extra.png");
        assertThat(r.out()).contains("3 pairs").contains("1 skipped");
    }

    @Test
    void fidWithoutWeights_namesTheFileAndWhereItIsPublished(@TempDir Path dir) throws IOException {
        assumeTrue(System.getenv("TRANSMUTE_FID_WEIGHTS") == null, "skipped: TRANSMUTE_FID_WEIGHTS is set");
        pairedFolders(dir);
        CliRun r = CliRun.of("eval", dir.resolve("real").toString(), dir.resolve("fake").toString(), "--quiet");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.errorLine()).contains("pt_inception-2015-12-05-6726825d.pth")
                .contains("https://github.com/mseitzer/pytorch-fid/releases").contains("Conv2d_1a_3x3.conv.weight");
    }

    @Test
    void wrongWeightsFile_namesItsProblem(@TempDir Path dir) throws IOException {
        pairedFolders(dir);
        CliRun r = CliRun.of("eval", dir.resolve("real").toString(), dir.resolve("fake").toString(), "--metrics",
                "fid", "--fid_weights", FIXTURES.resolve("lpips_v0.1_vgg.pth").toString(), "--quiet");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.errorLine()).contains("not FID Inception weights").contains("missing");
    }

    @Test
    void fewerThanTwoImages_isAnError(@TempDir Path dir) throws IOException {
        Path one = Files.createDirectories(dir.resolve("one"));
        Files.copy(FIXTURES.resolve("paired/a_0.png"), one.resolve("x.png"));
        Path weights = sharedWeights();
        CliRun r = CliRun.of("eval", one.toString(), FIXTURES.resolve("fid_fake").toString(), "--dims", "64",
                "--metrics", "fid", "--fid_weights", weights.toString(), "--quiet");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.errorLine()).contains("1 readable image of 1").contains("at least 2");
    }

    @Test
    void saveStats_thenStatsInPlaceOfFolder_giveSameFid(@TempDir Path dir) throws IOException {
        Path weights = sharedWeights();
        Path stats = dir.resolve("real.npz");
        Path json = dir.resolve("a.json");
        CliRun a = CliRun.of("eval", FIXTURES.resolve("fid_real").toString(), FIXTURES.resolve("fid_fake").toString(),
                "--dims", "64", "--fid_weights", weights.toString(), "--save_stats", stats.toString(), "--json",
                json.toString(), "--quiet", "--kid_subsets", "5", "--kid_subset_size", "50");
        assertThat(a.exitCode()).as(a.err()).isEqualTo(ExitCodes.OK);
        JsonNode j = new ObjectMapper().readTree(json.toFile());
        JsonNode expected = new ObjectMapper().readTree(FIXTURES.resolve("eval.json").toFile());
        double fid = expected.get("fid").get("64").asDouble();
        assertThat(j.get("fid").asDouble()).isCloseTo(fid, org.assertj.core.api.Assertions.within(1e-3 * fid));
        assertThat(j.get("n_real").asInt()).isEqualTo(60);
        assertThat(j.get("kid_std").asDouble()).isPositive();
        assertThat(j.get("weights_sha256").get("fid_inception_random_f16.pth").asText()).hasSize(64);
        Path json2 = dir.resolve("b.json");
        CliRun b = CliRun.of("eval", stats.toString(), FIXTURES.resolve("fid_fake").toString(), "--dims", "64",
                "--metrics", "fid", "--fid_weights", weights.toString(), "--json", json2.toString(), "--quiet");
        assertThat(b.exitCode()).as(b.err()).isEqualTo(ExitCodes.OK);
        assertThat(new ObjectMapper().readTree(json2.toFile()).get("fid").asDouble())
                .isCloseTo(j.get("fid").asDouble(), org.assertj.core.api.Assertions.within(1e-9));
    }

    private static Path sharedWeights() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path c = p.resolve("shared/fixtures/eval/fid_inception_random_f16.pth");
            if (Files.isRegularFile(c)) {
                return c;
            }
        }
        assumeTrue(false, "skipped: shared/fixtures/eval/fid_inception_random_f16.pth not found (not in the"
                + " repository)");
        return null;
    }
}
