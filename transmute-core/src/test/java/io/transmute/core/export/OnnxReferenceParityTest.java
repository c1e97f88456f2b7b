package io.transmute.core.export;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import io.transmute.core.testing.Fixtures;
import io.transmute.core.torch.Torch;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Exports the reference's own checkpoints and runs them in ONNX Runtime on the reference's inputs: the outputs
 * must be those PyTorch computed. Uses the large fixtures in {@code ../shared/fixtures} and skips without them.
 */
class OnnxReferenceParityTest {
    private static final double TOLERANCE = 1e-4;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() {
        Torch.init();
    }

    @ParameterizedTest(name = "{0} eval={1}")
    @CsvSource({
        "resnet6_ngf4_instance, true, input, , output, 1, 64",
        "unet256_ngf4_batch, false, input, , output_trainbn, 1, 256",
        "unet256_ngf4_batch, true, input, , output_eval, 1, 256",
        "stargan_G_dim4_c5, false, input_x, input_c, output_train, 2, 32"})
    void onnxRuntime_reproducesPyTorch_onReferenceCheckpoints(String name, boolean eval, String input, String labels,
            String output, int n, int size) throws Exception {
        Path onnx = dir.resolve(name + ".onnx");
        OnnxExporter.export(Fixtures.file(name + ".pth"), new OnnxExportOptions(eval, null), onnx);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        Map<String, OnnxTensor> inputs = new HashMap<>();
        inputs.put(OnnxExporter.IMAGE_INPUT, OnnxTensor.createTensor(env,
                FloatBuffer.wrap(Fixtures.f32(name + "." + input + ".f32")), new long[] {n, 3, size, size}));
        if (labels != null) {
            float[] c = Fixtures.f32(name + "." + labels + ".f32");
            inputs.put(OnnxExporter.LABELS_INPUT, OnnxTensor.createTensor(env, FloatBuffer.wrap(c),
                    new long[] {n, c.length / n}));
        }
        float[] expected = Fixtures.f32(name + "." + output + ".f32");
        try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
            o.setIntraOpNumThreads(1);
            try (OrtSession session = env.createSession(onnx.toString(), o);
                    OrtSession.Result r = session.run(inputs)) {
                FloatBuffer fb = ((OnnxTensor) r.get(0)).getFloatBuffer();
                float[] actual = new float[fb.remaining()];
                fb.get(actual);
                assertThat(actual).hasSameSizeAs(expected);
                double max = 0;
                for (int i = 0; i < actual.length; i++) {
                    max = Math.max(max, Math.abs(actual[i] - expected[i]));
                }
                assertThat(max).as(name).isLessThan(TOLERANCE);
            }
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }
}
