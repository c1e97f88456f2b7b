package io.transmute.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.transmute.core.DataException;
import io.transmute.core.random.Rng;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetTest {
    @TempDir
    Path root;

    @Test
    void emptyAlignedFolder_explainsTheExpectedLayout() throws Exception {
        Files.createDirectories(root.resolve("train"));
        Files.writeString(root.resolve("train/readme.txt"), "not an image");
        DataOptions o = DataOptions.defaults(root, DatasetMode.ALIGNED);
        assertThatThrownBy(() -> Dataset.open(o)).isInstanceOf(DataException.class)
                .hasMessage(root.resolve("train") + ": no images found; aligned mode expects <dataroot>/train/*.jpg "
                        + "with A and B side by side (A|B)");
    }

    @Test
    void misLaidFolder_pointsToTheModeItLooksLike() throws Exception {
        TestImages.rgb(root.resolve("trainA/a.png"), 4, 4, (x, y) -> 0);
        TestImages.rgb(root.resolve("trainB/b.png"), 4, 4, (x, y) -> 0);
        assertThatThrownBy(() -> Dataset.open(DataOptions.defaults(root, DatasetMode.ALIGNED)))
                .hasMessage(root.resolve("train") + ": no such folder; aligned mode expects <dataroot>/train/*.jpg "
                        + "with A and B side by side (A|B); found trainA/ and trainB/, use --dataset_mode unaligned");
        Files.delete(root.resolve("trainB/b.png"));
        assertThatThrownBy(() -> Dataset.open(DataOptions.defaults(root, DatasetMode.UNALIGNED)))
                .hasMessageStartingWith(root.resolve("trainB") + ": no images found; unaligned mode expects "
                        + "<dataroot>/trainA/*.jpg and <dataroot>/trainB/*.jpg");
    }

    @Test
    void discovery_isRecursiveSortedCaseInsensitiveAndCapped() throws Exception {
        Path dir = root.resolve("train");
        TestImages.rgb(dir.resolve("b.PNG"), 4, 2, (x, y) -> 0);
        TestImages.rgb(dir.resolve("a.png"), 4, 2, (x, y) -> 0);
        TestImages.rgb(dir.resolve("sub/c.bmp"), 4, 2, (x, y) -> 0);
        TestImages.rgb(dir.resolve("z.gif"), 4, 2, (x, y) -> 0);
        DataOptions o = DataOptions.defaults(root, DatasetMode.ALIGNED);
        assertThat(Dataset.open(o).files()).containsExactly(dir.resolve("a.png"), dir.resolve("b.PNG"),
                dir.resolve("sub/c.bmp"));
        assertThat(Dataset.open(o.withMaxDatasetSize(2)).files()).containsExactly(dir.resolve("a.png"),
                dir.resolve("b.PNG"));
    }

    @Test
    void symlinkedPhaseFolder_isFollowed() throws Exception {
        Path elsewhere = root.resolve("storage");
        TestImages.rgb(elsewhere.resolve("a.png"), 4, 2, (x, y) -> 0);
        Files.createDirectories(root.resolve("data"));
        Files.createSymbolicLink(root.resolve("data/train"), elsewhere);
        DataOptions o = DataOptions.defaults(root.resolve("data"), DatasetMode.ALIGNED);
        assertThat(Dataset.open(o).files()).containsExactly(root.resolve("data/train/a.png"));
    }

    @Test
    void aligned_splitsAtHalfWidth() {
        TestImages.rgb(root.resolve("train/p.png"), 20, 10, (x, y) -> x < 10 ? 0xFF0000 : 0x0000FF);
        DataOptions o = DataOptions.defaults(root, DatasetMode.ALIGNED).withPreprocess(Preprocess.NONE, 286, 256)
                .withNoFlip(true);
        Sample s = Dataset.open(o).get(0, new Rng(0));
        // each 10x10 half is rounded to a multiple of 4 with Python's round(2.5) == 2
        assertThat(s.a().shape()).containsExactly(3, 8, 8);
        assertThat(s.a().get(0, 4, 4)).isEqualTo(1f);
        assertThat(s.a().get(2, 4, 4)).isEqualTo(-1f);
        assertThat(s.b().get(0, 4, 4)).isEqualTo(-1f);
        assertThat(s.b().get(2, 4, 4)).isEqualTo(1f);
        assertThat(s.aPath()).isEqualTo(s.bPath()).isEqualTo(root.resolve("train/p.png"));
    }

    @Test
    void aligned_appliesTheSameCropAndFlipToAAndB() {
        // B is A with inverted colours, so after any shared geometry B == -A
        int w = 40;
        int h = 30;
        TestImages.rgb(root.resolve("train/pair.png"), 2 * w, h, (x, y) -> x < w ? TestImages.pattern(x, y)
                : 0xFFFFFF - TestImages.pattern(x - w, y));
        DataOptions crop = DataOptions.defaults(root, DatasetMode.ALIGNED).withPreprocess(Preprocess.CROP, 32, 16);
        DataOptions resize = crop.withPreprocess(Preprocess.RESIZE_AND_CROP, 36, 24);
        Dataset exact = Dataset.open(crop);
        Dataset resized = Dataset.open(resize);
        boolean sawFlip = false;
        boolean sawNoFlip = false;
        for (int seed = 0; seed < 16; seed++) {
            Sample s = exact.get(0, new Rng(seed));
            assertThat(s.a().shape()).containsExactly(3, 16, 16);
            float[] a = s.a().values();
            float[] b = s.b().values();
            for (int i = 0; i < a.length; i++) {
                assertThat(b[i]).isCloseTo(-a[i], within(1e-6f));
            }
            boolean flipped = isFlipped(s.a(), w, h);
            sawFlip |= flipped;
            sawNoFlip |= !flipped;
            Sample r = resized.get(0, new Rng(seed));
            float[] ra = r.a().values();
            float[] rb = r.b().values();
            for (int i = 0; i < ra.length; i++) {
                // PIL rounds each of its two passes to 8 bits, so inversion commutes with resizing only to
                // a few levels (2/255 each on the [-1, 1] scale)
                assertThat(rb[i]).isCloseTo(-ra[i], within(6.01f / 255f));
            }
        }
        assertThat(sawFlip).isTrue();
        assertThat(sawNoFlip).isTrue();
    }

    /** Whether the crop's top row runs right to left in the source pattern. */
    private static boolean isFlipped(ImagePlane a, int w, int h) {
        for (int x0 = 0; x0 + 16 <= w; x0++) {
            for (int y0 = 0; y0 + 16 <= h; y0++) {
                if (matches(a, x0, y0, true)) {
                    return true;
                }
                if (matches(a, x0, y0, false)) {
                    return false;
                }
            }
        }
        throw new AssertionError("the crop is not a window of the source");
    }

    private static boolean matches(ImagePlane a, int x0, int y0, boolean flipped) {
        for (int x = 0; x < 16; x++) {
            int sx = flipped ? x0 + 15 - x : x0 + x;
            int red = (TestImages.pattern(sx, y0) >> 16) & 0xFF;
            if (Math.round((a.get(0, x, 0) + 1) / 2 * 255) != red) {
                return false;
            }
        }
        return true;
    }

    @Test
    void unaligned_sizeIsTheLargerDomain_andSerialBatchesPairByIndex() {
        for (int i = 0; i < 5; i++) {
            TestImages.rgb(root.resolve("trainA/a" + i + ".png"), 8, 8, (x, y) -> 0);
        }
        for (int i = 0; i < 2; i++) {
            TestImages.rgb(root.resolve("trainB/b" + i + ".png"), 8, 8, (x, y) -> 0);
        }
        DataOptions o = DataOptions.defaults(root, DatasetMode.UNALIGNED).withPreprocess(Preprocess.CROP, 8, 8)
                .withSerialBatches(true);
        Dataset d = Dataset.open(o);
        assertThat(d.size()).isEqualTo(5);
        Sample s = d.get(3, new Rng(0));
        assertThat(s.aPath().getFileName()).hasToString("a3.png");
        assertThat(s.bPath().getFileName()).hasToString("b1.png");
    }

    @Test
    void single_readsTheDatarootItself_withGrayInput() {
        TestImages.rgb(root.resolve("x.jpg"), 8, 8, (x, y) -> 0x808080);
        DataOptions o = DataOptions.defaults(root, DatasetMode.SINGLE).withChannels(1, 3)
                .withPreprocess(Preprocess.NONE, 8, 8);
        Sample s = Dataset.open(o).get(0, new Rng(0));
        assertThat(s.hasB()).isFalse();
        assertThat(s.a().shape()).containsExactly(1, 8, 8);
    }

    @Test
    void colorization_givesScaledLightnessAndAb() {
        TestImages.rgb(root.resolve("train/red.png"), 8, 8, (x, y) -> 0xFF0000);
        DataOptions o = DataOptions.defaults(root, DatasetMode.COLORIZATION).withPreprocess(Preprocess.CROP, 8, 8);
        Sample s = Dataset.open(o).get(0, new Rng(0));
        assertThat(s.a().shape()).containsExactly(1, 8, 8);
        assertThat(s.b().shape()).containsExactly(2, 8, 8);
        assertThat(s.a().get(0, 3, 3)).isCloseTo(53.2408f / 50f - 1f, within(1e-4f));
        assertThat(s.b().get(0, 3, 3)).isCloseTo(80.0925f / 110f, within(1e-4f));
        assertThat(s.b().get(1, 3, 3)).isCloseTo(67.2032f / 110f, within(1e-4f));
    }
}
