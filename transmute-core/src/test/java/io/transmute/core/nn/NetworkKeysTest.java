package io.transmute.core.nn;

import static org.assertj.core.api.Assertions.assertThat;

import io.transmute.core.io.Dtype;
import io.transmute.core.io.StateDict;
import io.transmute.core.testing.Fixtures;
import io.transmute.core.testing.Fixtures.KeyShape;
import io.transmute.core.torch.Torch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.bytedeco.pytorch.Module;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NetworkKeysTest {
    static Stream<Arguments> smallNetworks() {
        return Stream.of(
                net("unet256_ngf4_batch", () -> new UnetGenerator(3, 3, 8, 4, NormType.BATCH, false)),
                net("unet128_ngf4_instance_in1_out2", () -> new UnetGenerator(1, 2, 7, 4, NormType.INSTANCE, false)),
                net("resnet6_ngf4_instance",
                        () -> new ResnetGenerator(3, 3, 4, NormType.INSTANCE, true, 6, UpsampleType.DECONV)),
                net("patchgan_ndf8_batch_in6", () -> new NLayerDiscriminator(6, 8, 3, NormType.BATCH)),
                net("patchgan_ndf8_instance_in3", () -> new NLayerDiscriminator(3, 8, 3, NormType.INSTANCE)),
                net("nlayers4_ndf4_none_in3", () -> new NLayerDiscriminator(3, 4, 4, NormType.NONE)),
                net("pixel_ndf8_batch_in6", () -> new PixelDiscriminator(6, 8, NormType.BATCH)),
                net("stargan_G_dim4_c5", () -> new StarGanGenerator(4, 5, 6)),
                net("stargan_D_c5_dim4", () -> new StarGanDiscriminator(128, 4, 5, 6)),
                net("unet256_ngf16_batch", () -> new UnetGenerator(3, 3, 8, 16, NormType.BATCH, false)),
                net("unet128_ngf16_instance_in1_out2", () -> new UnetGenerator(1, 2, 7, 16, NormType.INSTANCE, false)),
                net("resnet6_ngf16_instance",
                        () -> new ResnetGenerator(3, 3, 16, NormType.INSTANCE, true, 6, UpsampleType.DECONV)),
                net("patchgan_basic_batch_in6", () -> new NLayerDiscriminator(6, 64, 3, NormType.BATCH)),
                net("patchgan_basic_instance_in3", () -> new NLayerDiscriminator(3, 64, 3, NormType.INSTANCE)),
                net("nlayers4_ndf16_none_in3", () -> new NLayerDiscriminator(3, 16, 4, NormType.NONE)),
                net("pixel_ndf16_batch_in6", () -> new PixelDiscriminator(6, 16, NormType.BATCH)),
                net("stargan_G_dim16_c5", () -> new StarGanGenerator(16, 5, 6)),
                net("stargan_D_c5_dim16", () -> new StarGanDiscriminator(128, 16, 5, 6)),
                net("patchgan_basic_batch_in6",
                        () -> DiscriminatorType.parse("basic").build(6, 64, 5, NormType.BATCH)),
                net("nlayers4_ndf16_none_in3",
                        () -> DiscriminatorType.parse("n_layers").build(3, 16, 4, NormType.parse("none"))),
                net("pixel_ndf16_batch_in6", () -> DiscriminatorType.PIXEL.build(6, 16, 3, NormType.BATCH)),
                net("resnet6_ngf16_instance", () -> GeneratorSpec.of("resnet_6blocks", 3, 3, 16, NormType.INSTANCE,
                        true, UpsampleType.DECONV).build()),
                net("unet256_ngf16_batch",
                        () -> GeneratorSpec.of("unet_256", 3, 3, 16, NormType.BATCH, true, UpsampleType.DECONV).build()));
    }

    static Stream<Arguments> fullSizeNetworks() {
        return Stream.of(
                net("unet256_ngf64", () -> new UnetGenerator(3, 3, 8, 64, NormType.BATCH, true)),
                net("stargan_D_c5_dim64", () -> new StarGanDiscriminator(128, 64, 5, 6)));
    }

    private static Arguments net(String fixture, Supplier<Module> build) {
        return Arguments.of(fixture, build);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("smallNetworks")
    void export_givesReferenceKeysShapesAndDtypes_inStateDictOrder(String fixture, Supplier<Module> build) {
        Torch.init();
        StateDict sd = ModuleWeights.export(build.get());
        List<KeyShape> actual = new ArrayList<>();
        sd.entries().forEach((k, v) -> actual.add(new KeyShape(k, boxed(v.shape()),
                v.dtype() == Dtype.FLOAT32 ? "float32" : v.dtype() == Dtype.INT64 ? "int64" : v.dtype().name())));
        assertThat(actual).containsExactlyElementsOf(Fixtures.keys(fixture + ".keys.txt"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fullSizeNetworks")
    void shapes_ofFullSizeDefaultNetworks_matchReferenceKeyList(String fixture, Supplier<Module> build) {
        Torch.init();
        List<KeyShape> actual = new ArrayList<>();
        try (Module net = build.get()) {
            // closed at once: the full-size networks hold 180-220 MB of native weights
            for (Map.Entry<String, long[]> e : ModuleWeights.shapes(net).entrySet()) {
                actual.add(new KeyShape(e.getKey(), boxed(e.getValue()), ""));
            }
        }
        List<KeyShape> expected = Fixtures.keys(fixture + ".keys.txt").stream()
                .map(k -> new KeyShape(k.key(), k.shape(), "")).toList();
        assertThat(actual).containsExactlyElementsOf(expected);
    }

    static List<Long> boxed(long[] shape) {
        List<Long> out = new ArrayList<>();
        for (long d : shape) {
            out.add(d);
        }
        return out;
    }
}
