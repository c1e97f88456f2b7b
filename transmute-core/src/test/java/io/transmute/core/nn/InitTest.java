package io.transmute.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.transmute.core.InvalidOptionException;
import io.transmute.core.io.StateDict;
import io.transmute.core.torch.Net;
import io.transmute.core.torch.Torch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class InitTest {
    @BeforeAll
    static void load() {
        Torch.init();
    }

    private static double[] meanStd(float[] v) {
        double sum = 0;
        double sq = 0;
        for (float x : v) {
            sum += x;
            sq += (double) x * x;
        }
        double mean = sum / v.length;
        return new double[] {mean, Math.sqrt(sq / v.length - mean * mean)};
    }

    @Test
    void normal_drawsConvWeightsWithStd002_andBatchNormScalesAroundOne() {
        Net net = new UnetGenerator(3, 3, 6, 16, NormType.BATCH, false);
        Torch.seed(0);
        Init.apply(net, InitType.NORMAL, 0.02);
        StateDict sd = ModuleWeights.export(net);
        double[] conv = meanStd(sd.get("model.model.1.model.1.weight").toFloats());
        assertThat(conv[0]).isCloseTo(0, offset(0.002));
        assertThat(conv[1]).isCloseTo(0.02, offset(0.001));
        double[] bn = meanStd(sd.get("model.model.1.model.2.weight").toFloats());
        assertThat(bn[0]).isCloseTo(1, offset(0.01));
        assertThat(bn[1]).isCloseTo(0.02, offset(0.01));
        assertThat(sd.get("model.model.1.model.2.bias").toFloats()).containsOnly(0f);
        assertThat(sd.get("model.model.3.bias").toFloats()).containsOnly(0f);
    }

    @Test
    void xavierAndKaimingAndOrthogonal_giveTheirTheoreticalScales() {
        // one 3x3 conv 64 -> 64: fan_in = fan_out = 576
        Net net = new ResnetGenerator(3, 3, 16, NormType.INSTANCE, false, 1, UpsampleType.DECONV);
        String key = "model.10.conv_block.1.weight";
        Torch.seed(1);
        Init.apply(net, InitType.XAVIER, 0.5);
        assertThat(meanStd(ModuleWeights.export(net).get(key).toFloats())[1])
                .isCloseTo(0.5 * Math.sqrt(2.0 / (576 + 576)), offset(0.001));
        Init.apply(net, InitType.KAIMING, 0.02);
        assertThat(meanStd(ModuleWeights.export(net).get(key).toFloats())[1])
                .isCloseTo(Math.sqrt(2.0 / 576), offset(0.002));
        Init.apply(net, InitType.ORTHOGONAL, 2.0);
        float[] w = ModuleWeights.export(net).get(key).toFloats();
        // rows of the 64 x 576 matrix are orthogonal with norm equal to the gain
        double dot01 = 0;
        double norm0 = 0;
        for (int i = 0; i < 576; i++) {
            dot01 += w[i] * w[576 + i];
            norm0 += w[i] * w[i];
        }
        assertThat(Math.sqrt(norm0)).isCloseTo(2.0, offset(1e-3));
        assertThat(dot01).isCloseTo(0, offset(1e-3));
        assertThat(ModuleWeights.export(net).get("model.10.conv_block.1.bias").toFloats()).containsOnly(0f);
    }

    @Test
    void sameSeed_givesSameWeights() {
        Net a = new NLayerDiscriminator(3, 8, 3, NormType.BATCH);
        Net b = new NLayerDiscriminator(3, 8, 3, NormType.BATCH);
        Torch.seed(42);
        Init.apply(a, InitType.NORMAL, 0.02);
        Torch.seed(42);
        Init.apply(b, InitType.NORMAL, 0.02);
        StateDict sa = ModuleWeights.export(a);
        StateDict sb = ModuleWeights.export(b);
        assertThat(sa.entries()).isEqualTo(sb.entries());
    }

    @Test
    void apply_rejectsNonPositiveGain() {
        Net net = new PixelDiscriminator(3, 4, NormType.NONE);
        assertThatThrownBy(() -> Init.apply(net, InitType.NORMAL, 0))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("--init_gain");
    }
}
