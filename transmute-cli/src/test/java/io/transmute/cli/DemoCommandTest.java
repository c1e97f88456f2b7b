package io.transmute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
    @TempDir
    Path dir;

    @Test
    void cycleGanDemo_generatesUnpairedDomains_trainsWithinItsBudget_andWritesBothReports() {
        CliRun run = CliRun.of("demo", "--model", "cycle_gan", "--minutes", "0.05", "--workdir", dir.toString(),
                "--threads", "2");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("Training cycle_gan (resnet_6blocks, ngf 16, lr 0.0005)")
                .contains("Held-out mean |G(A) - B|")
                .contains("budget stopped training at epoch 1 of ")
                .contains("--name shapes_cyclegan --continue_train");
        Path data = dir.resolve("datasets/shapes_unpaired");
        assertThat(data.resolve("trainA")).isDirectory();
        assertThat(data.resolve("testB")).isDirectory();
        assertThat(dir.resolve("checkpoints/shapes_cyclegan/web/index.html")).isRegularFile();
        Path results = dir.resolve("results/shapes_cyclegan/test_latest");
        assertThat(results.resolve("index.html")).isRegularFile();
        assertThat(results.resolve("images/0000_fake_B.png")).isRegularFile();
        assertThat(results.resolve("images/0015_rec_A.png")).isRegularFile();

        // the printed command continues the run exactly where the budget stopped it
        String printed = run.out().lines().dropWhile(l -> !l.contains("Continue with:")).skip(1).findFirst()
                .orElseThrow().trim();
        assertThat(printed).startsWith("transmute train ");
        List<String> args = new ArrayList<>(List.of(printed.substring("transmute ".length()).split(" ")));
        long trained = Long.parseLong(run.out().replaceAll("(?s).*\\(total_iters (\\d+)\\).*", "$1"));
        args.addAll(List.of("--max_iters", Long.toString(trained + 2), "--threads", "2"));
        CliRun more = CliRun.of(args.toArray(String[]::new));
        assertThat(more.exitCode()).as(more.err()).isEqualTo(ExitCodes.OK);
        assertThat(more.out()).contains("continuing exactly from").contains("total_iters " + (trained + 2));
    }

    @Test
    void unknownModel_isAOneLineUsageError() throws Exception {
        CliRun run = CliRun.of("demo", "--model", "stargan", "--workdir", dir.toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.errorLine()).contains("pix2pix").contains("cycle_gan");
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }
}
