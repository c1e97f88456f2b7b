package io.transmute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.transmute.core.data.SyntheticShapes;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {
    @TempDir
    static Path shared;
    static Path shapes;

    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {
    }

    @BeforeAll
    static void data() {
        shapes = shared.resolve("shapes");
        SyntheticShapes.writeAligned(shapes, 4, 3, 32, 1);
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = TransmuteCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    List<String> tiny(String... extra) {
        List<String> a = new ArrayList<>(List.of("train", "--dataroot", shapes.toString(), "--checkpoints_dir",
                tmp.resolve("ck").toString(), "--name", "tiny", "--model", "pix2pix", "--netG", "unet_32", "--ngf",
                "8", "--ndf", "8", "--load_size", "32", "--crop_size", "32", "--batch_size", "2", "--n_epochs", "1",
                "--n_epochs_decay", "1", "--print_freq", "2", "--display_freq", "2", "--num_threads", "0",
                "--threads", "1"));
        for (int i = 0; i < extra.length; i++) {
            int at = a.indexOf(extra[i]);
            boolean flag = i + 1 >= extra.length || extra[i + 1].startsWith("--");
            if (at >= 0 && !flag) {
                a.set(at + 1, extra[++i]);
            } else if (at < 0) {
                a.add(extra[i]);
                if (!flag) {
                    a.add(extra[++i]);
                }
            }
        }
        return a;
    }

    static void assertOneLineError(Run r, int code, String... fragments) {
        assertThat(r.code()).as(r.err()).isEqualTo(code);
        assertThat(r.err().strip()).startsWith("error: ").doesNotContain("\tat ");
        assertThat(r.err().strip().lines().count()).as(r.err()).isLessThanOrEqualTo(2);
        for (String f : fragments) {
            assertThat(r.err()).contains(f);
        }
    }

    @Test
    void trainThenTest_endToEnd_writesCheckpointsReportAndResultsPage() throws Exception {
        Run train = run(tiny().toArray(String[]::new));
        assertThat(train.code()).as(train.err()).isZero();
        Path runDir = tmp.resolve("ck").resolve("tiny");
        assertThat(train.out()).contains("----------------- Options ---------------")
                .contains("The number of training images = 4")
                .contains("(epoch: 1, iters: 2, time: ")
                .contains("End of epoch 2 / 2")
                .contains("Report:      " + runDir.resolve("web").resolve("index.html"));
        assertThat(runDir.resolve("latest_net_G.pth")).exists();
        assertThat(runDir.resolve("latest_train_state.pth")).exists();
        assertThat(runDir.resolve("web").resolve("index.html")).exists();
        assertThat(Files.readString(runDir.resolve("loss_log.txt"))).contains("G_L1: ");
        assertThat(Files.readString(runDir.resolve("train_opt.txt"))).contains("[default: unet_256]");

        Path results = tmp.resolve("results");
        Run test = run("test", "--checkpoints_dir", tmp.resolve("ck").toString(), "--name", "tiny",
                "--results_dir", results.toString(), "--num_test", "2", "--eval");
        assertThat(test.code()).as(test.err()).isZero();
        Path page = results.resolve("tiny").resolve("test_latest").resolve("index.html");
        assertThat(test.out()).contains("Tested 2 images").contains(page.toString());
        String html = Files.readString(page);
        assertThat(html).contains("0000_real_A.png").contains("0000_fake_B.png").contains("0000_real_B.png")
                .contains("0001_fake_B.png").doesNotContain("0002_fake_B.png");
    }

    @Test
    void continueTrain_resumesWithStoredOptions_andRejectsArchitectureChanges() {
        Run first = run(tiny("--max_iters", "4").toArray(String[]::new));
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).contains("Training stopped at epoch 1, total_iters 4").contains("--continue_train");

        Run bad = run("train", "--checkpoints_dir", tmp.resolve("ck").toString(), "--name", "tiny",
                "--continue_train", "--ngf", "16");
        assertOneLineError(bad, ExitCodes.USAGE, "--ngf 16 (the run has 8)");

        Run rest = run("train", "--checkpoints_dir", tmp.resolve("ck").toString(), "--name", "tiny",
                "--continue_train", "--print_freq", "4");
        assertThat(rest.code()).as(rest.err()).isZero();
        assertThat(rest.out()).contains("continuing exactly from").contains("Training finished at epoch 2, total_iters 8");
    }

    @Test
    void emptyDatasetFolder_isBadInput() throws Exception {
        Path empty = tmp.resolve("empty");
        Files.createDirectories(empty.resolve("train"));
        List<String> a = tiny();
        a.set(a.indexOf("--dataroot") + 1, empty.toString());
        assertOneLineError(run(a.toArray(String[]::new)), ExitCodes.BAD_INPUT, empty.toString());
    }

    @Test
    void misLaidDataset_showsTheExpectedLayout() throws Exception {
        Path wrong = tmp.resolve("wrong");
        Files.createDirectories(wrong.resolve("trainA"));
        Files.copy(shapes.resolve("train").resolve("0000.png"), wrong.resolve("trainA").resolve("0000.png"));
        List<String> a = tiny();
        a.set(a.indexOf("--dataroot") + 1, wrong.toString());
        Run r = run(a.toArray(String[]::new));
        assertOneLineError(r, ExitCodes.BAD_INPUT, "train");
    }

    @Test
    void cropLargerThanLoad_isAUsageError() {
        assertOneLineError(run(tiny("--crop_size", "64").toArray(String[]::new)), ExitCodes.USAGE,
                "--crop_size 64 is larger than --load_size 32");
    }

    @Test
    void unknownModel_listsTheKnownOnes() {
        assertOneLineError(run(tiny("--model", "pix3pix").toArray(String[]::new)), ExitCodes.USAGE,
                "pix3pix", "pix2pix", "cycle_gan");
    }

    @Test
    void missingDataroot_isAUsageError() {
        assertOneLineError(run("train", "--name", "x", "--checkpoints_dir", tmp.toString()), ExitCodes.USAGE,
                "--dataroot is required");
    }

    @Test
    void corruptCheckpointOnContinue_isBadInput() throws Exception {
        Path runDir = tmp.resolve("ck").resolve("broken");
        Files.createDirectories(runDir);
        Files.write(runDir.resolve("latest_train_state.pth"), new byte[] {'P', 'K', 3, 4, 0, 0, 1});
        Run r = run("train", "--checkpoints_dir", tmp.resolve("ck").toString(), "--name", "broken",
                "--continue_train");
        assertOneLineError(r, ExitCodes.BAD_INPUT, "latest_train_state.pth", "corrupt");
    }

    @Test
    void continueWithoutAnyCheckpoint_saysWhereItLooked() {
        Run r = run("train", "--checkpoints_dir", tmp.resolve("ck").toString(), "--name", "none",
                "--continue_train");
        assertOneLineError(r, ExitCodes.BAD_INPUT, "no checkpoint 'latest'", "--name");
    }
}
