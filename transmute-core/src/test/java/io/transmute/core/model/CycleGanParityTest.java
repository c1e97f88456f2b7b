package io.transmute.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.transmute.core.io.PthReader;
import io.transmute.core.io.StateDict;
import io.transmute.core.nn.ModuleWeights;
import io.transmute.core.nn.NormType;
import io.transmute.core.random.Rng;
import io.transmute.core.testing.Fixtures;
import io.transmute.core.torch.Device;
import io.transmute.core.torch.Scope;
import io.transmute.core.torch.Tensors;
import io.transmute.core.torch.Torch;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two CycleGAN steps from the reference's initial weights and glyph pairs ({@code cycle_small/}, and the full-size
 * {@code cycle_step/} of {@code ../shared} when present): the losses it logged, its {@code fake_B}, and every
 * element of G_A and every key's sum of the four networks after step 1.
 *
 * <p>Step 1 is compared element by element. Step 2 is compared by its losses only, within 1e-3: Adam's first step
 * moves each weight by about {@code lr * sign(grad)}, so the elements whose gradient is float noise (the conv
 * biases that instance norm cancels, a few near-zero weight gradients) move by a noise-chosen {@code +-lr}, and
 * step 2's gradients then differ by 3-5% (the reference itself, float32 against float64 on one machine: step-2
 * G_B loss 0.86295 against 0.86316, and two thirds of G_A's elements apart by up to 2 lr after step 2). The
 * fixture's two-step weights are therefore not reproducible beyond their sums, by the reference or by us.
 */
class CycleGanParityTest {
    private static final List<String> NETS = List.of("G_A", "G_B", "D_A", "D_B");
    private static final double LR = 2e-4;

    static Stream<Arguments> fixtures() {
        return Stream.of(Arguments.of("bundled", "cycle_small", 4), Arguments.of("full-size", "cycle_step", 16));
    }

