package io.transmute.core.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.transmute.core.nn.VggLayer;
import io.transmute.core.torch.Scope;
import io.transmute.core.torch.Tensors;
import io.transmute.core.torch.Torch;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FeatureLossesTest {
    @BeforeAll
    static void init() {
        Torch.init();
    }

    @Test
    void gram_isFFTransposedOverElementCount() {
        try (Scope s = Scope.open()) {
            // one sample, C=2, H=1, W=2: F = [[1, 2], [3, 4]], F·Fᵀ = [[5, 11], [11, 25]], C·H·W = 4
            Tensor f = Tensors.fromFloats(new float[] {1, 2, 3, 4}, 1, 2, 1, 2);
            Tensor g = Gram.matrix(f);
            assertThat(Tensors.shape(g)).containsExactly(1, 2, 2);
            assertThat(Tensors.toFloats(g)).containsExactly(1.25f, 2.75f, 2.75f, 6.25f);
        }
    }

    @Test
    void gram_isPerSample_andIndependentOfTiling() {
        try (Scope s = Scope.open()) {
            Tensor f = Tensors.fromFloats(new float[] {1, 2, 3, 4, 0, 0, 0, 1}, 2, 2, 1, 2);
            float[] g = Tensors.toFloats(Gram.matrix(f));
            assertThat(g).containsExactly(1.25f, 2.75f, 2.75f, 6.25f, 0f, 0f, 0f, 0.25f);
            // the same pattern repeated over a larger area gives the same Gram matrix
            Tensor tiled = f.narrow(0, 0, 1).repeat(1, 1, 3, 2);
            assertThat(Tensors.toFloats(Gram.matrix(tiled))).containsExactly(1.25f, 2.75f, 2.75f, 6.25f);
        }
    }

    @Test
    void styleLoss_isSquaredFrobeniusOfGramDifference_meanOverBatch_sumOverLayers() {
        try (Scope s = Scope.open()) {
            Map<VggLayer, Tensor> output = Map.of(
                    VggLayer.RELU1_2, Tensors.fromFloats(new float[] {1, 2, 3, 4, 0, 0, 0, 0}, 2, 2, 1, 2),
                    VggLayer.RELU2_2, Tensors.fromFloats(new float[] {2, 0}, 2, 1, 1, 1));
            Map<VggLayer, Tensor> style = Map.of(
                    VggLayer.RELU1_2, Tensors.fromFloats(new float[] {1, 0, 0, 1}, 1, 2, 1, 2),
                    VggLayer.RELU2_2, Tensors.fromFloats(new float[] {1}, 1, 1, 1, 1));
            GramStyleLoss both = new GramStyleLoss(List.of(VggLayer.RELU1_2, VggLayer.RELU2_2));
            Map<VggLayer, Tensor> targets = both.targetGrams(style);
            // relu1_2: target [[.25, 0], [0, .25]]; sample 0 differs by [[1, 2.75], [2.75, 6]] -> 52.125,
            // sample 1 by -target -> 0.125; mean 26.125. relu2_2: grams 4 and 0 vs 1 -> 9 and 1; mean 5
            assertThat(both.compute(output, targets).item_double()).isCloseTo(31.125, within(1e-5));
            GramStyleLoss first = new GramStyleLoss(List.of(VggLayer.RELU1_2));
            assertThat(first.compute(output, targets).item_double()).isCloseTo(26.125, within(1e-5));
            assertThat(GramStyleLoss.defaults().layers()).containsExactlyElementsOf(VggLayer.all());
        }
    }

    @Test
    void perceptualLoss_isMseSummedOverLayers_defaultRelu22() {
        try (Scope s = Scope.open()) {
            Map<VggLayer, Tensor> out = Map.of(
                    VggLayer.RELU1_2, Tensors.fromFloats(new float[] {1, 3}, 1, 1, 1, 2),
                    VggLayer.RELU2_2, Tensors.fromFloats(new float[] {2}, 1, 1, 1, 1));
            Map<VggLayer, Tensor> target = Map.of(
                    VggLayer.RELU1_2, Tensors.fromFloats(new float[] {0, 0}, 1, 1, 1, 2),
                    VggLayer.RELU2_2, Tensors.fromFloats(new float[] {4}, 1, 1, 1, 1));
            assertThat(PerceptualLoss.defaults().compute(out, target).item_double()).isCloseTo(4.0, within(1e-6));
            assertThat(new PerceptualLoss(List.of(VggLayer.RELU1_2, VggLayer.RELU2_2)).compute(out, target)
                    .item_double()).isCloseTo(9.0, within(1e-6));
        }
    }

    @Test
    void perceptualLoss_sendsGradientsToOutputOnly() {
        try (Scope s = Scope.open()) {
            Tensor o = Tensors.fromFloats(new float[] {1, 3}, 1, 1, 1, 2).set_requires_grad(true);
            Tensor t = Tensors.fromFloats(new float[] {0, 0}, 1, 1, 1, 2).set_requires_grad(true);
            new PerceptualLoss(List.of(VggLayer.RELU1_2))
                    .compute(Map.of(VggLayer.RELU1_2, o), Map.of(VggLayer.RELU1_2, t)).backward();
            // d/do mean((o - t)²) = (o - t) for two elements
            assertThat(Tensors.toFloats(o.grad())).containsExactly(1f, 3f);
            assertThat(t.grad().defined()).isFalse();
        }
    }

    @Test
    void missingLayer_namesIt() {
        try (Scope s = Scope.open()) {
            Map<VggLayer, Tensor> out = Map.of(VggLayer.RELU1_2, Tensors.fromFloats(new float[] {1}, 1, 1, 1, 1));
            assertThatThrownBy(() -> PerceptualLoss.defaults().compute(out, out))
                    .hasMessageContaining("lack relu2_2");
        }
    }

    @Test
    void totalVariation_isMeanAbsoluteNeighbourDifference() {
        try (Scope s = Scope.open()) {
            // rows [0, 1, 3] and [2, 2, 2]: vertical |2|, |1|, |-1| -> 4/3; horizontal 1, 2, 0, 0 -> 3/4
            Tensor x = Tensors.fromFloats(new float[] {0, 1, 3, 2, 2, 2}, 1, 1, 2, 3);
            assertThat(TotalVariationLoss.compute(x).item_double()).isCloseTo(4.0 / 3 + 0.75, within(1e-6));
            Tensor flat = Tensors.fromFloats(new float[] {5, 5, 5, 5}, 1, 1, 2, 2);
            assertThat(TotalVariationLoss.compute(flat).item_double()).isEqualTo(0.0);
        }
    }

    @Test
    void layerLists_parseAndRejectUnknownNames() {
        assertThat(VggLayer.parseList("--perceptual_layers", "relu3_3, relu1_2,relu3_3"))
                .containsExactly(VggLayer.RELU1_2, VggLayer.RELU3_3);
        assertThatThrownBy(() -> VggLayer.parseList("--perceptual_layers", "relu5_3"))
                .hasMessage("--perceptual_layers: 'relu5_3' is not a VGG-16 layer; use relu1_2,relu2_2,relu3_3,"
                        + "relu4_3");
        assertThatThrownBy(() -> VggLayer.parseList("--style_layers", " "))
                .hasMessageContaining("--style_layers needs at least one layer");
    }
}
