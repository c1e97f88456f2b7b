package io.transmute.core.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.transmute.core.torch.Layers;
import io.transmute.core.torch.Scope;
import io.transmute.core.torch.Sequence;
import io.transmute.core.torch.Torch;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

class GradientPenaltyTest {
    @Test
    void linearCritic_givesLambdaTimesSquaredNormGap() {
        Torch.init(1);
        try (Scope s = Scope.open()) {
            torch.manual_seed(3);
            Tensor w = torch.randn(1, 2, 3, 3).to(torch.ScalarType.Double);
            Tensor real = torch.randn(4, 2, 3, 3).to(torch.ScalarType.Double);
            Tensor fake = torch.randn(4, 2, 3, 3).to(torch.ScalarType.Double);
            double norm = w.norm().item_double();
            // D(x) = <w, x> per sample has gradient w everywhere, whatever the interpolation
            double gp = GradientPenalty.DEFAULT.compute(x -> x.mul(w).sum(new long[] {1, 2, 3}, false, new org.bytedeco.pytorch.ScalarTypeOptional()),
                    real, fake, new double[] {0.1, 0.5, 0.7, 0.9}).item_double();
            assertThat(gp).isCloseTo(10 * (norm - 1) * (norm - 1), within(1e-9));
        }
    }

    @Test
    void penaltyGradient_matchesFiniteDifferences_inFloat64() {
        Torch.init(1);
        torch.manual_seed(7);
        Sequence critic = new Sequence().add(Layers.conv(2, 3, 3, 1, 1, true)).add(Layers.tanh())
                .add(Layers.conv(3, 1, 3, 1, 0, true));
        critic.to(torch.ScalarType.Double, false);
        double[] alpha = {0.25, 0.8};
        try (Scope s = Scope.open()) {
            Tensor real = torch.randn(2, 2, 5, 5).to(torch.ScalarType.Double);
            Tensor fake = torch.randn(2, 2, 5, 5).to(torch.ScalarType.Double);
            Tensor weight = critic.named_parameters().get(0).value();
            GradientPenalty gp = GradientPenalty.DEFAULT;
            gp.compute(critic::forward, real, fake, alpha).backward();
            Tensor grad = weight.grad().view(-1);
            Tensor flat = weight.view(-1);
            double h = 1e-6;
            for (long i : new long[] {0, 5, 17, 40}) {
                double plus;
                double minus;
                double orig = flat.get(i).item_double();
                flat.get(i).detach().fill_(new Scalar(orig + h));
                plus = penalty(gp, critic, real, fake, alpha);
                flat.get(i).detach().fill_(new Scalar(orig - h));
                minus = penalty(gp, critic, real, fake, alpha);
                flat.get(i).detach().fill_(new Scalar(orig));
                double numeric = (plus - minus) / (2 * h);
                assertThat(grad.get(i).item_double()).as("weight %d", i)
                        .isCloseTo(numeric, within(1e-6 * Math.max(1, Math.abs(numeric))));
            }
        }
    }

    private static double penalty(GradientPenalty gp, Sequence critic, Tensor real, Tensor fake, double[] alpha) {
        try (Scope s = Scope.open()) {
            // the penalty differentiates the critic itself, so it cannot run under no-grad; its value is enough
            return gp.compute(critic::forward, real, fake, alpha).item_double();
        }
    }

    @Test
    void zeroLambda_turnsThePenaltyOff() {
        Torch.init(1);
        try (Scope s = Scope.open(); NoGradGuard g = new NoGradGuard()) {
            Tensor x = torch.ones(2, 1, 2, 2);
            double v = new GradientPenalty(GradientPenalty.Type.MIXED, 1.0, 0.0)
                    .compute(t -> t.sum(), x, x, new double[] {0.5, 0.5}).item_double();
            assertThat(v).isZero();
        }
    }
}
