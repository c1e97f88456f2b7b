package io.transmute.core.nn;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.transmute.core.io.PthReader;
import io.transmute.core.testing.Fixtures;
import io.transmute.core.torch.Net;
import io.transmute.core.torch.Scope;
import io.transmute.core.torch.Tensors;
import io.transmute.core.torch.Torch;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs each reference fixture's input through our network with the reference weights. */
class ForwardParityTest {
    private static final double TOLERANCE = 1e-4;
    private static JsonNode fixtures;

    @BeforeAll
    static void readIndex() {
        Torch.init();
        try {
            fixtures = new ObjectMapper().readTree(Fixtures.file("fixtures.json").toFile()).get("fixtures");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void unet256Batch_matchesReference_inEvalMode() {
        assertForward("unet256_ngf16_batch", new UnetGenerator(3, 3, 8, 16, NormType.BATCH, false), false,
                "input", "output_eval");
    }

    @Test
    void unet256Batch_matchesReference_inTrainModeWithBatchStatistics() {
        assertForward("unet256_ngf16_batch", new UnetGenerator(3, 3, 8, 16, NormType.BATCH, false), true,
                "input", "output_trainbn");
    }

    @Test
    void resnet6Instance_matchesReference_inEvalMode() {
        assertForward("resnet6_ngf16_instance",
                new ResnetGenerator(3, 3, 16, NormType.INSTANCE, true, 6, UpsampleType.DECONV), false,
                "input", "output");
    }

    @Test
    void unet128InstanceOneToTwoChannels_matchesReference() {
        assertForward("unet128_ngf16_instance_in1_out2", new UnetGenerator(1, 2, 7, 16, NormType.INSTANCE, false),
                false, "input", "output");
    }

    @Test
    void patchGanBatch_matchesReference_inEvalMode() {
        assertForward("patchgan_basic_batch_in6", new NLayerDiscriminator(6, 64, 3, NormType.BATCH), false,
                "input", "output_eval");
    }

    @Test
    void patchGanBatch_matchesReference_inTrainModeWithBatchStatistics() {
        assertForward("patchgan_basic_batch_in6", new NLayerDiscriminator(6, 64, 3, NormType.BATCH), true,
                "input", "output_trainbn");
    }

    @Test
    void patchGanInstance_matchesReference() {
        assertForward("patchgan_basic_instance_in3", new NLayerDiscriminator(3, 64, 3, NormType.INSTANCE), false,
                "input", "output");
    }

    @Test
    void fourLayerDiscriminatorWithoutNorm_matchesReference() {
        assertForward("nlayers4_ndf16_none_in3", new NLayerDiscriminator(3, 16, 4, NormType.NONE), false,
                "input", "output");
    }

    @Test
    void pixelDiscriminator_matchesReference_inEvalMode() {
        assertForward("pixel_ndf16_batch_in6", new PixelDiscriminator(6, 16, NormType.BATCH), false,
                "input", "output_eval");
    }

    @Test
    void pixelDiscriminator_matchesReference_inTrainModeWithBatchStatistics() {
        assertForward("pixel_ndf16_batch_in6", new PixelDiscriminator(6, 16, NormType.BATCH), true,
                "input", "output_trainbn");
    }

    @Test
    void starGanGenerator_matchesReference_inTrainMode() {
        String name = "stargan_G_dim16_c5";
        StarGanGenerator g = new StarGanGenerator(16, 5, 6);
        load(g, name);
        g.train(true);
        try (Scope s = Scope.open(); NoGradGuard ng = new NoGradGuard()) {
            Tensor out = g.forward(tensor(name, "input_x"), tensor(name, "input_c"));
            assertClose(out, name, "output_train");
        }
    }

    @Test
    void starGanDiscriminator_matchesReference_onBothHeads() {
        String name = "stargan_D_c5_dim16";
        StarGanDiscriminator d = new StarGanDiscriminator(128, 16, 5, 6);
        load(d, name);
        d.train(false);
        try (Scope s = Scope.open(); NoGradGuard ng = new NoGradGuard()) {
            StarGanDiscriminator.Output out = d.forward(tensor(name, "input"));
            assertClose(out.src(), name, "output_src");
            assertClose(out.cls(), name, "output_cls");
        }
    }

    private static void assertForward(String name, Net net, boolean train, String input, String output) {
        load(net, name);
        net.train(train);
        try (Scope s = Scope.open(); NoGradGuard ng = new NoGradGuard()) {
            assertClose(net.forward(tensor(name, input)), name, output);
        }
    }

    private static void load(Module net, String name) {
        ModuleWeights.load(net, PthReader.read(Fixtures.file(name + ".pth")), name + ".pth");
    }

    private static Tensor tensor(String name, String field) {
        JsonNode f = fixtures.get(name).get(field);
        return Tensors.fromFloats(Fixtures.f32(f.get("file").asText()), shape(f));
    }

    private static void assertClose(Tensor actual, String name, String field) {
        JsonNode f = fixtures.get(name).get(field);
        assertThat(Tensors.shape(actual)).as("%s %s shape", name, field).containsExactly(shape(f));
        float[] expected = Fixtures.f32(f.get("file").asText());
        float[] got = Tensors.toFloats(actual);
        double max = 0;
        for (int i = 0; i < got.length; i++) {
            max = Math.max(max, Math.abs(got[i] - expected[i]));
        }
        assertThat(max).as("max |ours - reference| for %s %s", name, field).isLessThanOrEqualTo(TOLERANCE);
    }

    private static long[] shape(JsonNode f) {
        JsonNode s = f.get("shape");
        long[] out = new long[s.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = s.get(i).asLong();
        }
        return out;
    }
}
