package io.transmute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.transmute.core.io.ImageCodec;
import io.transmute.core.io.ImageData;
import io.transmute.core.io.PthReader;
import io.transmute.core.io.StateDict;
import io.transmute.core.io.TensorData;
import io.transmute.core.random.Rng;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train} and {@code test} with {@code --model stargan}, on a tiny generated folder-per-domain dataset. */
class StarGanCommandsTest {
    private static final float[][] COLOURS = {{1, -1, -1}, {-1, 1, -1}, {-1, -1, 1}};

    @TempDir
    static Path shared;
    static Path rafd;

    @TempDir
    Path tmp;

    /** Three colour domains of four 16 px images each: a random square in the domain's colour on gray. */
    @BeforeAll
    static void data() {
        rafd = shared.resolve("rafd");
        Rng rng = new Rng(7);
        String[] domains = {"blue", "green", "red"};
        for (int k = 0; k < domains.length; k++) {
            for (int i = 0; i < 4; i++) {
                int size = 16;
                float[] planes = new float[3 * size * size];
                int r = 3 + rng.nextInt(3);
                int cx = r + rng.nextInt(size - 2 * r);
                int cy = r + rng.nextInt(size - 2 * r);
                for (int y = 0; y < size; y++) {
                    for (int x = 0; x < size; x++) {
                        boolean in = Math.abs(x - cx) <= r && Math.abs(y - cy) <= r;
                        for (int c = 0; c < 3; c++) {
                            planes[(c * size + y) * size + x] = in ? COLOURS[2 - k][c] : 0f;
                        }
                    }
                }
                ImageCodec.write(rafd.resolve(domains[k]).resolve(i + ".png"),
                        new ImageData(3, size, size, planes, null, 8));
            }
        }
    }

    List<String> tiny(String name, String... extra) {
        List<String> a = new ArrayList<>(List.of("train", "--model", "stargan", "--dataset", "RaFD",
                "--rafd_image_dir", rafd.toString(), "--checkpoints_dir", tmp.resolve("ck").toString(), "--name", name,
                "--c_dim", "3", "--image_size", "16", "--rafd_crop_size", "16", "--g_conv_dim", "8", "--d_conv_dim",
                "8", "--g_repeat_num", "1", "--d_repeat_num", "2", "--batch_size", "4", "--num_iters", "6",
                "--num_iters_decay", "3", "--lr_update_step", "1", "--n_critic", "2", "--model_save_step", "3",
                "--log_step", "2", "--sample_step", "3", "--num_threads", "0", "--threads", "1"));
        for (int i = 0; i < extra.length; i += 2) {
            int at = a.indexOf(extra[i]);
            if (at >= 0) {
                a.set(at + 1, extra[i + 1]);
            } else {
                a.add(extra[i]);
                a.add(extra[i + 1]);
            }
        }
        return a;
    }

    static CliRun train(List<String> args) {
        CliRun r = CliRun.of(args.toArray(String[]::new));
        assertThat(r.exitCode()).as(r.err() + r.out()).isZero();
        return r;
    }

    @Test
    void train_runsTheIterationSchedule_withReferenceCheckpointsAndLossLabels() throws Exception {
        CliRun r = train(tiny("sg"));
        Path run = tmp.resolve("ck").resolve("sg");
        assertThat(run.resolve("3-G.ckpt")).exists();
        assertThat(run.resolve("3-D.ckpt")).exists();
        assertThat(run.resolve("6-G.ckpt")).exists();
        assertThat(run.resolve("6-D.ckpt")).exists();
        assertThat(run).isDirectoryNotContaining("glob:**/9-G.ckpt");
        assertThat(run.resolve("latest_train_state.pth")).exists();
        assertThat(r.out()).contains("Training finished");
        // one loss line every --log_step 2 iterations of 6, each with the reference's labels
        List<String> lossLines = Files.readAllLines(run.resolve("loss_log.txt")).stream()
                .filter(l -> l.contains("D/loss_real: ")).toList();
        assertThat(lossLines).hasSize(3);
        assertThat(lossLines.get(0)).contains("D/loss_fake: ", "D/loss_cls: ", "D/loss_gp: ", "G/loss_fake: ",
                "G/loss_rec: ", "G/loss_cls: ");
        String opts = Files.readString(run.resolve("train_opt.txt"));
        assertThat(opts).contains("num_iters: 6", "dataset: RaFD", "batch_size: 4", "[default: 16]");
        // the sample grid every --sample_step iterations
        assertThat(Files.readString(run.resolve("web").resolve("index.html"))).contains("images");
    }

    @Test
    void numItersDecay0_keepsTheRatesConstant_asTheReferenceAccepts() throws Exception {
        CliRun r = train(tiny("nodecay", "--num_iters_decay", "0"));
        assertThat(r.out()).contains("Training finished");
        assertThat(tmp.resolve("ck/nodecay/6-G.ckpt")).exists();
    }

