package io.transmute.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.transmute.core.loss.GanMode;
import io.transmute.core.nn.NormType;
import io.transmute.core.random.Rng;
import io.transmute.core.torch.Device;
import io.transmute.core.torch.Scope;
import io.transmute.core.torch.Tensors;
import io.transmute.core.torch.Torch;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

class DiscoGanModelTest {
    @Test
    void defaults_areThePapers() {
        ModelOptions o = ModelRegistry.get("discogan").resolve(new ModelOptions.Builder());
        assertThat(o.netG()).isEqualTo("encoder_decoder_64");
        assertThat(o.norm()).isEqualTo(NormType.BATCH);
        assertThat(o.ganMode()).isEqualTo(GanMode.VANILLA);
        assertThat(o.poolSize()).isZero();
        assertThat(o.noDropout()).isTrue();
        assertThat(DiscoGanOptions.from(o).lambdaA()).isEqualTo(1.0);
        assertThat(DiscoGanOptions.from(o).lambdaB()).isEqualTo(1.0);
        assertThat(o.lr()).isEqualTo(0.0002);
        assertThat(o.beta1()).isEqualTo(0.5);
        assertThat(ModelRegistry.get("discogan").dataDefaults().cropSize()).isEqualTo(64);
    }

    private static Tensor flat(Tensor colours) {
        return colours.mul(Tensors.scalar(2)).sub(Tensors.scalar(1)).expand(new long[] {4, 3, 32, 32}).contiguous();
    }

    @Test
    void trainingSteps_onOneBatch_lowerTheReconstructionLoss() {
        Torch.init(1);
        torch.manual_seed(5);
        ModelSpec spec = ModelRegistry.get("discogan");
        ModelOptions o = spec.resolve(new ModelOptions.Builder().set(ModelOptions.NET_G, "encoder_decoder_32")
                .set(ModelOptions.NGF, 8).set(ModelOptions.NDF, 8).set(ModelOptions.LR, 0.002));
        try (TranslationModel model = spec.create(o, Device.CPU, new Rng(1)); Scope s = Scope.open()) {
            assertThat(model.networks().asMap().keySet()).containsExactly("G_A", "G_B", "D_A", "D_B");
            // one colour per image: what passes the 1x1 bottleneck can rebuild it, unlike pixel noise
            Tensor a = flat(torch.rand(4, 3, 1, 1));
            Tensor b = flat(torch.rand(4, 3, 1, 1));
            double first = 0;
            double last = 0;
            int steps = 20;
            for (int i = 0; i < steps; i++) {
                StepResult r = model.trainStep(ModelInput.of(a, b));
                assertThat(r.losses().values()).extracting(Metric::name)
                        .containsExactly("D_A", "G_A", "rec_A", "D_B", "G_B", "rec_B");
                DiscoGanLosses l = (DiscoGanLosses) r.losses();
                if (i < 3) {
                    first += l.recA() + l.recB();
                } else if (i >= steps - 3) {
                    last += l.recA() + l.recB();
                }
            }
            assertThat(last).isLessThan(first * 0.9);
        }
    }
}
