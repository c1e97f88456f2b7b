package io.transmute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.transmute.core.io.Npy;
import io.transmute.core.io.TensorData;
import io.transmute.core.nn.GeneratorSpec;
import io.transmute.core.nn.NormType;
import io.transmute.core.nn.UpsampleType;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a user expects of any command line. */
class CliBasicsTest {
    @Test
    void version_comesFromTheBuild() {
        CliRun r = CliRun.of("--version");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out().lines().findFirst().orElseThrow()).matches("transmute \\d+\\.\\d+\\.\\d+.*")
                .doesNotContain("dev");
    }

    @Test
    void bareCommand_printsUsage_andExits2() {
        CliRun r = CliRun.of();
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("Usage: transmute").contains("translate");
    }

    @Test
    void completionScript_isGenerated() {
        CliRun r = CliRun.of("generate-completion");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("complete").contains("translate").contains("--weights");
    }

    @Test
    void threadsAboveTheCoreCount_areWarnedAbout(@TempDir Path tmp) {
        Path g = tmp.resolve("G.pth");
        TestWeights.generator(g,
                GeneratorSpec.of("resnet_6blocks", 3, 3, 4, NormType.INSTANCE, false, UpsampleType.DECONV));
        Path x = tmp.resolve("x.npy");
        Npy.write(x, TensorData.ofFloats(new float[3 * 8 * 8], 3, 8, 8));
        int cores = Runtime.getRuntime().availableProcessors();
        CliRun r = CliRun.of("translate", "--weights", g.toString(), x.toString(), "-o", tmp.resolve("o").toString(),
                "--threads", Integer.toString(cores + 1));
        CliRun.of("translate", "--weights", g.toString(), x.toString(), "-o", tmp.resolve("o").toString(),
                "--threads", "1");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("warning: --threads " + (cores + 1) + " is more than the " + cores + " core(s)");
    }
}
