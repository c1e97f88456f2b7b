package io.transmute.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.transmute.core.InvalidOptionException;
import io.transmute.core.infer.Translator;
import io.transmute.core.io.ImageCodec;
import io.transmute.core.io.ImageData;
import io.transmute.core.io.PthWriter;
import io.transmute.core.io.TensorData;
import io.transmute.core.nn.GeneratorType;
import io.transmute.core.nn.ModuleWeights;
import io.transmute.core.random.Rng;
import io.transmute.core.testing.Fixtures;
import io.transmute.core.torch.Device;
import io.transmute.core.torch.Scope;
import io.transmute.core.torch.Tensors;
import io.transmute.core.torch.Torch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StyleTransferModelTest {
    private static final int SIZE = 24;
    // 30 steps reached 0.49-0.51 of the starting style loss depending on the thread count; 40 reach 0.38-0.45
    private static final int STEPS = 40;
    private static final Path VGG = Fixtures.file("vgg16_features_to_relu2_2.pth");

    @BeforeAll
    static void init() {
        Torch.init();
    }

    /** Diagonal red/blue stripes: a strong, easily measured style. */
    private static Path styleImage(Path dir) {
        float[] px = new float[3 * SIZE * SIZE];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                boolean on = ((x + y) / 4) % 2 == 0;
                px[y * SIZE + x] = on ? 1f : -1f;
                px[SIZE * SIZE + y * SIZE + x] = -0.8f;
                px[2 * SIZE * SIZE + y * SIZE + x] = on ? -1f : 1f;
            }
        }
        Path p = dir.resolve("stripes.png");
        ImageCodec.write(p, new ImageData(3, SIZE, SIZE, px, null, 8));
        return p;
    }

    /** Smooth gray-green blobs at random places: content with little in common with the style. */
    private static float[] contentBatch(Rng rng, int n) {
        float[] out = new float[n * 3 * SIZE * SIZE];
        for (int i = 0; i < n; i++) {
            double cx = rng.nextDouble() * SIZE;
            double cy = rng.nextDouble() * SIZE;
            for (int y = 0; y < SIZE; y++) {
                for (int x = 0; x < SIZE; x++) {
                    double v = Math.exp(-((x - cx) * (x - cx) + (y - cy) * (y - cy)) / 60.0) * 1.6 - 0.8;
                    for (int c = 0; c < 3; c++) {
                        out[((i * 3 + c) * SIZE + y) * SIZE + x] = (float) (c == 1 ? v : 0.6 * v);
                    }
                }
            }
        }
        return out;
    }

    private static ModelOptions options(Path style, ModelOptions.Builder extra) {
        return ModelRegistry.get("style_transfer").resolve(extra
                .set(ModelOptions.NGF, 8)
                .set(PerceptualOptions.VGG_WEIGHTS, VGG)
                .set(PerceptualOptions.STYLE_IMAGE, style));
    }

    @Test
    void defaults_areJohnsonsNetworkAndOptimiser() {
        ModelOptions o = ModelRegistry.get("style_transfer").resolve(new ModelOptions.Builder()
                .set(PerceptualOptions.VGG_WEIGHTS, VGG).set(PerceptualOptions.STYLE_IMAGE, Path.of("s.png")));
        assertThat(o.netG()).isEqualTo("transformer_net");
        assertThat(o.ngf()).isEqualTo(32);
        assertThat(o.lr()).isEqualTo(1e-3);
        assertThat(o.useDropout()).isFalse();
        assertThat(o.perceptual().perceptualLayers()).containsExactly(io.transmute.core.nn.VggLayer.RELU2_2);
        assertThat(o.perceptual().styleLayers()).hasSize(4);
        assertThat(ModelRegistry.get("style_transfer").lossNames()).containsExactly("content", "style", "tv");
    }

    @Test
    void training_withoutStyleImage_isAUsageError() {
        ModelOptions o = ModelRegistry.get("style_transfer").resolve(new ModelOptions.Builder()
                .set(PerceptualOptions.VGG_WEIGHTS, VGG));
        assertThatThrownBy(() -> ModelRegistry.get("style_transfer").create(o, Device.CPU, new Rng(1)))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("needs --style_image PATH");
    }

    @Test
    void training_withoutVggWeights_isAUsageErrorNamingTheFile() {
        ModelOptions o = ModelRegistry.get("style_transfer").resolve(new ModelOptions.Builder()
                .set(PerceptualOptions.STYLE_IMAGE, Path.of("style.png")));
        assertThatThrownBy(() -> ModelRegistry.get("style_transfer").create(o, Device.CPU, new Rng(1)))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("needs --vgg_weights PATH").hasMessageContaining("vgg16-397923af.pth");
    }

    @Test
    void training_lowersStyleLossClearly_whileContentStaysBounded(@TempDir Path dir) {
        Torch.seed(3);
        Rng rng = new Rng(7);
        // the two shallow layers keep the VGG pass small: the test is about the loss falling, not about ImageNet
        ModelOptions o = options(styleImage(dir), new ModelOptions.Builder().set(ModelOptions.LR, 1e-2)
                .set(PerceptualOptions.STYLE_LAYERS, "relu1_2,relu2_2"));
        List<double[]> history = new ArrayList<>();
        try (TranslationModel model = ModelRegistry.get("style_transfer").create(o, Device.CPU, rng)) {
            assertThat(model.networks().names()).containsExactly("G");
            for (int step = 0; step < STEPS; step++) {
                try (Scope s = Scope.open()) {
                    Tensor x = Tensors.fromFloats(contentBatch(rng, 2), 2, 3, SIZE, SIZE);
                    StepResult r = model.trainStep(ModelInput.of(x, null));
                    assertThat(r.losses().values()).extracting(Metric::name).containsExactly("content", "style",
                            "tv");
                    assertThat(r.visuals()).extracting(Visual::label).containsExactly("real", "stylized", "style");
                    StyleTransferLosses l = (StyleTransferLosses) r.losses();
                    history.add(new double[] {l.content(), l.style(), l.tv()});
                }
            }
        }
        double styleStart = mean(history.subList(0, 3), 1);
        double styleEnd = mean(history.subList(history.size() - 3, history.size()), 1);
        double contentEnd = mean(history.subList(history.size() - 3, history.size()), 0);
        double contentMax = history.stream().mapToDouble(h -> h[0]).max().orElseThrow();
        assertThat(styleEnd).as("style loss %s -> %s", styleStart, styleEnd).isLessThan(0.5 * styleStart);
        assertThat(contentEnd).isFinite();
        assertThat(contentMax).as("content loss stays bounded").isLessThan(styleStart);
    }

    private static double mean(List<double[]> rows, int column) {
        return rows.stream().mapToDouble(r -> r[column]).average().orElseThrow();
    }

    @Test
    void savedGenerator_translatesThroughTranslator(@TempDir Path dir) {
        Torch.seed(5);
        // the bundled VGG-16 file ends at relu2_2; the test is about the generator
        ModelOptions o = options(styleImage(dir), new ModelOptions.Builder()
                .set(PerceptualOptions.STYLE_LAYERS, "relu1_2,relu2_2"));
        Path weights = dir.resolve("latest_net_G.pth");
        float[] input = contentBatch(new Rng(2), 1);
        float[] direct;
        try (TranslationModel model = ModelRegistry.get("style_transfer").create(o, Device.CPU, new Rng(1));
                Scope s = Scope.open()) {
            PthWriter.write(weights, ModuleWeights.export(model.networks().get("G")));
            direct = Tensors.toFloats(model.translate(Tensors.fromFloats(input, 1, 3, SIZE, SIZE)));
        }
        try (Translator t = Translator.load(weights)) {
            assertThat(t.spec().type()).isEqualTo(GeneratorType.TRANSFORMER_NET);
            assertThat(t.spec().ngf()).isEqualTo(8);
            assertThat(t.spec().depth()).isEqualTo(5);
            float[] out = t.translate(TensorData.ofFloats(input, 1, 3, SIZE, SIZE)).toFloats();
            assertThat(out).hasSize(direct.length);
            for (int i = 0; i < out.length; i++) {
                assertThat(Math.abs(out[i] - direct[i])).isLessThan(1e-5f);
            }
        }
    }
}
