package io.transmute.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.transmute.core.random.Rng;
import io.transmute.core.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real photographs ({@code photos/}, made by {@code tools/pil_resize_reference.py} from scikit-image's sample
 * photos) resized as the reference's data path does: PIL's bicubic byte for byte, down and up, and the whole
 * {@code resize_and_crop} transform with its value range.
 */
class PhotoResizeParityTest {
    private static final String DIR = "photos/";

    private static Picture source(String name) {
        return Transform.read(ImageSource.imageIo(), Fixtures.file(DIR + "photo_" + name + ".png"), 3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"rocket", "coffee", "chelsea"})
    void bicubic_equalsPillowByteForByte_downAndUp(String name) throws IOException {
        Picture src = source(name);
        for (int[] size : new int[][] {{48, 40}, {150, 131}}) {
            Path file = Fixtures.file(DIR + "photo_" + name + "." + size[0] + "x" + size[1] + ".u8");
            byte[] pil = Files.readAllBytes(file);
            Picture ours = BicubicResampler.resize(src, size[0], size[1]);
            int plane = size[0] * size[1];
            int differing = 0;
            for (int i = 0; i < plane; i++) {
                for (int c = 0; c < 3; c++) {
                    int want = pil[i * 3 + c] & 0xff;
                    int got = Math.round(ours.pixels()[c * plane + i] * 255f);
                    if (want != got) {
                        differing++;
                    }
                }
            }
            assertThat(differing).as(name + " " + size[0] + "x" + size[1] + " samples unlike PIL's").isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"rocket", "coffee", "chelsea"})
    void resizeAndCrop_equalsTheReferenceTransform(String name) {
        Picture src = source(name);
        DataOptions o = DataOptions.defaults(Path.of("d"), DatasetMode.UNALIGNED)
                .withPreprocess(Preprocess.RESIZE_AND_CROP, 64, 64);
        Transform.Params noFlip = new Transform.Params(0, 0, false);
        assertThat(Transform.params(o, src.width(), src.height(), new Rng(1)).x()).isZero();
        ImagePlane ours = Transform.normalize(Transform.apply(src, o, noFlip, Path.of(name)));
        float[] want = Fixtures.f32(DIR + "photo_" + name + ".transform64.f32");
        assertThat(ours.shape()).containsExactly(3, 64, 64);
        double max = 0;
        for (int i = 0; i < want.length; i++) {
            max = Math.max(max, Math.abs(ours.values()[i] - want[i]));
        }
        assertThat(max).as(name + " max abs difference").isLessThan(1e-6);
    }
}
