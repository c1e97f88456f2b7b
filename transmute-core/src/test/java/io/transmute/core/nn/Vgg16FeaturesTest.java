package io.transmute.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.transmute.core.CheckpointException;
import io.transmute.core.io.StateDict;
import io.transmute.core.io.TensorData;
import io.transmute.core.testing.Fixtures;
import io.transmute.core.torch.Scope;
import io.transmute.core.torch.Tensors;
import io.transmute.core.torch.Torch;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Vgg16FeaturesTest {
    /** Bundled: torchvision's first nine modules (to relu2_2), small enough to live in the repository. */
    private static final String SMALL = "vgg16_features_to_relu2_2";
    /** In ../shared/fixtures: the features up to relu4_3, 30 MB. */
    private static final String FULL = "vgg16_features_to_relu4_3";
    /** Randomly initialised weights for all four layers, for the tests about keys, shapes and gradients. */
    private static StateDict fullWeights;

    @BeforeAll
    static void makeWeights() {
        Torch.init();
        Torch.seed(26);
        try (Vgg16Features vgg = Vgg16Features.randomlyInitialised(VggLayer.all())) {
            fullWeights = ModuleWeights.export(vgg);
        }
    }

    @Test
    void forward_matchesTorchvisionAtTheBundledLayers() {
        List<VggLayer> layers = List.of(VggLayer.RELU1_2, VggLayer.RELU2_2);
        assertMatchesTorchvision(Fixtures.file(SMALL + ".pth"), SMALL, layers, 32);
    }

    @Test
    void forward_matchesTorchvisionAtAllFourLayers_onTheFullSizeFixture() {
        assertMatchesTorchvision(Fixtures.assumeShared(FULL + ".pth"), FULL, VggLayer.all(), 96);
    }

    private static void assertMatchesTorchvision(Path weights, String fixture, List<VggLayer> layers, int side) {
        try (Vgg16Features vgg = Vgg16Features.load(weights, layers); Scope s = Scope.open()) {
            Tensor x = Tensors.fromFloats(Fixtures.f32(fixture + ".input.f32"), 1, 3, side, side);
            Map<VggLayer, Tensor> out = vgg.forward(x);
            assertThat(out.keySet()).containsExactlyElementsOf(layers);
            for (VggLayer l : layers) {
                Tensor actual = out.get(l);
                assertThat(Tensors.shape(actual)).containsExactly(1, l.channels(), side / l.stride(),
                        side / l.stride());
                Tensor expected = Tensors.fromFloats(Fixtures.f32(fixture + "." + l.cliName() + ".f32"),
                        Tensors.shape(actual));
                assertThat(Tensors.maxAbs(actual.sub(expected))).as(l.cliName()).isLessThanOrEqualTo(1e-4);
            }
        }
    }

    @Test
    void load_acceptsAFileEndingAtTheDeepestRequestedLayer_andRejectsItForDeeperOnes() {
        Path small = Fixtures.file(SMALL + ".pth");
        assertThat(Fixtures.keys(SMALL + ".keys.txt")).hasSize(8);
        assertThatThrownBy(() -> Vgg16Features.load(small, List.of(VggLayer.RELU3_3)))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("6 of the 14 expected keys are missing (features.10.weight");
    }

    @Test
    void expectedKeys_areTorchvisionNames_uptoDeepestLayer() {
        List<String> fixtureKeys = Fixtures.keys(FULL + ".keys.txt").stream().map(Fixtures.KeyShape::key)
                .toList();
        try (Vgg16Features all = Vgg16Features.randomlyInitialised(VggLayer.all());
                Vgg16Features shallow = Vgg16Features.randomlyInitialised(List.of(VggLayer.RELU2_2))) {
            assertThat(all.expectedKeys()).containsExactlyElementsOf(fixtureKeys);
            assertThat(ModuleWeights.export(all).keyList()).containsExactlyElementsOf(fixtureKeys);
            assertThat(shallow.expectedKeys()).containsExactly("features.0.weight", "features.0.bias",
                    "features.2.weight", "features.2.bias", "features.5.weight", "features.5.bias",
                    "features.7.weight", "features.7.bias");
        }
    }

    @Test
    void forward_returnsOnlyRequestedLayers_andShallowNetMatchesDeepOne() {
        try (Vgg16Features deep = Vgg16Features.fromStateDict(fullWeights, "f.pth", VggLayer.all());
                Vgg16Features shallow = Vgg16Features.fromStateDict(fullWeights, "f.pth",
                        EnumSet.of(VggLayer.RELU2_2, VggLayer.RELU1_2));
                Scope s = Scope.open()) {
            Tensor x = Tensors.fromFloats(Fixtures.f32(SMALL + ".input.f32"), 1, 3, 32, 32);
            Map<VggLayer, Tensor> a = shallow.forward(x);
            assertThat(a.keySet()).containsExactly(VggLayer.RELU1_2, VggLayer.RELU2_2);
            assertThat(Tensors.maxAbs(a.get(VggLayer.RELU2_2).sub(deep.forward(x).get(VggLayer.RELU2_2))))
                    .isEqualTo(0.0);
        }
    }

    @Test
    void load_ignoresDeeperFeaturesAndClassifierKeys() {
        StateDict full = new StateDict();
        fullWeights.entries().forEach(full::put);
        full.put("features.24.weight", TensorData.ofFloats(new float[9], 1, 1, 3, 3));
        full.put("classifier.0.weight", TensorData.ofFloats(new float[4], 2, 2));
        try (Vgg16Features vgg = Vgg16Features.fromStateDict(full, "vgg16-397923af.pth", VggLayer.all())) {
            assertThat(ModuleWeights.export(vgg).get("features.21.bias").toFloats())
                    .containsExactly(fullWeights.get("features.21.bias").toFloats());
        }
    }

    @Test
    void load_missingFile_failsInOneLineSayingWhereToGetWeights(@TempDir Path dir) {
        Path missing = dir.resolve("vgg16.pth");
        assertThatThrownBy(() -> Vgg16Features.load(missing, VggLayer.all()))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("no such file")
                .hasMessageContaining("vgg16-397923af.pth")
                .hasMessageContaining("features.N.weight")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void load_missingKeys_listsThemAndTheExpectedKeys() {
        StateDict partial = new StateDict();
        fullWeights.entries().forEach((k, v) -> {
            if (!k.startsWith("features.19") && !k.startsWith("features.21")) {
                partial.put(k, v);
            }
        });
        assertThatThrownBy(() -> Vgg16Features.fromStateDict(partial, "latest_net_G.pth", VggLayer.all()))
                .isInstanceOf(CheckpointException.class)
                .hasMessageStartingWith("latest_net_G.pth: ")
                .hasMessageContaining("4 of the 20 expected keys are missing (features.19.weight, features.19.bias,"
                        + " features.21.weight, features.21.bias)")
                .hasMessageContaining("expected features.0.weight … features.21.bias")
                .hasMessageContaining("vgg16-397923af.pth")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        // the same file is enough for the shallower layers
        try (Vgg16Features ok = Vgg16Features.fromStateDict(partial, "x.pth", List.of(VggLayer.RELU3_3))) {
            assertThat(ok.layers()).containsExactly(VggLayer.RELU3_3);
        }
    }

    @Test
    void load_misShapedKey_isReported() {
        StateDict wrong = new StateDict();
        fullWeights.entries().forEach(wrong::put);
        wrong.put("features.0.weight", TensorData.ofFloats(new float[64 * 3], 64, 3, 1, 1));
        assertThatThrownBy(() -> Vgg16Features.fromStateDict(wrong, "w.pth", List.of(VggLayer.RELU1_2)))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("features.0.weight is [64, 3, 1, 1], expected [64, 3, 3, 3]");
    }

    @Test
    void backward_reachesInput_butNoWeightGetsAGradient() {
        try (Vgg16Features vgg = Vgg16Features.fromStateDict(fullWeights, "f.pth", VggLayer.all());
                Scope s = Scope.open()) {
            vgg.train(true);
            Tensor x = Tensors.fromFloats(Fixtures.f32(SMALL + ".input.f32"), 1, 3, 32, 32)
                    .set_requires_grad(true);
            Map<VggLayer, Tensor> out = vgg.forward(x);
            assertThat(vgg.is_training()).isFalse();
            out.get(VggLayer.RELU4_3).sum().add(out.get(VggLayer.RELU1_2).sum()).backward();
            assertThat(x.grad().defined()).isTrue();
            assertThat(Tensors.maxAbs(x.grad())).isGreaterThan(0.0);
            TensorVector ps = vgg.parameters();
            assertThat(ps.size()).isEqualTo(20);
            for (long i = 0; i < ps.size(); i++) {
                assertThat(ps.get(i).requires_grad()).isFalse();
                assertThat(ps.get(i).grad().defined()).isFalse();
            }
        }
    }
}
