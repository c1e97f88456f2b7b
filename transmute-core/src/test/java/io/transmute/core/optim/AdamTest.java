package io.transmute.core.optim;

import io.transmute.core.random.Rng;
import static org.assertj.core.api.Assertions.assertThat;

import io.transmute.core.io.StateDict;
import io.transmute.core.nn.ModuleWeights;
import io.transmute.core.torch.Layers;
import io.transmute.core.torch.Scope;
import io.transmute.core.torch.Sequence;
import io.transmute.core.torch.Tensors;
import io.transmute.core.torch.Torch;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

class AdamTest {
    private static Sequence net() {
        return new Sequence().add(Layers.conv(2, 4, 3, 1, 1, true)).add(Layers.batchNorm(4)).add(Layers.relu())
                .add(Layers.conv(4, 1, 3, 1, 1, false));
    }

    private static void steps(Sequence net, Adam adam, int from, int to) {
        for (int i = from; i < to; i++) {
            Rng rng = new Rng(100 + i);
            float[] x = new float[2 * 2 * 6 * 6];
            for (int k = 0; k < x.length; k++) {
                x[k] = (float) rng.nextGaussian();
            }
            try (Scope s = Scope.open()) {
                adam.zeroGrad();
                Tensor out = net.forward(Tensors.fromFloats(x, 2, 2, 6, 6));
                out.pow(new org.bytedeco.pytorch.Scalar(2.0)).mean().backward();
                adam.step();
            }
        }
    }

    @Test
    void exportImportContinue_equalsUninterruptedTraining_bitForBit() {
        Torch.init(1);
        torch.manual_seed(1);
        Sequence a = net();
        StateDict atThree;
        AdamState stateAtThree;
        StateDict uninterrupted;
        try (Adam adam = Adam.of(1e-2, 0.5, a)) {
            steps(a, adam, 0, 3);
            atThree = ModuleWeights.export(a);
            stateAtThree = adam.state();
            steps(a, adam, 3, 6);
            uninterrupted = ModuleWeights.export(a);
        }
        assertThat(stateAtThree.entries()).allSatisfy(e -> assertThat(e.step()).isEqualTo(3));

        Sequence b = net();
        ModuleWeights.load(b, atThree, "resume");
        try (Adam adam = Adam.of(1e-2, 0.5, b)) {
            adam.load(stateAtThree);
            steps(b, adam, 3, 6);
            assertThat(adam.state().entries().get(0).step()).isEqualTo(6);
        }
        StateDict resumed = ModuleWeights.export(b);
        assertThat(resumed.keyList()).isEqualTo(uninterrupted.keyList());
        for (String k : uninterrupted.keys()) {
            assertThat(resumed.get(k)).as(k).isEqualTo(uninterrupted.get(k));
        }
        assertThat(resumed.get("0.weight")).isNotEqualTo(atThree.get("0.weight"));
    }

    @Test
    void firstStep_movesEachWeightByLr_againstTheGradientSign_andSkipsParamsWithoutGrad() {
        Torch.init(1);
        torch.manual_seed(2);
        Sequence a = net();
        StateDict before = ModuleWeights.export(a);
        try (Adam adam = Adam.of(1e-3, 0.5, a); Scope s = Scope.open()) {
            // only the first conv's weight takes part, so the others get no gradient and must stay as they are
            Tensor w = a.named_parameters().get(0).value();
            w.mul(torch.randn(w.sizes().vec().get())).sum().backward();
            Tensor g = a.named_parameters().get(0).value().grad().clone();
            adam.step();
            float[] w0 = before.get("0.weight").toFloats();
            float[] w1 = Tensors.toFloats(a.named_parameters().get(0).value());
            float[] grad = Tensors.toFloats(g);
            for (int i = 0; i < w0.length; i++) {
                assertThat((double) w1[i] - w0[i]).isCloseTo(-1e-3 * Math.signum(grad[i]),
                        org.assertj.core.data.Offset.offset(1e-6));
            }
            assertThat(adam.state().entries().get(0).step()).isEqualTo(1);
            assertThat(adam.state().entries().get(adam.size() - 1)).isNull();
        }
        assertThat(ModuleWeights.export(a).get("3.weight")).isEqualTo(before.get("3.weight"));
    }

    @Test
    void zeroGradAndStep_dropEveryGradient_andAParameterLeftWithoutOneKeepsItsWeightAndMoments() {
        Torch.init(1);
        torch.manual_seed(3);
        Sequence a = net();
        try (Adam adam = Adam.of(1e-3, 0.5, a); Scope s = Scope.open()) {
            Tensor x = torch.randn(2, 2, 6, 6);
            a.forward(x).sum().backward();
            assertThat(a.parameters().get()).allSatisfy(p -> assertThat(p.grad().defined()).isTrue());
            adam.zeroGrad();
            assertThat(a.parameters().get()).allSatisfy(p -> assertThat(p.grad().defined()).isFalse());
            a.forward(x).sum().backward();
            adam.step();
            assertThat(a.parameters().get()).as("step drops the gradients it used")
                    .allSatisfy(p -> assertThat(p.grad().defined()).isFalse());
            // a second backward through the first conv alone: the other parameters get no gradient and stay put
            StateDict before = ModuleWeights.export(a);
            Tensor w = a.named_parameters().get(0).value();
            w.mul(torch.randn(w.sizes().vec().get())).sum().backward();
            adam.step();
            assertThat(ModuleWeights.export(a).get("0.weight")).isNotEqualTo(before.get("0.weight"));
            assertThat(ModuleWeights.export(a).get("3.weight")).isEqualTo(before.get("3.weight"));
            assertThat(adam.state().entries().get(0).step()).isEqualTo(2);
            assertThat(adam.state().entries().get(adam.size() - 1).step()).isEqualTo(1);
        }
    }
}
