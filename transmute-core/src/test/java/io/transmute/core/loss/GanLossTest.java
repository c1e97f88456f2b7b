package io.transmute.core.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.transmute.core.InvalidOptionException;
import io.transmute.core.torch.Scope;
import io.transmute.core.torch.Tensors;
import io.transmute.core.torch.Torch;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

class GanLossTest {
    private static final float[] LOGITS = {0f, 2f, -1f, 0.5f};

    private static double apply(GanMode mode, boolean real) {
        try (Scope s = Scope.open()) {
            Tensor pred = Tensors.fromFloats(LOGITS, 1, 1, 2, 2);
            return new GanLoss(mode).apply(pred, real).item_double();
        }
    }

    private static double softplus(double x) {
        return Math.log1p(Math.exp(x));
    }

    @Test
    void vanilla_isMeanBinaryCrossEntropyOnLogits() {
        Torch.init(1);
        double real = 0;
        double fake = 0;
        for (float x : LOGITS) {
            real += softplus(-x) / LOGITS.length;
            fake += softplus(x) / LOGITS.length;
        }
        assertThat(apply(GanMode.VANILLA, true)).isCloseTo(real, within(1e-6));
        assertThat(apply(GanMode.VANILLA, false)).isCloseTo(fake, within(1e-6));
    }

    @Test
    void lsgan_isMeanSquaredErrorAgainstOneOrZero() {
        Torch.init(1);
        assertThat(apply(GanMode.LSGAN, true)).isCloseTo((1 + 1 + 4 + 0.25) / 4, within(1e-6));
        assertThat(apply(GanMode.LSGAN, false)).isCloseTo((0 + 4 + 1 + 0.25) / 4, within(1e-6));
    }

    @Test
    void wgangp_isSignedMean() {
        Torch.init(1);
        assertThat(apply(GanMode.WGANGP, true)).isCloseTo(-0.375, within(1e-7));
        assertThat(apply(GanMode.WGANGP, false)).isCloseTo(0.375, within(1e-7));
    }

    @Test
    void parse_acceptsReferenceSpellings_andListsThemOnError() {
        assertThat(GanMode.parse("lsgan")).isEqualTo(GanMode.LSGAN);
        assertThatThrownBy(() -> GanMode.parse("hinge")).isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("vanilla, lsgan, wgangp");
    }
}
