package io.transmute.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.transmute.core.io.PthReader;
import io.transmute.core.nn.ModuleWeights;
import io.transmute.core.nn.NormType;
import io.transmute.core.random.Rng;
import io.transmute.core.torch.Device;
import io.transmute.core.torch.Scope;
import io.transmute.core.torch.Tensors;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Replays a run of the reference CycleGAN recorded by {@code bench/learning/cycle_gan_replay_dump.py}: the same
 * initial weights, the same input tensors step by step, the same image-pool decisions and learning rates, so
 * that the only difference left between the two runs is what each computes.
 */
final class CycleGanReplay {
    static final List<String> NETS = List.of("G_A", "G_B", "D_A", "D_B");

    /** One step: the reference's losses and ours, in the reference's order of names. */
    record Step(int index, Map<String, Double> reference, Map<String, Double> ours) {
        /** @return the largest relative difference over the eight losses */
        double worstRelative() {
            double worst = 0;
            for (Map.Entry<String, Double> e : reference.entrySet()) {
                double r = e.getValue();
                worst = Math.max(worst, Math.abs(ours.get(e.getKey()) - r) / Math.max(Math.abs(r), 1e-12));
            }
            return worst;
        }
    }

    private CycleGanReplay() {
    }

    /**
     * @param dir a folder written by the dump script
     * @param initWeights where the initial weights are, per network name
     * @param poolSize the {@code --pool_size} the reference ran with
     * @param steps at most this many steps (fewer if the recording is shorter)
     * @param exchanges false to ignore the recorded pool exchanges (the pools then always return the new image
     *     once full): a control showing what a pool that differs from the reference does to the losses
     * @return every replayed step
     */
    static List<Step> run(Path dir, Function<String, Path> initWeights, int poolSize, int steps, boolean exchanges)
            throws IOException {
        JsonNode replay = new ObjectMapper().readTree(dir.resolve("replay.json").toFile());
        JsonNode recorded = replay.get("steps");
        long[] shape = new long[4];
        for (int i = 0; i < 4; i++) {
            shape[i] = replay.get("shape").get(i).asLong();
        }
        int imageFloats = (int) (shape[0] * shape[1] * shape[2] * shape[3]);
        ByteBuffer inputs = ByteBuffer.wrap(Files.readAllBytes(dir.resolve("inputs.f32")))
                .order(ByteOrder.LITTLE_ENDIAN);
        ModelSpec spec = ModelRegistry.get("cycle_gan");
        ModelOptions options = spec.resolve(new ModelOptions.Builder()
                .set(ModelOptions.NET_G, "resnet_6blocks").set(ModelOptions.NGF, recordedOption(replay, "--ngf", 64))
                .set(ModelOptions.NDF, recordedOption(replay, "--ndf", 64))
                .set(ModelOptions.NORM, NormType.INSTANCE).set(ModelOptions.POOL_SIZE, poolSize));
        Deque<Integer> fakeB = new ArrayDeque<>();
        Deque<Integer> fakeA = new ArrayDeque<>();
        List<Step> out = new ArrayList<>();
        try (TranslationModel model = spec.create(options, Device.CPU, new Rng(0))) {
            for (String net : NETS) {
                Path file = initWeights.apply(net);
                ModuleWeights.load(model.networks().get(net), PthReader.read(file), file.toString());
            }
            ((CycleGanModel) model).usePoolDraws(size -> exchanges ? fakeB.removeFirst() : drop(fakeB),
                    size -> exchanges ? fakeA.removeFirst() : drop(fakeA));
            int n = Math.min(steps, recorded.size());
            for (int i = 0; i < n; i++) {
                JsonNode r = recorded.get(i);
                // the recording has a -1 for each image stored while the pool filled, which draws nothing
                if ((long) i * shape[0] >= poolSize) {
                    r.get("pool_fake_B").forEach(d -> fakeB.addLast(d.asInt()));
                    r.get("pool_fake_A").forEach(d -> fakeA.addLast(d.asInt()));
                }
                model.setLearningRate(r.get("lr").asDouble());
                float[] a = floats(inputs, imageFloats);
                float[] b = floats(inputs, imageFloats);
                StepResult result;
                try (Scope s = Scope.open()) {
                    result = model.trainStep(ModelInput.of(Tensors.fromFloats(a, shape),
                            Tensors.fromFloats(b, shape)));
                }
                Map<String, Double> ref = new LinkedHashMap<>();
                r.get("losses").fields().forEachRemaining(e -> ref.put(e.getKey(), e.getValue().asDouble()));
                Map<String, Double> ours = new LinkedHashMap<>();
                result.losses().values().forEach(m -> ours.put(m.name(), m.value()));
                out.add(new Step(i + 1, ref, ours));
                if (!fakeB.isEmpty() || !fakeA.isEmpty()) {
                    throw new IllegalStateException("step " + (i + 1) + " left pool draws unused");
                }
            }
        }
        return out;
    }

    private static int drop(Deque<Integer> draws) {
        draws.removeFirst();
        return PoolDraws.KEEP;
    }

    private static float[] floats(ByteBuffer buffer, int n) {
        float[] v = new float[n];
        buffer.asFloatBuffer().get(v);
        buffer.position(buffer.position() + 4 * n);
        return v;
    }

    /** @return the number the reference ran with for a whole-number option, or its default when not given */
    private static int recordedOption(JsonNode replay, String name, int fallback) {
        JsonNode options = replay.get("options");
        for (int i = 0; i + 1 < options.size(); i++) {
            if (options.get(i).asText().equals(name)) {
                return Integer.parseInt(options.get(i + 1).asText());
            }
        }
        return fallback;
    }
}
