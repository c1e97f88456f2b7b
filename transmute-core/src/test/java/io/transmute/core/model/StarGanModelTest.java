package io.transmute.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.transmute.core.data.StarGanDatasetKind;
import io.transmute.core.loss.GradientPenalty;
import io.transmute.core.nn.StarGanDiscriminator;
import io.transmute.core.optim.LrSchedule;
import io.transmute.core.random.Rng;
import io.transmute.core.torch.Device;
import io.transmute.core.torch.Scope;
import io.transmute.core.torch.Tensors;
import io.transmute.core.torch.Torch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StarGanModelTest {
    @TempDir
    Path tmp;

    static StarGanModel model(StarGanOptions so, boolean train, long seed) {
        Torch.seed(seed);
        ModelOptions o = new ModelOptions.Builder().set(ModelOptions.STARGAN, so).set(ModelOptions.IS_TRAIN, train)
                .build();
        return (StarGanModel) ModelRegistry.get("stargan").create(o, Device.CPU, new Rng(seed));
    }

    private static Tensor randomDouble(long seed, long... shape) {
        Rng r = new Rng(seed);
        int n = 1;
        for (long s : shape) {
            n *= (int) s;
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (2 * r.nextDouble() - 1);
        }
        return Tensors.fromFloats(v, shape).to(torch.ScalarType.Double);
    }

    // the shared penalty with yunjey's numerics, at the weights of the alpha tensor below
    private static Tensor penalty(StarGanDiscriminator d, Tensor real, Tensor fake) {
        return GradientPenalty.UNWEIGHTED_NO_EPSILON.compute(t -> d.forward(t).src(), real, fake,
                new double[] {0.25, 0.75});
    }

    @Test
    void gradientPenalty_matchesFiniteDifferences_inFloat64() {
        Torch.seed(5);
        StarGanDiscriminator d = new StarGanDiscriminator(8, 4, 2, 2);
        d.to(torch.ScalarType.Double, false);
        try (Scope s = Scope.open()) {
            Tensor real = randomDouble(1, 2, 3, 8, 8);
            Tensor fake = randomDouble(2, 2, 3, 8, 8);
            Tensor alpha = Tensors.fromFloats(new float[] {0.25f, 0.75f}, 2, 1, 1, 1).to(torch.ScalarType.Double);
            Tensor gp = penalty(d, real, fake);

            // the penalty's value: input gradient of sum(D_src) by central differences
            Tensor xHat = alpha.mul(real).add(alpha.neg().add(new Scalar(1.0)).mul(fake));
            double h = 1e-6;
            double[] sq = new double[2];
            try (NoGradGuard ng = new NoGradGuard()) {
                Tensor flat = xHat.view(-1);
                for (int i = 0; i < flat.size(0); i++) {
                    double v = flat.get(i).item_double();
                    flat.narrow(0, i, 1).fill_(new Scalar(v + h));
                    double up = d.forward(xHat).src().sum().item_double();
                    flat.narrow(0, i, 1).fill_(new Scalar(v - h));
                    double down = d.forward(xHat).src().sum().item_double();
                    flat.narrow(0, i, 1).fill_(new Scalar(v));
                    double grad = (up - down) / (2 * h);
                    sq[i / (3 * 64)] += grad * grad;
                }
            }
            double expected = (Math.pow(Math.sqrt(sq[0]) - 1, 2) + Math.pow(Math.sqrt(sq[1]) - 1, 2)) / 2;
            assertThat(gp.item_double()).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-7));

            // its gradient with respect to D's weights, through create_graph
            gp.backward();
            List<Tensor> params = new ArrayList<>();
            for (long i = 0; i < d.parameters().size(); i++) {
                params.add(d.parameters().get(i));
            }
            for (Tensor p : List.of(params.get(0), params.get(params.size() - 2))) {
                Tensor flat = p.view(-1);
                for (int k : new int[] {0, 7}) {
                    double analytic = p.grad().view(-1).get(k).item_double();
                    double v;
                    double up;
                    double down;
                    try (NoGradGuard ng = new NoGradGuard()) {
                        v = flat.get(k).item_double();
                        flat.narrow(0, k, 1).fill_(new Scalar(v + 1e-6));
                    }
                    up = penalty(d, real, fake).item_double();
                    try (NoGradGuard ng = new NoGradGuard()) {
                        flat.narrow(0, k, 1).fill_(new Scalar(v - 1e-6));
                    }
                    down = penalty(d, real, fake).item_double();
                    try (NoGradGuard ng = new NoGradGuard()) {
                        flat.narrow(0, k, 1).fill_(new Scalar(v));
                    }
                    double numeric = (up - down) / 2e-6;
                    assertThat(analytic).as("d gp / d weight %d", k)
                            .isCloseTo(numeric, org.assertj.core.data.Offset.offset(1e-6 + 1e-5 * Math.abs(numeric)));
                }
            }
        }
        d.close();
    }

    @Test
    void learningRates_decayLinearlyOverTheLastIterations_asReference() {
        StarGanOptions so = StarGanOptions.DEFAULTS.withSchedule(20, 10, 2, 5);
        assertThat(rateAfter(1e-4, 10, so)).isEqualTo(1e-4);
        assertThat(rateAfter(1e-4, 12, so)).isCloseTo(0.9e-4, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(rateAfter(1e-4, 13, so)).isCloseTo(0.9e-4, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(rateAfter(1e-4, 20, so)).isCloseTo(0.5e-4, org.assertj.core.data.Offset.offset(1e-15));
    }

    // the rate StarGAN's schedule gives after that many iterations
    private static double rateAfter(double initial, int iters, StarGanOptions so) {
        LrSchedule s = so.iterationSchedule().learningRate(initial);
        for (int i = 0; i < iters; i++) {
            s.step(0);
        }
        return s.lr();
    }

    @Test
    void stateRoundTrip_continuesExactlyLikeAnUninterruptedRun() {
        StarGanOptions so = StarGanOptions.DEFAULTS.withLabels(StarGanDatasetKind.RAFD, 3, 8, List.of())
                .withNetworks(16, 4, 4, 1, 2).withSchedule(6, 4, 2, 2);
        ColourDomains data = new ColourDomains(16, 3);
        float[] straight;
        try (StarGanModel a = model(so, true, 11)) {
            for (int i = 0; i < 6; i++) {
                step(a, data, i);
            }
            straight = weights(a);
        }
        float[] resumed;
        try (StarGanModel b = model(so, true, 11)) {
            for (int i = 0; i < 3; i++) {
                step(b, data, i);
            }
            TrainingState st = b.state();
            io.transmute.core.io.StateDict gw = io.transmute.core.nn.ModuleWeights.export(b.generator());
            io.transmute.core.io.StateDict dw = io.transmute.core.nn.ModuleWeights.export(b.discriminator());
            try (StarGanModel c = model(so, true, 99)) {
                io.transmute.core.nn.ModuleWeights.load(c.generator(), gw, "G");
                io.transmute.core.nn.ModuleWeights.load(c.discriminator(), dw, "D");
                c.loadState(st);
                assertThat(c.iteration()).isEqualTo(3);
                for (int i = 3; i < 6; i++) {
                    step(c, data, i);
                }
                assertThat(c.learningRate()).isCloseTo(so.gLr() * 0.5, org.assertj.core.data.Offset.offset(1e-12));
                resumed = weights(c);
            }
        }
        assertThat(resumed).containsExactly(straight);
    }

    // one iteration, then the rates' decay the trainer applies after it
    private static void step(StarGanModel m, ColourDomains data, int batch) {
        try (Scope s = Scope.open()) {
            ColourDomains.Batch b = data.batch(new Rng(1000 + batch), 4);
            m.trainStep(ModelInput.labelled(Tensors.fromFloats(b.images(), 4, 3, data.size(), data.size()),
                    b.labels()));
        }
        StarGanOptions so = m.starGanOptions();
        int done = Math.toIntExact(m.iteration());
        m.optimizers().get("G").setLr(rateAfter(so.gLr(), done, so));
        m.optimizers().get("D").setLr(rateAfter(so.dLr(), done, so));
    }

    private static float[] weights(StarGanModel m) {
        try (Scope s = Scope.open()) {
            return Tensors.toFloats(m.generator().parameters().get(0));
        }
    }
}
