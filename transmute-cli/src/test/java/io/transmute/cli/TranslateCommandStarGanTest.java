package io.transmute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.transmute.core.data.StarGanDatasetKind;
import io.transmute.core.infer.StarGanTranslator;
import io.transmute.core.io.ImageCodec;
import io.transmute.core.io.ImageData;
import io.transmute.core.io.PthWriter;
import io.transmute.core.model.ModelOptions;
import io.transmute.core.model.ModelRegistry;
import io.transmute.core.model.StarGanModel;
import io.transmute.core.model.StarGanOptions;
import io.transmute.core.nn.ModuleWeights;
import io.transmute.core.random.Rng;
import io.transmute.core.torch.Device;
import io.transmute.core.torch.Torch;
import io.transmute.core.train.IterationCheckpoints;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code transmute translate --model stargan} with a tiny random generator saved as training saves it. */
class TranslateCommandStarGanTest {
    @TempDir
    static Path shared;
    static Path ours;
    static Path recordless;
    static Path inputs;

    @BeforeAll
    static void writeGeneratorsAndImages() {
        Torch.seed(8);
        StarGanOptions so = StarGanOptions.DEFAULTS.withLabels(StarGanDatasetKind.CELEBA, 2, 8,
                List.of("Blond_Hair", "Male")).withNetworks(16, 4, 4, 1, 2);
        ModelOptions o = new ModelOptions.Builder().set(ModelOptions.STARGAN, so).set(ModelOptions.IS_TRAIN, false)
                .build();
        try (StarGanModel m = (StarGanModel) ModelRegistry.get("stargan").create(o, Device.CPU, new Rng(8))) {
            ours = IterationCheckpoints.save(shared.resolve("models"), m.iteration(), m).get(0);
            recordless = shared.resolve("reference/5-G.ckpt");
            PthWriter.write(recordless, ModuleWeights.export(m.generator()));
        }
        inputs = shared.resolve("in");
        Rng rng = new Rng(2);
        for (String name : List.of("a.png", "sub/b.png")) {
            float[] planes = new float[3 * 10 * 12];
            for (int i = 0; i < planes.length; i++) {
                planes[i] = (float) (2 * rng.nextDouble() - 1);
            }
            ImageCodec.write(inputs.resolve(name), new ImageData(3, 10, 12, planes, null, 8));
        }
    }

    @Test
    void translate_writesOneImagePerInput_asTheApiTranslatesIt(@TempDir Path tmp) {
        CliRun run = CliRun.of("translate", "--model", "stargan", "--weights", ours.toString(), "--attrs",
                "Blond_Hair=1", "--preprocess", "pad", inputs.toString(), "-o", tmp.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("c_dim 2").contains("Blond_Hair Male");
        assertThat(tmp.resolve("sub/b.png")).exists();
        ImageData written = ImageCodec.read(tmp.resolve("a.png"), 3);
        assertThat(written.width()).isEqualTo(12);
        assertThat(written.height()).isEqualTo(10);
        try (StarGanTranslator t = StarGanTranslator.load(ours, null, Device.CPU)) {
            float[] expected = t.translate(ImageCodec.read(inputs.resolve("a.png"), 3), new float[] {1, 0}).planes();
            float[] other = t.translate(ImageCodec.read(inputs.resolve("a.png"), 3), new float[] {0, 1}).planes();
            assertThat(maxDiff(written.planes(), expected)).isLessThan(1.5 / 255 * 2);
            assertThat(maxDiff(written.planes(), other)).as("another target gives another image")
                    .isGreaterThan(0.02);
        }
    }

    @Test
    void translate_npyArray_givesTheUnquantisedTranslation(@TempDir Path tmp) {
        ImageData image = ImageCodec.read(inputs.resolve("a.png"), 3);
        Path npy = tmp.resolve("a.npy");
        io.transmute.core.io.Npy.write(npy, io.transmute.core.io.TensorData.ofFloats(image.planes(), 1, 3, 10, 12));
        CliRun run = CliRun.of("translate", "--model", "stargan", "--weights", ours.toString(), "--attrs",
                "Male", npy.toString(), "-o", tmp.resolve("out").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        io.transmute.core.io.TensorData out = io.transmute.core.io.Npy.read(tmp.resolve("out/a.npy"));
        assertThat(out.shape()).containsExactly(1, 3, 10, 12);
        try (StarGanTranslator t = StarGanTranslator.load(ours, null, Device.CPU)) {
            float[] expected = t.translate(image, new float[] {0, 1}).planes();
            assertThat(maxDiff(out.toFloats(), expected)).isLessThan(1e-5);
        }
    }

    @Test
    void grid_writesTheInputAndOneTranslationPerAttribute(@TempDir Path tmp) {
        CliRun run = CliRun.of("translate", "--model", "stargan", "--weights", ours.toString(), "--grid",
                "--preprocess", "pad", inputs.resolve("a.png").toString(), "-o", tmp.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(tmp.resolve("a.png")).doesNotExist();
        ImageData grid = ImageCodec.read(tmp.resolve("a_grid.png"), 3);
        assertThat(grid.width()).isEqualTo(3 * 12);
        assertThat(grid.height()).isEqualTo(10);
    }

    @Test
    void referenceCheckpoint_takesSelectedAttrs_andRejectsAWrongCount(@TempDir Path tmp) {
        CliRun ok = CliRun.of("translate", "--model", "stargan", "--weights", recordless.toString(),
                "--selected_attrs", "Black_Hair,Young", "--attrs", "Young", inputs.resolve("a.png").toString(), "-o",
                tmp.toString());
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(tmp.resolve("a.png")).exists();

        CliRun wrong = CliRun.of("translate", "--model", "stargan", "--weights", recordless.toString(),
                "--selected_attrs", "Black_Hair", "Blond_Hair", "Young", "--attrs", "Young",
                inputs.resolve("a.png").toString(), "-o", tmp.resolve("x").toString());
        assertThat(wrong.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(wrong.errorLine()).contains("c_dim 2").contains("3 label(s)");

        CliRun defaults = CliRun.of("translate", "--model", "stargan", "--weights", recordless.toString(),
                "--attrs", "Male", inputs.resolve("a.png").toString(), "-o", tmp.resolve("y").toString());
        assertThat(defaults.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(defaults.errorLine()).contains("--selected_attrs");
    }

    @Test
    void errors_areOneLine_forUnknownAttributes_missingTargets_andTheWrongModel(@TempDir Path tmp) {
        String a = inputs.resolve("a.png").toString();
        CliRun unknown = CliRun.of("translate", "--model", "stargan", "--weights", ours.toString(), "--attrs",
                "Bald=1", a, "-o", tmp.toString());
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.errorLine()).contains("Bald").contains("available: Blond_Hair Male");

        CliRun none = CliRun.of("translate", "--model", "stargan", "--weights", ours.toString(), a, "-o",
                tmp.toString());
        assertThat(none.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(none.errorLine()).contains("--attrs");

        CliRun plain = CliRun.of("translate", "--weights", ours.toString(), a, "-o", tmp.toString());
        assertThat(plain.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(plain.errorLine()).contains("--model stargan");

        CliRun attrsAlone = CliRun.of("translate", "--weights", ours.toString(), "--attrs", "Male", a, "-o",
                tmp.toString());
        assertThat(attrsAlone.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(attrsAlone.errorLine()).contains("need --model stargan");
        assertThat(tmp.resolve("a.png")).doesNotExist();
    }

    private static double maxDiff(float[] a, float[] b) {
        assertThat(a).hasSameSizeAs(b);
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }
}