    @Test
    void continueTrain_fromAStoppedRun_equalsAnUninterruptedRun() {
        train(tiny("whole"));
        CliRun first = train(tiny("parts", "--max_iters", "12"));
        Path parts = tmp.resolve("ck").resolve("parts");
        assertThat(first.out()).contains("Training stopped");
        assertThat(parts.resolve("3-G.ckpt")).exists();
        assertThat(parts.resolve("6-G.ckpt")).doesNotExist();
        CliRun rest = train(List.of("train", "--checkpoints_dir", tmp.resolve("ck").toString(), "--name", "parts",
                "--continue_train", "--threads", "1"));
        assertThat(rest.out()).contains("continuing exactly from").contains("Training finished");
        Path whole = tmp.resolve("ck").resolve("whole");
        for (String net : List.of("G", "D")) {
            assertSameWeights(PthReader.read(whole.resolve("6-" + net + ".ckpt")),
                    PthReader.read(parts.resolve("6-" + net + ".ckpt")));
        }
    }

    @Test
    void resumeIters_startsFromTheReferenceCheckpoint_andNamesTheSavedOnesWhenMissing() {
        train(tiny("ri", "--num_iters", "3"));
        Path run = tmp.resolve("ck").resolve("ri");
        CliRun missing = CliRun.of(tiny("ri", "--resume_iters", "5").toArray(String[]::new));
        assertThat(missing.exitCode()).as(missing.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(missing.errorLine()).contains("5-G.ckpt", "[3]");

        StateDict at3 = PthReader.read(run.resolve("3-G.ckpt"));
        train(tiny("ri", "--resume_iters", "3"));
        assertThat(run.resolve("6-G.ckpt")).exists();
        StateDict at6 = PthReader.read(run.resolve("6-G.ckpt"));
        assertThat(at6.keys()).containsExactlyElementsOf(at3.keys());
        boolean changed = at3.keys().stream().anyMatch(k -> !Arrays.equals(at3.get(k).data(), at6.get(k).data()));
        assertThat(changed).as("three more iterations change G").isTrue();
        assertThat(tmp.resolve("ck").resolve("ri").resolve("6-D.ckpt")).exists();
    }

    @Test
    void test_writesTheReferenceGridPerBatch_andTheResultsPage() {
        train(tiny("sgt"));
        Path results = tmp.resolve("results");
        CliRun t = CliRun.of("test", "--model", "stargan", "--checkpoints_dir", tmp.resolve("ck").toString(),
                "--name", "sgt", "--test_iters", "6", "--results_dir", results.toString(), "--threads", "1");
        assertThat(t.exitCode()).as(t.err()).isZero();
        assertThat(t.out()).contains("Tested 12 images");
        // 12 images in batches of 4: three grids, each 4 rows of (input + 3 domains) tiles of 16 px
        for (int i = 1; i <= 3; i++) {
            Path grid = results.resolve("sgt").resolve(i + "-images.jpg");
            assertThat(grid).exists();
            ImageData img = ImageCodec.read(grid, 3);
            assertThat(img.width()).isEqualTo(4 * 16);
            assertThat(img.height()).isEqualTo(4 * 16);
        }
        assertThat(results.resolve("sgt").resolve("4-images.jpg")).doesNotExist();
        assertThat(results.resolve("sgt").resolve("test_6").resolve("index.html")).exists();

        CliRun absent = CliRun.of("test", "--model", "stargan", "--checkpoints_dir", tmp.resolve("ck").toString(),
                "--name", "sgt", "--results_dir", results.toString());
        assertThat(absent.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(absent.errorLine()).contains("200000-G.ckpt", "[3, 6]");
    }

    @Test
    void unknownSelectedAttribute_isAOneLineError() throws Exception {
        Path images = tmp.resolve("celeba");
        Files.createDirectories(images);
        List<String> lines = new ArrayList<>(List.of("2", "Black_Hair Blond_Hair Male"));
        for (int i = 0; i < 2; i++) {
            String file = "00000" + i + ".png";
            ImageCodec.write(images.resolve(file), new ImageData(3, 16, 16, new float[3 * 16 * 16], null, 8));
            lines.add(file + " 1 -1 1");
        }
        Path attrs = tmp.resolve("list_attr_celeba.txt");
        Files.write(attrs, lines);
        CliRun r = CliRun.of("train", "--model", "stargan", "--dataset", "CelebA", "--celeba_image_dir",
                images.toString(), "--attr_path", attrs.toString(), "--selected_attrs", "Black_Hair", "Purple_Hair",
                "--c_dim", "2", "--checkpoints_dir", tmp.resolve("ck").toString(), "--name", "bad");
        assertThat(r.exitCode()).as(r.err()).isIn(ExitCodes.USAGE, ExitCodes.BAD_INPUT);
        assertThat(r.errorLine()).contains("Purple_Hair");
        assertThat(r.err()).doesNotContain("\tat ");
    }

    @Test
    void domainCountOtherThanCDim_isAOneLineError() {
        List<String> a = tiny("cdim");
        a.set(a.indexOf("--c_dim") + 1, "5");
        CliRun r = CliRun.of(a.toArray(String[]::new));
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.errorLine()).contains("give --c_dim 3");
    }

    private static void assertSameWeights(StateDict expected, StateDict actual) {
        assertThat(actual.keys()).containsExactlyElementsOf(expected.keys());
        for (String k : expected.keys()) {
            TensorData e = expected.get(k);
            TensorData a = actual.get(k);
            assertThat(a.data()).as(k).isEqualTo(e.data());
        }
    }
}
