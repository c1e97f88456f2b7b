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
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs each reference fixture's input through our network with the reference weights: the small bundled fixtures
 * always, the full-size ones of {@code ../shared/fixtures} when that folder is there.
 */
class ForwardParityTest {
    private static final double TOLERANCE = 1e-4;
    private static final Map<Boolean, JsonNode> INDEX = new HashMap<>();

    @BeforeAll
    static void init() {
        Torch.init();
    }

    static Stream<Arguments> networks() {
        return Stream.of(
                net(false, "unet256_ngf4_batch", () -> new UnetGenerator(3, 3, 8, 4, NormType.BATCH, false), false,
                        "output_eval"),
                net(false, "unet256_ngf4_batch", () -> new UnetGenerator(3, 3, 8, 4, NormType.BATCH, false), true,
                        "output_trainbn"),
                net(false, "resnet6_ngf4_instance",
                        () -> new ResnetGenerator(3, 3, 4, NormType.INSTANCE, true, 6, UpsampleType.DECONV), false,
                        "output"),
                net(false, "unet128_ngf4_instance_in1_out2",
                        () -> new UnetGenerator(1, 2, 7, 4, NormType.INSTANCE, false), false, "output"),
                net(false, "patchgan_ndf8_batch_in6", () -> new NLayerDiscriminator(6, 8, 3, NormType.BATCH), false,
                        "output_eval"),
                net(false, "patchgan_ndf8_batch_in6", () -> new NLayerDiscriminator(6, 8, 3, NormType.BATCH), true,
                        "output_trainbn"),
                net(false, "patchgan_ndf8_instance_in3", () -> new NLayerDiscriminator(3, 8, 3, NormType.INSTANCE),
                        false, "output"),
                net(false, "nlayers4_ndf4_none_in3", () -> new NLayerDiscriminator(3, 4, 4, NormType.NONE), false,
                        "output"),
                net(false, "pixel_ndf8_batch_in6", () -> new PixelDiscriminator(6, 8, NormType.BATCH), false,
                        "output_eval"),
                net(false, "pixel_ndf8_batch_in6", () -> new PixelDiscriminator(6, 8, NormType.BATCH), true,
                        "output_trainbn"),
                net(true, "unet256_ngf16_batch", () -> new UnetGenerator(3, 3, 8, 16, NormType.BATCH, false), false,
                        "output_eval"),
                net(true, "unet256_ngf16_batch", () -> new UnetGenerator(3, 3, 8, 16, NormType.BATCH, false), true,
                        "output_trainbn"),
                net(true, "resnet6_ngf16_instance",
                        () -> new ResnetGenerator(3, 3, 16, NormType.INSTANCE, true, 6, UpsampleType.DECONV), false,
                        "output"),
                net(true, "unet128_ngf16_instance_in1_out2",
                        () -> new UnetGenerator(1, 2, 7, 16, NormType.INSTANCE, false), false, "output"),
                net(true, "patchgan_basic_batch_in6", () -> new NLayerDiscriminator(6, 64, 3, NormType.BATCH), false,
                        "output_eval"),
                net(true, "patchgan_basic_batch_in6", () -> new NLayerDiscriminator(6, 64, 3, NormType.BATCH), true,
                        "output_trainbn"),
                net(true, "patchgan_basic_instance_in3", () -> new NLayerDiscriminator(3, 64, 3, NormType.INSTANCE),
                        false, "output"),
                net(true, "nlayers4_ndf16_none_in3", () -> new NLayerDiscriminator(3, 16, 4, NormType.NONE), false,
                        "output"),
                net(true, "pixel_ndf16_batch_in6", () -> new PixelDiscriminator(6, 16, NormType.BATCH), false,
                        "output_eval"),
                net(true, "pixel_ndf16_batch_in6", () -> new PixelDiscriminator(6, 16, NormType.BATCH), true,
                        "output_trainbn"));
    }

    private static Arguments net(boolean fullSize, String fixture, Supplier<Net> build, boolean train,
            String output) {
        return Arguments.of(fullSize ? "full-size" : "bundled", fixture, build, train, output);
    }

    @ParameterizedTest(name = "{0} {1} {4}")
    @MethodSource("networks")
    void network_matchesReference(String set, String name, Supplier<Net> build, boolean train, String output) {
        JsonNode index = index(set, name);
        Net net = build.get();
        load(net, name);
        net.train(train);
        try (Scope s = Scope.open(); NoGradGuard ng = new NoGradGuard()) {
            assertClose(net.forward(tensor(index, name, "input")), index, name, output);
        }
    }

    static Stream<Arguments> starGanGenerators() {
        return Stream.of(Arguments.of("bundled", "stargan_G_dim4_c5", 4),
                Arguments.of("full-size", "stargan_G_dim16_c5", 16));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("starGanGenerators")
    void starGanGenerator_matchesReference_inTrainMode(String set, String name, int convDim) {
        JsonNode index = index(set, name);
        StarGanGenerator g = new StarGanGenerator(convDim, 5, 6);
        load(g, name);
        g.train(true);
        try (Scope s = Scope.open(); NoGradGuard ng = new NoGradGuard()) {
            Tensor out = g.forward(tensor(index, name, "input_x"), tensor(index, name, "input_c"));
            assertClose(out, index, name, "output_train");
        }
    }

    static Stream<Arguments> starGanDiscriminators() {
        return Stream.of(Arguments.of("bundled", "stargan_D_c5_dim4", 4),
                Arguments.of("full-size", "stargan_D_c5_dim16", 16));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("starGanDiscriminators")
    void starGanDiscriminator_matchesReference_onBothHeads(String set, String name, int convDim) {
        JsonNode index = index(set, name);
        StarGanDiscriminator d = new StarGanDiscriminator(128, convDim, 5, 6);
        load(d, name);
        d.train(false);
        try (Scope s = Scope.open(); NoGradGuard ng = new NoGradGuard()) {
            StarGanDiscriminator.Output out = d.forward(tensor(index, name, "input"));
            assertClose(out.src(), index, name, "output_src");
            assertClose(out.cls(), index, name, "output_cls");
        }
    }

    /** @return the index describing the fixture: the bundled one, or the shared one (skipping when absent) */
    private static synchronized JsonNode index(String set, String name) {
        boolean full = "full-size".equals(set);
        if (full) {
            Fixtures.assumeShared(name + ".pth");
        }
        return INDEX.computeIfAbsent(full, f -> {
            try {
                Path file = f ? Fixtures.assumeShared("fixtures.json") : Fixtures.file("small_fixtures.json");
                return new ObjectMapper().readTree(file.toFile()).get("fixtures");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static void load(Module net, String name) {
        ModuleWeights.load(net, PthReader.read(Fixtures.file(name + ".pth")), name + ".pth");
    }

    private static Tensor tensor(JsonNode index, String name, String field) {
        JsonNode f = index.get(name).get(field);
        return Tensors.fromFloats(Fixtures.f32(f.get("file").asText()), shape(f));
    }

    private static void assertClose(Tensor actual, JsonNode index, String name, String field) {
        JsonNode f = index.get(name).get(field);
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
