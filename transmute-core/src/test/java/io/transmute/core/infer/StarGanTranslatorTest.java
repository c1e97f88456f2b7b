package io.transmute.core.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.transmute.core.CheckpointException;
import io.transmute.core.InvalidOptionException;
import io.transmute.core.data.StarGanDataOptions;
import io.transmute.core.data.StarGanDatasetKind;
import io.transmute.core.io.ImageData;
import io.transmute.core.model.ModelOptions;
import io.transmute.core.model.ModelRegistry;
import io.transmute.core.model.StarGanModel;
import io.transmute.core.model.StarGanOptions;
import io.transmute.core.random.Rng;
import io.transmute.core.testing.Fixtures;
import io.transmute.core.torch.Device;
import io.transmute.core.torch.Torch;
import io.transmute.core.train.IterationCheckpoints;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StarGanTranslatorTest {
    private static final int SIDE = 32;
    private static final int PLANE = 3 * SIDE * SIDE;

    @TempDir
    Path tmp;

    /** Saves a tiny randomly initialised generator with our checkpoint writer, as training would. */
    static Path tinyGenerator(Path dir, StarGanDatasetKind kind, List<String> attrs, int cDim) {
        Torch.seed(4);
        StarGanOptions so = StarGanOptions.DEFAULTS.withLabels(kind, cDim, 8, attrs).withNetworks(16, 4, 4, 1, 2);
        ModelOptions o = new ModelOptions.Builder().set(ModelOptions.STARGAN, so).set(ModelOptions.IS_TRAIN, false)
                .build();
        try (StarGanModel m = (StarGanModel) ModelRegistry.get("stargan").create(o, Device.CPU, new Rng(4))) {
            return IterationCheckpoints.save(dir, m.iteration(), m).get(0);
        }
    }

    private static ImageData fixtureImage(int i) {
        float[] x = Fixtures.f32("stargan_G_dim4_c5.input_x.f32");
        return new ImageData(3, SIDE, SIDE, Arrays.copyOfRange(x, i * PLANE, (i + 1) * PLANE), null, 8);
    }

    private static double maxDiff(float[] a, float[] b, int bOffset) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[bOffset + i]));
        }
        return max;
    }

    @Test
    void translate_matchesTheReferenceGeneratorInTrainMode_withDefaultAttributesForARecordlessCheckpoint() {
        float[] c = Fixtures.f32("stargan_G_dim4_c5.input_c.f32");
        float[] expected = Fixtures.f32("stargan_G_dim4_c5.output_train.f32");
        try (StarGanTranslator t = StarGanTranslator.load(Fixtures.file("stargan_G_dim4_c5.pth"), null,
                Device.CPU)) {
            assertThat(t.cDim()).isEqualTo(5);
            assertThat(t.spec().ngf()).isEqualTo(4);
            assertThat(t.repeatNum()).isEqualTo(6);
            assertThat(t.attributeNames()).isEqualTo(StarGanDataOptions.DEFAULT_ATTRS);
            for (int i = 0; i < 2; i++) {
                ImageData out = t.translate(fixtureImage(i), Arrays.copyOfRange(c, i * 5, i * 5 + 5));
                assertThat(maxDiff(out.planes(), expected, i * PLANE)).as("image %d", i).isLessThan(1e-4);
            }
        }
    }

    @Test
    void grid_putsTheInputThenOneTranslationPerCreateLabelsTarget_withExclusiveHairColours() {
        try (StarGanTranslator t = StarGanTranslator.load(Fixtures.file("stargan_G_dim4_c5.pth"), null,
                Device.CPU)) {
            ImageData a = fixtureImage(0);
            ImageData b = fixtureImage(1);
            // Black_Hair Blond_Hair Brown_Hair Male Young
            float[] aLabels = {0, 1, 0, 1, 0};
            float[] bLabels = {1, 0, 0, 0, 1};
            ImageData grid = t.grid(List.of(a, b), List.of(aLabels, bLabels));
            assertThat(grid.width()).isEqualTo(6 * SIDE);
            assertThat(grid.height()).isEqualTo(2 * SIDE);
            assertThat(tile(grid, 0, 0).planes()).isEqualTo(a.planes());
            assertThat(tile(grid, 1, 0).planes()).isEqualTo(b.planes());
            float[][] aTargets = {{1, 0, 0, 1, 0}, {0, 1, 0, 1, 0}, {0, 0, 1, 1, 0}, {0, 1, 0, 0, 0}, {0, 1, 0, 1, 1}};
            for (int k = 0; k < 5; k++) {
                float[] expected = t.translate(a, aTargets[k]).planes();
                assertThat(maxDiff(tile(grid, 0, k + 1).planes(), expected, 0)).as("target %d", k)
                        .isLessThan(1e-5);
            }
            float[] bYoungFlipped = t.translate(b, new float[] {1, 0, 0, 0, 0}).planes();
            assertThat(maxDiff(tile(grid, 1, 5).planes(), bYoungFlipped, 0)).isLessThan(1e-5);
        }
    }

    private static ImageData tile(ImageData grid, int row, int col) {
        float[] out = new float[PLANE];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < SIDE; y++) {
                System.arraycopy(grid.planes(), (c * grid.height() + row * SIDE + y) * grid.width() + col * SIDE, out,
                        (c * SIDE + y) * SIDE, SIDE);
            }
        }
        return new ImageData(3, SIDE, SIDE, out, null, 8);
    }

    @Test
    void load_takesAttributeNamesFromOurCheckpoint_andTranslatesAnySize() {
        Path g = tinyGenerator(tmp, StarGanDatasetKind.CELEBA, List.of("Blond_Hair", "Male"), 2);
        try (StarGanTranslator t = StarGanTranslator.load(g, null, Device.CPU)) {
            assertThat(t.attributeNames()).containsExactly("Blond_Hair", "Male");
            assertThat(t.targets("Male=1")).containsExactly(0f, 1f);
            float[] alpha = new float[7 * 10];
            alpha[3] = 0.5f;
            ImageData odd = new ImageData(3, 7, 10, new float[3 * 7 * 10], alpha, 16);
            ImageData out = t.translate(odd, t.targets("Blond_Hair=1"));
            assertThat(out.width()).isEqualTo(10);
            assertThat(out.height()).isEqualTo(7);
            assertThat(out.alpha()).isEqualTo(alpha);
            assertThat(out.bitDepth()).isEqualTo(16);
            ImageData grid = t.grid(odd, null);
            assertThat(grid.width()).isEqualTo(30);
            assertThat(grid.height()).isEqualTo(7);
        }
    }

    @Test
    void errors_nameTheKnownAttributes_theCDimMismatch_andOtherGenerators() {
        Path g = tinyGenerator(tmp, StarGanDatasetKind.CELEBA, List.of("Blond_Hair", "Male"), 2);
        try (StarGanTranslator t = StarGanTranslator.load(g, null, Device.CPU)) {
            assertThatThrownBy(() -> t.targets("Bald=1")).isInstanceOf(InvalidOptionException.class)
                    .hasMessageContaining("Bald").hasMessageContaining("Blond_Hair Male");
        }
        assertThatThrownBy(() -> StarGanTranslator.load(g, List.of("Blond_Hair", "Male", "Young"), Device.CPU))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("c_dim 2")
                .hasMessageContaining("3 label(s)");
        assertThatThrownBy(() -> StarGanTranslator.load(Fixtures.file("resnet6_ngf4_instance.pth"), null,
                Device.CPU)).isInstanceOf(CheckpointException.class).hasMessageContaining("not StarGAN");
    }

    @Test
    void rafdModel_namesDomainsByIndex_andNeedsExactlyOneTarget() {
        Path g = tinyGenerator(tmp, StarGanDatasetKind.RAFD, List.of(), 3);
        try (StarGanTranslator t = StarGanTranslator.load(g, null, Device.CPU)) {
            assertThat(t.dataset()).isEqualTo(StarGanDatasetKind.RAFD);
            assertThat(t.targets("2")).containsExactly(0f, 0f, 1f);
            assertThatThrownBy(() -> t.targets("0,1")).isInstanceOf(InvalidOptionException.class)
                    .hasMessageContaining("exactly one domain");
            ImageData grid = t.grid(new ImageData(3, 8, 8, new float[3 * 64], null, 8), null);
            assertThat(grid.width()).isEqualTo(4 * 8);
        }
    }
}
