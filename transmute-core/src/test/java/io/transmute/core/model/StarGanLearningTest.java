package io.transmute.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.transmute.core.data.StarGanDatasetKind;
import io.transmute.core.torch.Scope;
import io.transmute.core.torch.Tensors;
import io.transmute.core.train.Rng;
import java.util.List;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

/** StarGAN learns to repaint shapes in the colour of the target domain and to map back. */
class StarGanLearningTest {
    private static final int SIZE = 32;
    private static final int DOMAINS = 3;

    @Test
    void training_makesTranslationsClassifiedAsTarget_andReconstructionCloser() {
        StarGanOptions so = StarGanOptions.DEFAULTS.withLabels(StarGanDatasetKind.RAFD, DOMAINS, 8, List.of())
                .withNetworks(SIZE, 12, 16, 2, 3).withSchedule(10000, 5000, 1000, 2).withLearningRates(1e-3, 1e-3);
        ColourDomains data = new ColourDomains(SIZE, DOMAINS);
        ColourDomains.Batch eval = data.batch(new Rng(77), 48);
        try (StarGanModel m = StarGanModelTest.model(so, true, 3)) {
            double[] before = measure(m, eval);
            Rng rng = new Rng(5);
            for (int i = 0; i < 240; i++) {
                try (Scope s = Scope.open()) {
                    ColourDomains.Batch b = data.batch(rng, 8);
                    m.trainStep(ModelInput.labelled(Tensors.fromFloats(b.images(), 8, 3, SIZE, SIZE), b.labels()));
                }
            }
            double[] after = measure(m, eval);
            // chance is 1/3 for the target class
            assertThat(after[0]).as("classifier accuracy on translations, before %s", before[0]).isGreaterThan(0.7);
            assertThat(after[1]).as("reconstruction L1, before %s", before[1]).isLessThan(before[1] * 0.6);
        }
    }

    /** Accuracy of D's classifier on G(x, c_trg) for targets other than the source, and the cycle L1. */
    private static double[] measure(StarGanModel m, ColourDomains.Batch eval) {
        int n = eval.classes().length;
        float[] trg = new float[n * DOMAINS];
        for (int i = 0; i < n; i++) {
            trg[i * DOMAINS + (eval.classes()[i] + 1 + i % 2) % DOMAINS] = 1;
        }
        try (Scope s = Scope.open(); NoGradGuard ng = new NoGradGuard()) {
            Tensor x = Tensors.fromFloats(eval.images(), n, 3, SIZE, SIZE);
            Tensor fake = m.translate(x, Tensors.fromFloats(trg, n, DOMAINS));
            Tensor rec = m.translate(fake, Tensors.fromFloats(eval.labels(), n, DOMAINS));
            float[] cls = Tensors.toFloats(m.discriminator().forward(fake).cls());
            long[] predicted = StarGanLabels.argmax(cls, DOMAINS);
            long[] wanted = StarGanLabels.argmax(trg, DOMAINS);
            int hits = 0;
            for (int i = 0; i < n; i++) {
                hits += predicted[i] == wanted[i] ? 1 : 0;
            }
            return new double[] {hits / (double) n, x.sub(rec).abs().mean().item_double()};
        }
    }
}
