package io.transmute.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import io.transmute.core.CheckpointException;
import io.transmute.core.io.Dtype;
import io.transmute.core.io.StateDict;
import io.transmute.core.io.TensorData;
import io.transmute.core.torch.Net;
import io.transmute.core.torch.Torch;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ModuleWeightsTest {
    @BeforeAll
    static void load() {
        Torch.init();
    }

    private static Net resnet(int ngf) {
        return new ResnetGenerator(3, 3, ngf, NormType.BATCH, false, 2, UpsampleType.DECONV);
    }

    @Test
    void load_thenExport_roundTripsEveryParameterAndBuffer() {
        Net source = resnet(4);
        Torch.seed(3);
        Init.apply(source, InitType.NORMAL, 0.02);
        source.train(true);
        try (var s = io.transmute.core.torch.Scope.open()) {
            // moves the running statistics and the batch counter away from their defaults
            source.forward(org.bytedeco.pytorch.global.torch.randn(2, 3, 16, 16));
        }
        StateDict weights = ModuleWeights.export(source);
        Net target = resnet(4);
        ModuleWeights.load(target, weights, "latest_net_G.pth");
        assertThat(ModuleWeights.export(target).entries()).isEqualTo(weights.entries());
        assertThat(weights.get("model.2.num_batches_tracked").toFloats()).containsExactly(1f);
    }

    @Test
    void load_reportsMisShapedMissingAndUnexpectedKeys_inOneLine() {
        StateDict weights = ModuleWeights.export(resnet(8));
        weights.remove("model.19.bias");
        weights.put("model.99.weight", TensorData.ofFloats(new float[] {1f}, 1));
        Net narrower = resnet(4);
        StateDict before = ModuleWeights.export(narrower);

        assertThatThrownBy(() -> ModuleWeights.load(narrower, weights, "latest_net_G.pth"))
                .isInstanceOf(CheckpointException.class)
                .hasMessageStartingWith("latest_net_G.pth: model.1.weight is [8, 3, 7, 7] but the network expects"
                        + " [4, 3, 7, 7]; ")
                .hasMessageContaining("1 missing key (model.19.bias)")
                .hasMessageContaining("1 unexpected key (model.99.weight)")
                .hasMessageContaining("more mis-shaped keys")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThat(ModuleWeights.export(narrower).entries()).as("a failed load changes nothing")
                .isEqualTo(before.entries());
    }

    @Test
    void load_listsAtMostThreeKeysPerKind() {
        StateDict weights = ModuleWeights.export(resnet(4));
        weights.remove("model.1.weight");
        weights.remove("model.2.weight");
        weights.remove("model.2.bias");
        weights.remove("model.2.running_mean");
        assertThatThrownBy(() -> ModuleWeights.load(resnet(4), weights, "x.pth"))
                .hasMessageStartingWith("x.pth: 4 missing keys (model.1.weight, model.2.weight, model.2.bias, …)");
    }

    @Test
    void load_convertsHalfAndDoublePrecisionToFloat() {
        Net source = new PixelDiscriminator(3, 4, NormType.BATCH);
        Torch.seed(5);
        Init.apply(source, InitType.NORMAL, 0.02);
        StateDict exact = ModuleWeights.export(source);
        StateDict half = new StateDict();
        StateDict dbl = new StateDict();
        exact.entries().forEach((k, v) -> {
            half.put(k, v.dtype() == Dtype.FLOAT32 ? convert(v, Dtype.FLOAT16) : v);
            dbl.put(k, v.dtype() == Dtype.FLOAT32 ? convert(v, Dtype.FLOAT64) : v);
        });
        Net fromHalf = new PixelDiscriminator(3, 4, NormType.BATCH);
        ModuleWeights.load(fromHalf, half, "half.pth");
        Net fromDouble = new PixelDiscriminator(3, 4, NormType.BATCH);
        ModuleWeights.load(fromDouble, dbl, "double.pth");
        StateDict h = ModuleWeights.export(fromHalf);
        assertThat(h.get("net.0.weight").dtype()).isEqualTo(Dtype.FLOAT32);
        float[] want = exact.get("net.0.weight").toFloats();
        float[] got = h.get("net.0.weight").toFloats();
        for (int i = 0; i < want.length; i++) {
            assertThat(got[i]).isCloseTo(want[i], offset(Math.abs(want[i]) * 1e-3f + 1e-7f));
        }
        assertThat(ModuleWeights.export(fromDouble).entries()).isEqualTo(exact.entries());
    }

    private static TensorData convert(TensorData v, Dtype to) {
        float[] f = v.toFloats();
        ByteBuffer b = ByteBuffer.allocate(f.length * to.size()).order(ByteOrder.LITTLE_ENDIAN);
        for (float x : f) {
            if (to == Dtype.FLOAT64) {
                b.putDouble(x);
            } else {
                b.putShort(toHalf(x));
            }
        }
        return new TensorData(to, v.shape(), b.array());
    }

    // round-to-nearest is not needed here: the comparison allows a relative 1e-3
    private static short toHalf(float x) {
        int bits = Float.floatToIntBits(x);
        int sign = (bits >>> 16) & 0x8000;
        int exp = ((bits >>> 23) & 0xff) - 127 + 15;
        int mant = (bits >>> 13) & 0x3ff;
        if (exp <= 0) {
            return (short) sign;
        }
        return (short) (sign | (exp << 10) | mant);
    }

    @Test
    void load_dropsRunningStatsOfInstanceNormsWithoutThem_asTheReferencePatchDoes() {
        Net source = new ResnetGenerator(3, 3, 4, NormType.INSTANCE, false, 1, UpsampleType.DECONV);
        StateDict weights = ModuleWeights.export(source);
        // what PyTorch < 0.4 saved for InstanceNorm2d layers
        weights.put("model.2.running_mean", TensorData.ofFloats(new float[4], 4));
        weights.put("model.2.running_var", TensorData.ofFloats(new float[] {1, 1, 1, 1}, 4));
        weights.put("model.10.conv_block.2.num_batches_tracked",
                new TensorData(Dtype.INT64, new long[0], new byte[8]));
        Net target = new ResnetGenerator(3, 3, 4, NormType.INSTANCE, false, 1, UpsampleType.DECONV);
        ModuleWeights.load(target, weights, "old_net_G.pth");
        assertThat(ModuleWeights.export(target).get("model.1.weight")).isEqualTo(weights.get("model.1.weight"));
    }

    @Test
    void load_keepsRunningStatsOfInstanceNormsThatTrackThem() {
        StateDict weights = ModuleWeights.export(new StarGanGenerator(4, 2, 1));
        weights.remove("main.1.running_mean");
        assertThatThrownBy(() -> ModuleWeights.load(new StarGanGenerator(4, 2, 1), weights, "200000-G.ckpt"))
                .hasMessageContaining("1 missing key (main.1.running_mean)");
    }

    @Test
    void load_acceptsBatchNormWithoutBatchCounter_asOldPyTorchFilesHaveNone() {
        Net source = new PixelDiscriminator(3, 4, NormType.BATCH);
        StateDict weights = ModuleWeights.export(source);
        weights.remove("net.3.num_batches_tracked");
        ModuleWeights.load(new PixelDiscriminator(3, 4, NormType.BATCH), weights, "old_net_D.pth");
    }
}
