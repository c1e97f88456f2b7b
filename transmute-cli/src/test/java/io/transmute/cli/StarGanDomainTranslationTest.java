package io.transmute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.transmute.core.io.ImageCodec;
import io.transmute.core.io.ImageData;
import io.transmute.core.io.PthReader;
import io.transmute.core.model.StarGanRecords;
import io.transmute.core.random.Rng;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code translate --model stargan} on a model trained on domain folders: the folder names are the labels in every
 * checkpoint, and images go through the transform the model was trained with unless {@code --preprocess} says
 * otherwise.
 */
class StarGanDomainTranslationTest {
    private static final List<String> DOMAINS = List.of("mono", "sans", "serif", "serifbold");

    @TempDir
    static Path tmp;
    static Path run;
    static Path input;

    /** Four domains of three 20 px images each, a 3-iteration RaFD run at 16 px, and one 24x20 input image. */
    @BeforeAll
    static void trainTinyRun() {
        Path rafd = tmp.resolve("fonts");
        Rng rng = new Rng(11);
        for (int k = 0; k < DOMAINS.size(); k++) {
            for (int i = 0; i < 3; i++) {
                ImageCodec.write(rafd.resolve(DOMAINS.get(k)).resolve(i + ".png"), noise(rng, 20, 20, k / 4f));
            }
        }
        input = tmp.resolve("in").resolve("word.png");
        ImageCodec.write(input, noise(rng, 24, 20, 0.5f));
        CliRun train = CliRun.of("train", "--model", "stargan", "--dataset", "RaFD", "--rafd_image_dir",
                rafd.toString(), "--checkpoints_dir", tmp.resolve("ck").toString(), "--name", "fonts", "--c_dim", "4",
                "--image_size", "16", "--rafd_crop_size", "16", "--g_conv_dim", "8", "--d_conv_dim", "8",
                "--g_repeat_num", "1", "--d_repeat_num", "2", "--batch_size", "4", "--num_iters", "3",
                "--num_iters_decay", "0", "--n_critic", "1", "--model_save_step", "3", "--log_step", "3",
                "--sample_step", "3", "--num_threads", "0", "--threads", "1");
        assertThat(train.exitCode()).as(train.err() + train.out()).isZero();
        run = tmp.resolve("ck").resolve("fonts");
    }

    private static ImageData noise(Rng rng, int w, int h, float tint) {
        float[] planes = new float[3 * w * h];
        for (int i = 0; i < planes.length; i++) {
            planes[i] = Math.max(-1f, Math.min(1f, (float) (rng.nextDouble() * 2 - 1) * 0.8f + tint - 0.4f));
        }
        return new ImageData(3, h, w, planes, null, 8);
    }

    @Test
    void everyGeneratorFileOfTheRun_namesTheDomainFolders() {
        for (String file : List.of("3-G.ckpt", "latest_net_G.pth")) {
            assertThat(PthReader.readRecords(run.resolve(file))).as(file)
                    .containsEntry(StarGanRecords.LABELS, String.join("\n", DOMAINS))
                    .containsEntry(StarGanRecords.DATASET, "RaFD")
                    .containsEntry(StarGanRecords.IMAGE_SIZE, "16")
                    .containsEntry(StarGanRecords.CROP_SIZE, "16");
        }
    }

    @Test
    void translateAttrsNamesADomainFolder_withoutSelectedAttrs() throws Exception {
        for (String file : List.of("3-G.ckpt", "latest_net_G.pth")) {
            Path out = tmp.resolve("out-" + file);
            CliRun r = CliRun.of("translate", "--model", "stargan", "--weights", run.resolve(file).toString(),
                    "--attrs", "serifbold", "-o", out.toString(), "--threads", "1", input.toString());
            assertThat(r.exitCode()).as(file + ": " + r.err()).isZero();
            assertThat(r.out()).contains("mono sans serif serifbold");
            assertThat(out.resolve("word.png")).isRegularFile();
        }
    }

