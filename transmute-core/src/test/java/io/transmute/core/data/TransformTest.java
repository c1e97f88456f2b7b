package io.transmute.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.transmute.core.random.Rng;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TransformTest {
    private static final Path P = Path.of("x.png");

    private static Picture blank(int w, int h) {
        return new Picture(3, w, h, new float[3 * w * h], 8);
    }

    private static int[] outSize(Preprocess mode, int load, int crop, int w, int h) {
        DataOptions o = DataOptions.defaults(Path.of("d"), DatasetMode.ALIGNED).withPreprocess(mode, load, crop);
        Picture in = blank(w, h);
        Picture out = Transform.apply(in, o, Transform.params(o, w, h, new Rng(3)), P);
        return new int[] {out.width(), out.height()};
    }

    @Test
    void eachPreprocessMode_givesTheReferenceSize() {
        assertThat(outSize(Preprocess.RESIZE_AND_CROP, 286, 256, 400, 300)).containsExactly(256, 256);
        assertThat(outSize(Preprocess.CROP, 286, 256, 400, 300)).containsExactly(256, 256);
        // width to load_size; height 286 * 300 / 400 = 214.5 is raised to crop_size
        assertThat(outSize(Preprocess.SCALE_WIDTH, 286, 256, 400, 300)).containsExactly(286, 256);
        assertThat(outSize(Preprocess.SCALE_WIDTH, 286, 100, 400, 300)).containsExactly(286, 214);
        assertThat(outSize(Preprocess.SCALE_WIDTH_AND_CROP, 286, 256, 400, 300)).containsExactly(256, 256);
        assertThat(outSize(Preprocess.NONE, 286, 256, 401, 299)).containsExactly(400, 300);
        // Python's round(2.5) is 2: halves go to even
        assertThat(outSize(Preprocess.NONE, 286, 256, 10, 18)).containsExactly(8, 16);
    }

    @Test
    void crop_ofASmallerImage_keepsItOrPadsLikePil() {
        DataOptions o = DataOptions.defaults(Path.of("d"), DatasetMode.ALIGNED).withPreprocess(Preprocess.CROP, 8, 8);
        Picture small = new Picture(1, 4, 4, fill(16, 0.5f), 8);
        assertThat(Transform.crop(small, new Transform.Params(0, 0, false), 8)).isSameAs(small);
        Picture wide = new Picture(1, 12, 4, fill(48, 0.5f), 8);
        Picture out = Transform.crop(wide, new Transform.Params(2, 0, false), 8);
        assertThat(out.width()).isEqualTo(8);
        assertThat(out.height()).isEqualTo(8);
        assertThat(out.get(0, 0, 3)).isEqualTo(0.5f);
        assertThat(out.get(0, 0, 4)).as("rows past the image are black, as PIL's crop").isZero();
        assertThat(o.preprocess().crops()).isTrue();
    }

    @Test
    void noFlip_neverMirrors_andParamsAreReproducible() {
        DataOptions o = DataOptions.defaults(Path.of("d"), DatasetMode.ALIGNED).withNoFlip(true);
        Picture p = new Picture(1, 300, 300, ramp(300, 300), 8);
        for (int seed = 0; seed < 8; seed++) {
            Transform.Params params = Transform.params(o, 300, 300, new Rng(seed));
            assertThat(Transform.params(o, 300, 300, new Rng(seed))).isEqualTo(params);
            Picture out = Transform.apply(p, o, params, P);
            assertThat(out.get(0, 0, 0)).isLessThan(out.get(0, 255, 0));
        }
    }

    @Test
    void normalize_mapsZeroToMinusOneAndOneToOne() {
        ImagePlane n = Transform.normalize(new Picture(1, 3, 1, new float[] {0f, 128 / 255f, 1f}, 8));
        assertThat(n.values()).containsExactly(-1f, (128 / 255f - 0.5f) / 0.5f, 1f);
    }

    private static float[] fill(int n, float v) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    private static float[] ramp(int w, int h) {
        float[] a = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                a[y * w + x] = Math.round(x * 255f / (w - 1)) / 255f;
            }
        }
        return a;
    }
}
