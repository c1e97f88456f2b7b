package io.transmute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.transmute.core.data.SyntheticShapes;
import io.transmute.core.train.RunLock;
import io.transmute.core.train.TrainingCheckpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run folder belongs to one run at a time, and a new run never silently replaces an old one. */
class TrainRunFolderTest {
    @TempDir
    static Path shared;
    static Path shapes;

    @TempDir
    Path tmp;

    @BeforeAll
    static void data() {
        shapes = shared.resolve("shapes");
        SyntheticShapes.writeAligned(shapes, 4, 1, 32, 1);
    }

    CliRun train(Path data, String... extra) {
        List<String> a = new ArrayList<>(List.of("train", "--dataroot", data.toString(), "--checkpoints_dir",
                tmp.resolve("ck").toString(), "--name", "tiny", "--model", "pix2pix", "--netG", "unet_32", "--ngf",
                "4", "--ndf", "4", "--load_size", "32", "--crop_size", "32", "--batch_size", "2", "--n_epochs", "1",
                "--n_epochs_decay", "0", "--num_threads", "0", "--threads", "1", "--no_html"));
        for (int i = 0; i < extra.length; i++) {
            int at = a.indexOf(extra[i]);
            boolean flag = i + 1 >= extra.length || extra[i + 1].startsWith("--");
            if (at >= 0 && !flag) {
                a.set(at + 1, extra[++i]);
            } else {
                a.add(extra[i]);
                if (!flag) {
                    a.add(extra[++i]);
                }
            }
        }
        return CliRun.of(a.toArray(String[]::new));
    }

    @Test
    void newRunOverAnExistingName_needsOverwrite(@TempDir Path unused) throws IOException {
        CliRun first = train(shapes);
        assertThat(first.exitCode()).as(first.err()).isZero();
        Path g = tmp.resolve("ck/tiny/latest_net_G.pth");
        byte[] before = Files.readAllBytes(g);

        CliRun again = train(shapes, "--seed", "9");
        assertThat(again.exitCode()).as(again.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(again.errorLine()).contains("already holds a run").contains("--continue_train")
                .contains("--overwrite");
        assertThat(again.out()).doesNotContain("----------------- Options");
        assertThat(Files.readAllBytes(g)).isEqualTo(before);

        CliRun replaced = train(shapes, "--seed", "9", "--overwrite");
        assertThat(replaced.exitCode()).as(replaced.err()).isZero();
        assertThat(Files.readAllBytes(g)).isNotEqualTo(before);
    }

    @Test
    void aRunFolderInUse_failsFastNamingTheHoldersPid() {
        try (RunLock held = RunLock.acquire(tmp.resolve("ck/tiny"))) {
            CliRun r = train(shapes);
            assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(r.errorLine()).contains("in use by another training run")
                    .contains("pid " + ProcessHandle.current().pid());
        }
        assertThat(train(shapes).exitCode()).isZero();
    }

    @Test
    void nameThatIsNotAFolderOfItsOwn_isRefused() {
        for (String name : new String[] {".", "..", "a/../..", ""}) {
            List<String> a = new ArrayList<>(List.of("train", "--dataroot", shapes.toString(), "--checkpoints_dir",
                    tmp.resolve("ck").toString(), "--name", name));
            CliRun r = CliRun.of(a.toArray(String[]::new));
            assertThat(r.exitCode()).as(name + ": " + r.err()).isEqualTo(ExitCodes.USAGE);
            assertThat(r.errorLine()).contains("--name");
        }
        assertThat(tmp.resolve("ck/train_opt.txt")).doesNotExist();
    }

    @Test
    void continuing_removesStaleTemporaries_andRewritesAMissingEpochSnapshot() throws IOException {
        CliRun first = train(shapes, "--save_epoch_freq", "1");
        assertThat(first.exitCode()).as(first.err()).isZero();
        Path run = tmp.resolve("ck/tiny");
        // as a kill during the epoch snapshot leaves it: latest is written, the snapshot only in part
        Files.delete(run.resolve("1_train_state.pth"));
        Files.delete(run.resolve("1_net_D.pth"));
        Path stale = Files.writeString(run.resolve(".1_net_D.pth.5f3a.tmp"), "half a file");
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minusSeconds(60)));

        CliRun more = train(shapes, "--continue_train", "--n_epochs", "2");
        assertThat(more.exitCode()).as(more.err()).isZero();
        assertThat(stale).doesNotExist();
        assertThat(more.err()).contains("removed " + stale);
        assertThat(run.resolve("1_net_D.pth")).exists();
        TrainingCheckpoint.Saved epoch1 = TrainingCheckpoint.read(run.resolve("1_train_state.pth"));
        assertThat(epoch1.position().epoch()).isEqualTo(1);
        assertThat(epoch1.position().totalIters()).isEqualTo(4);
        assertThat(TrainingCheckpoint.read(run.resolve("latest_train_state.pth")).position().totalIters())
                .isEqualTo(8);
    }

    @Test
    void datasetErrorsComeFirst_andSkippedImagesAreCountedAtTheEnd() throws IOException {
        CliRun empty = train(Files.createDirectories(tmp.resolve("nothing")));
        assertThat(empty.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(empty.out()).doesNotContain("----------------- Options");

        Path data = tmp.resolve("data");
        SyntheticShapes.writeAligned(data, 4, 1, 32, 1);
        Files.writeString(data.resolve("train/zz_broken.png"), "not an image");
        CliRun r = train(data);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("----------------- Options")
                .contains("Skipped 1 unreadable image(s), e.g. " + data.resolve("train/zz_broken.png"));
        List<String> warnings = r.err().lines().filter(l -> l.contains("zz_broken")).toList();
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).startsWith("warning: skipping unreadable image");
        assertThat(r.err()).doesNotContain("io.transmute.core.data.DataLoader");
    }
}