    @Test
    void byDefault_imagesGetTheTrainingTransform_centreCropThenResize() throws Exception {
        Path weights = run.resolve("latest_net_G.pth");
        Path out = tmp.resolve("default");
        CliRun r = CliRun.of("translate", "--model", "stargan", "--weights", weights.toString(), "--attrs", "sans",
                "-o", out.toString(), "--threads", "1", input.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("center crop 16, resize to 16");
        CliRun ckpt = CliRun.of("translate", "--model", "stargan", "--weights", run.resolve("3-G.ckpt").toString(),
                "--attrs", "sans", "-o", tmp.resolve("default-ckpt").toString(), "--threads", "1", input.toString());
        assertThat(ckpt.exitCode()).as(ckpt.err()).isZero();
        assertThat(ckpt.out()).as("the iteration file carries the run's crop too")
                .contains("center crop 16, resize to 16");
        // the same as translating the centre 16x16 square (columns 4-19, rows 2-17) whole
        ImageData whole = ImageCodec.read(input, 3);
        float[] crop = new float[3 * 16 * 16];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 16; y++) {
                System.arraycopy(whole.planes(), (c * 20 + y + 2) * 24 + 4, crop, (c * 16 + y) * 16, 16);
            }
        }
        Path cropped = tmp.resolve("cropped").resolve("word.png");
        ImageCodec.write(cropped, new ImageData(3, 16, 16, crop, null, 8));
        Path padOut = tmp.resolve("pad-of-crop");
        assertThat(CliRun.of("translate", "--model", "stargan", "--weights", weights.toString(), "--attrs", "sans",
                "--preprocess", "pad", "-o", padOut.toString(), "--threads", "1", cropped.toString()).exitCode())
                .isZero();
        // within one 8-bit level: the transform works on [0, 1] samples, whose float rounding can move an output
        // across a quantisation step
        float[] viaTransform = ImageCodec.read(out.resolve("word.png"), 3).planes();
        float[] viaCrop = ImageCodec.read(padOut.resolve("word.png"), 3).planes();
        float maxDiff = 0;
        for (int i = 0; i < viaCrop.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(viaTransform[i] - viaCrop[i]));
        }
        assertThat(viaTransform).hasSameSizeAs(viaCrop);
        assertThat(maxDiff).isLessThan(1.5f / 255 * 2);

        Path pad = tmp.resolve("pad");
        assertThat(CliRun.of("translate", "--model", "stargan", "--weights", weights.toString(), "--attrs", "sans",
                "--preprocess", "pad", "-o", pad.toString(), "--threads", "1", input.toString()).exitCode()).isZero();
        assertThat(ImageIO.read(pad.resolve("word.png").toFile()).getWidth()).isEqualTo(24);
        Path resized = tmp.resolve("resized");
        CliRun rc = CliRun.of("translate", "--model", "stargan", "--weights", weights.toString(), "--attrs", "sans",
                "--preprocess", "resize_and_crop", "--load_size", "28", "--crop_size", "20", "-o", resized.toString(),
                "--threads", "1", input.toString());
        assertThat(rc.exitCode()).as(rc.err()).isZero();
        assertThat(ImageIO.read(resized.resolve("word.png").toFile()).getWidth()).isEqualTo(20);
    }

    @Test
    void preprocessStargan_onAReferenceCheckpointWithoutSizes_asksForThem() throws Exception {
        Path bare = tmp.resolve("bare-G.ckpt");
        io.transmute.core.io.PthWriter.write(bare, PthReader.read(run.resolve("3-G.ckpt")), java.util.Map.of());
        CliRun r = CliRun.of("translate", "--model", "stargan", "--weights", bare.toString(), "--selected_attrs", "a,b,c,d", "--attrs", "d",
                "--preprocess", "stargan", "-o", tmp.resolve("bare").toString(), input.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.errorLine()).contains("--crop_size and --load_size");
        CliRun ok = CliRun.of("translate", "--model", "stargan", "--weights", bare.toString(), "--selected_attrs", "a,b,c,d", "--attrs", "d",
                "--preprocess", "stargan", "--crop_size", "18", "--load_size", "12", "-o",
                tmp.resolve("bare").toString(), "--threads", "1", input.toString());
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(ImageIO.read(tmp.resolve("bare/word.png").toFile()).getWidth()).isEqualTo(12);
    }
}
