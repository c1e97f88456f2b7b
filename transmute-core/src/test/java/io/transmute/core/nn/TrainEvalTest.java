package io.transmute.core.nn;

import static org.assertj.core.api.Assertions.assertThat;

import io.transmute.core.io.StateDict;
import io.transmute.core.torch.Net;
import io.transmute.core.torch.Scope;
import io.transmute.core.torch.Tensors;
import io.transmute.core.torch.Torch;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TrainEvalTest {
    @BeforeAll
    static void load() {
        Torch.init();
    }

    private static float[][] twoForwards(Net net, Tensor x) {
        try (Scope s = Scope.open(); NoGradGuard g = new NoGradGuard()) {
            return new float[][] {Tensors.toFloats(net.forward(x)), Tensors.toFloats(net.forward(x))};
        }
    }

    @Test
    void unetDropout_isRandomInTrainMode_andOffInEvalMode() {
        Torch.seed(7);
        Net net = new UnetGenerator(3, 3, 6, 4, NormType.BATCH, true);
        try (Scope s = Scope.open()) {
            assertDropoutOnlyInTrainMode(net, torch.randn(2, 3, 64, 64));
        }
    }

    @Test
    void withoutDropout_trainModeIsDeterministic() {
        Torch.seed(7);
        Net net = new UnetGenerator(3, 3, 6, 4, NormType.BATCH, false);
        net.train(true);
        try (Scope s = Scope.open()) {
            float[][] train = twoForwards(net, torch.randn(2, 3, 64, 64));
            assertThat(train[0]).isEqualTo(train[1]);
        }
    }

    @Test
    void resnetDropout_isOffInEvalMode() {
        Torch.seed(8);
        Net net = new ResnetGenerator(3, 3, 4, NormType.INSTANCE, true, 2, UpsampleType.RESIZE_CONV);
        try (Scope s = Scope.open()) {
            Tensor x = torch.randn(1, 3, 32, 32);
            assertDropoutOnlyInTrainMode(net, x);
            assertThat(Tensors.shape(net.forward(x))).containsExactly(1, 3, 32, 32);
        }
    }

    /** Two forwards differ in train mode (dropout draws anew) and agree in eval mode; leaves the net in eval. */
    private static void assertDropoutOnlyInTrainMode(Net net, Tensor x) {
        net.train(true);
        float[][] train = twoForwards(net, x);
        assertThat(train[0]).isNotEqualTo(train[1]);
        net.train(false);
        float[][] eval = twoForwards(net, x);
        assertThat(eval[0]).isEqualTo(eval[1]);
    }

    @Test
    void trainFlag_propagatesToEveryNestedModule() {
        Net net = new UnetGenerator(3, 3, 6, 4, NormType.BATCH, true);
        net.train(false);
        assertThat(ModuleTree.nodes(net)).allSatisfy(n -> assertThat(n.module().is_training()).isFalse());
        net.train(true);
        assertThat(ModuleTree.nodes(net)).allSatisfy(n -> assertThat(n.module().is_training()).isTrue());
    }

    @Test
    void batchNorm_updatesRunningStatsInTrainMode_andUsesThemInEvalMode() {
        Torch.seed(9);
        Net net = new PixelDiscriminator(3, 4, NormType.BATCH);
        try (Scope s = Scope.open()) {
            Tensor x = torch.randn(2, 3, 8, 8).mul(Tensors.scalar(3)).add(Tensors.scalar(1));
            net.train(false);
            float[][] eval = twoForwards(net, x);
            StateDict afterEval = ModuleWeights.export(net);
            assertThat(afterEval.get("net.3.num_batches_tracked").toFloats()).containsExactly(0f);
            assertThat(afterEval.get("net.3.running_mean").toFloats()).containsOnly(0f);

            net.train(true);
            float[][] train = twoForwards(net, x);
            StateDict afterTrain = ModuleWeights.export(net);
            assertThat(afterTrain.get("net.3.num_batches_tracked").toFloats()).containsExactly(2f);
            assertThat(afterTrain.get("net.3.running_mean").toFloats()).doesNotContain(0f);
            // batch statistics differ from the initial running ones (mean 0, var 1)
            assertThat(train[0]).isNotEqualTo(eval[0]);

            net.train(false);
            float[][] evalAgain = twoForwards(net, x);
            assertThat(evalAgain[0]).as("eval mode now uses the updated running statistics")
                    .isNotEqualTo(eval[0]);
            assertThat(ModuleWeights.export(net).get("net.3.num_batches_tracked").toFloats()).containsExactly(2f);
        }
    }

    @Test
    void starGanModules_giveBothHeadsWithReferenceShapes() {
        StarGanGenerator g = new StarGanGenerator(4, 3, 1);
        StarGanDiscriminator d = new StarGanDiscriminator(32, 4, 3, 3);
        try (Scope s = Scope.open(); NoGradGuard ng = new NoGradGuard()) {
            Tensor x = torch.randn(2, 3, 32, 32);
            Tensor c = Tensors.fromFloats(new float[] {1, 0, 0, 0, 1, 1}, 2, 3);
            Tensor y = g.forward(x, c);
            assertThat(Tensors.shape(y)).containsExactly(2, 3, 32, 32);
            StarGanDiscriminator.Output out = d.forward(y);
            assertThat(Tensors.shape(out.src())).containsExactly(2, 1, 4, 4);
            assertThat(Tensors.shape(out.cls())).containsExactly(2, 3);
        }
    }
}
