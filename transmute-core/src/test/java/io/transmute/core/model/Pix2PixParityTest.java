package io.transmute.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.transmute.core.io.PthReader;
import io.transmute.core.io.StateDict;
import io.transmute.core.io.TensorData;
import io.transmute.core.nn.ModuleWeights;
import io.transmute.core.random.Rng;
import io.transmute.core.testing.Fixtures;
import io.transmute.core.torch.Device;
import io.transmute.core.torch.Scope;
import io.transmute.core.torch.Tensors;
import io.transmute.core.torch.Torch;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One pix2pix step from the reference's weights and pair reproduces the reference's losses and updates. */
class Pix2PixParityTest {
    private static final double REL = 1e-4;
    private static final double LR = 2e-4;
    private static final double FLIP = 2 * LR;

    static Stream<Arguments> steps() {
        return Stream.of(
                Arguments.of("bundled", "p2p_small", "unet256_ngf4_batch", "patchgan_ndf8_batch_in6", 4, 8),
                Arguments.of("full-size", "p2p_step", "unet256_ngf16_batch", "patchgan_basic_batch_in6", 16, 64));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("steps")
    void trainStep_matchesReferenceLossesFakeAndUpdatedWeights(String set, String fixture, String g, String d,
            int ngf, int ndf) throws IOException {
        Torch.init(1);
        Path stepFile = set.equals("bundled") ? Fixtures.file(fixture + ".json")
                : Fixtures.assumeShared(fixture + ".json");
        JsonNode step = new ObjectMapper().readTree(stepFile.toFile());
        JsonNode sums = new ObjectMapper().readTree(Fixtures.file(fixture + ".after_checksums.json").toFile());
        ModelSpec spec = ModelRegistry.get("pix2pix");
        ModelOptions options = spec.resolve(new ModelOptions.Builder()
                .set(ModelOptions.NGF, ngf).set(ModelOptions.NDF, ndf).set(ModelOptions.NO_DROPOUT, true));
        assertThat(options.netG()).isEqualTo("unet_256");
        try (TranslationModel model = spec.create(options, Device.CPU, new Rng(0))) {
            ModuleWeights.load(model.networks().get("G"), PthReader.read(Fixtures.file(g + ".pth")), g + ".pth");
            ModuleWeights.load(model.networks().get("D"), PthReader.read(Fixtures.file(d + ".pth")), d + ".pth");
            StepResult result;
            try (Scope s = Scope.open()) {
                Tensor a = Tensors.fromFloats(Fixtures.f32(file(step, "real_A")), 1, 3, 256, 256);
                Tensor b = Tensors.fromFloats(Fixtures.f32(file(step, "real_B")), 1, 3, 256, 256);
                result = model.trainStep(ModelInput.of(a, b));
            }

            JsonNode expected = step.get("losses_in_step");
            assertThat(result.losses().values()).extracting(Metric::name)
                    .containsExactly("G_GAN", "G_L1", "D_real", "D_fake");
            for (Metric m : result.losses().values()) {
                double want = expected.get(m.name()).asDouble();
                System.out.printf("%-7s ours %.9f reference %.9f rel %.2e%n", m.name(), m.value(), want,
                        Math.abs(m.value() - want) / Math.abs(want));
            }
            for (Metric m : result.losses().values()) {
                double want = expected.get(m.name()).asDouble();
                assertThat(m.value()).as(m.name()).isCloseTo(want, org.assertj.core.data.Offset.offset(REL * want));
            }

            assertThat(result.visuals()).extracting(Visual::label).containsExactly("real_A", "fake_B", "real_B");
            float[] fake = result.visuals().get(1).image().values();
            float[] ref = Fixtures.f32(file(step, "fake_B_in_step"));
            double maxDiff = 0;
            for (int i = 0; i < ref.length; i++) {
                maxDiff = Math.max(maxDiff, Math.abs(fake[i] - ref[i]));
            }
            System.out.printf("fake_B max abs diff %.3e%n", maxDiff);
            assertThat(maxDiff).isLessThan(1e-4);

            double worst = 0;
            List<String> checked = new ArrayList<>();
            for (String net : List.of("G", "D")) {
                StateDict after = ModuleWeights.export(model.networks().get(net));
                Iterator<Map.Entry<String, JsonNode>> it = sums.get(net).fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    TensorData t = after.get(e.getKey());
                    assertThat(t).as(net + " " + e.getKey()).isNotNull();
                    double sum = 0;
                    double absSum = 0;
                    for (float v : t.toFloats()) {
                        sum += v;
                        absSum += Math.abs(v);
                    }
                    double refAbs = e.getValue().get("abs_sum").asDouble();
                    double refSum = e.getValue().get("sum").asDouble();
                    double tol = REL * Math.max(refAbs, 1e-12);
                    worst = Math.max(worst, Math.abs(absSum - refAbs) / Math.max(refAbs, 1e-12));
                    // Adam's first step moves every element by +-lr whatever its gradient's size, so a gradient
                    // within float32 noise of zero (BN shifts deep in the U-Net) may flip: one flip moves the sum
                    // by 2 * lr. Allow two such flips per key; a wrong update rule or order is far outside that.
                    // A gradient of the order of Adam's eps (1e-8) moves its element by a fraction of lr that
                    // float32 noise decides, so abs_sum gets lr of slack (seen on AMD EPYC's AVX2 kernels).
                    assertThat(sum).as(net + " " + e.getKey() + " sum").isCloseTo(refSum,
                            org.assertj.core.data.Offset.offset(Math.max(tol, 2 * FLIP)));
                    assertThat(absSum).as(net + " " + e.getKey() + " abs_sum").isCloseTo(refAbs,
                            org.assertj.core.data.Offset.offset(Math.max(tol, LR)));
                    checked.add(e.getKey());
                }
            }
            System.out.printf("checked %d keys; worst abs_sum deviation %.2e relative%n", checked.size(), worst);
            assertThat(checked).hasSize(sums.get("G").size() + sums.get("D").size());
        }
    }

    private static String file(JsonNode step, String field) {
        return step.get(field).get("file").asText();
    }
}