    /**
     * The bundled fixture (ngf/ndf 4) carries {@code tools/cycle_step_after1.py}'s step-1 reference, so its step-1
     * weights are checked too; the full-size one in {@code ../shared} (ngf/ndf 16) has the losses and fake_B.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("fixtures")
    void twoSteps_matchReferenceLossesAndStepOneUpdates(String set, String fixture, int width) throws IOException {
        Torch.init(1);
        String prefix = fixture + "/" + fixture + ".";
        ObjectMapper json = new ObjectMapper();
        Path index = set.equals("bundled") ? Fixtures.file(prefix + "json") : Fixtures.assumeShared(prefix + "json");
        JsonNode ref = json.readTree(index.toFile());
        ModelSpec spec = ModelRegistry.get("cycle_gan");
        ModelOptions options = spec.resolve(new ModelOptions.Builder()
                .set(ModelOptions.NET_G, "resnet_6blocks").set(ModelOptions.NGF, width).set(ModelOptions.NDF, width)
                .set(ModelOptions.NORM, NormType.INSTANCE));
        assertThat(CycleGanOptions.from(options).lambdaIdentity()).isEqualTo(0.5);
        assertThat(options.poolSize()).isEqualTo(50);
        try (TranslationModel model = spec.create(options, Device.CPU, new Rng(0))) {
            for (String net : NETS) {
                String file = prefix + net + "_init.pth";
                ModuleWeights.load(model.networks().get(net), PthReader.read(Fixtures.file(file)), file);
            }

            StepResult first = step(model, prefix, 1);
            assertLosses(first, ref.get("losses").get(0), 1e-4, 1);
            float[] fake = first.visuals().stream().filter(v -> v.label().equals("fake_B")).findFirst()
                    .orElseThrow().image().values();
            assertThat(maxAbsDiff(fake, Fixtures.f32(prefix + "1.fake_B.f32"))).isLessThan(1e-4);
            if (Fixtures.exists(prefix + "after1.json")) {
                assertStepOneWeights(model, prefix, json.readTree(Fixtures.file(prefix + "after1.json").toFile()));
            } else {
                System.out.println("no " + prefix + "after1.json (tools/cycle_step_after1.py makes it): step-1 weights"
                        + " not compared");
            }

            StepResult second = step(model, prefix, 2);
            assertLosses(second, ref.get("losses").get(1), 1e-3, 2);
        }
    }

    private static StepResult step(TranslationModel model, String prefix, int step) {
        try (Scope s = Scope.open()) {
            Tensor a = Tensors.fromFloats(Fixtures.f32(prefix + step + ".real_A.f32"), 1, 3, 64, 64);
            Tensor b = Tensors.fromFloats(Fixtures.f32(prefix + step + ".real_B.f32"), 1, 3, 64, 64);
            return model.trainStep(ModelInput.of(a, b));
        }
    }

    private static void assertLosses(StepResult result, JsonNode expected, double rel, int step) {
        assertThat(result.losses().values()).extracting(Metric::name)
                .containsExactly("D_A", "G_A", "cycle_A", "idt_A", "D_B", "G_B", "cycle_B", "idt_B");
        for (Metric m : result.losses().values()) {
            double want = expected.get(m.name()).asDouble();
            System.out.printf("step %d %-7s ours %.9f reference %.9f rel %.2e%n", step, m.name(), m.value(), want,
                    Math.abs(m.value() - want) / Math.abs(want));
        }
        for (Metric m : result.losses().values()) {
            double want = expected.get(m.name()).asDouble();
            assertThat(m.value()).as("step " + step + " " + m.name()).isCloseTo(want, offset(rel * Math.abs(want)));
        }
    }

    private static void assertStepOneWeights(TranslationModel model, String prefix, JsonNode after1) {
        StateDict want = PthReader.read(Fixtures.file(prefix + "G_A_after1.pth"));
        StateDict ours = ModuleWeights.export(model.networks().get("G_A"));
        JsonNode unstable = after1.get("G_A_noise_indices");
        double worstStable = 0;
        int elements = 0;
        for (String key : want.keyList()) {
            float[] o = ours.get(key).toFloats();
            float[] r = want.get(key).toFloats();
            assertThat(o).as(key).hasSameSizeAs(r);
            Set<Integer> noisy = new HashSet<>();
            if (unstable.has(key)) {
                unstable.get(key).forEach(i -> noisy.add(i.asInt()));
            }
            for (int i = 0; i < o.length; i++) {
                double d = Math.abs(o[i] - r[i]);
                if (noisy.contains(i)) {
                    assertThat(d).as(key + "[" + i + "] (noise-level gradient)").isLessThanOrEqualTo(2 * LR + 1e-6);
                } else {
                    worstStable = Math.max(worstStable, d);
                    elements++;
                }
            }
        }
        System.out.printf("G_A after step 1: %d elements with a clear gradient, max abs difference %.3e%n", elements,
                worstStable);
        assertThat(worstStable).isLessThan(1e-6);

        JsonNode sums = after1.get("sums");
        for (String net : NETS) {
            StateDict after = ModuleWeights.export(model.networks().get(net));
            Iterator<Map.Entry<String, JsonNode>> it = sums.get(net).fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                float[] values = after.get(e.getKey()).toFloats();
                double sum = 0;
                for (float v : values) {
                    sum += v;
                }
                double expected = e.getValue().asDouble();
                // biases in front of instance norm get a zero gradient up to float noise: each moves by +-lr
                double slack = e.getKey().endsWith("bias") ? 2 * LR * values.length : 8 * LR;
                assertThat(sum).as(net + " " + e.getKey() + " sum").isCloseTo(expected,
                        offset(Math.max(1e-4 * Math.abs(expected), slack)));
            }
        }
    }

    private static double maxAbsDiff(float[] a, float[] b) {
        assertThat(a).hasSameSizeAs(b);
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
