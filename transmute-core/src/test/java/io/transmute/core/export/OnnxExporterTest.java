package io.transmute.core.export;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.transmute.core.io.Dtype;
import io.transmute.core.io.PthWriter;
import io.transmute.core.io.StateDict;
import io.transmute.core.io.TensorData;
import io.transmute.core.nn.GeneratorSpec;
import io.transmute.core.nn.GeneratorType;
import io.transmute.core.nn.ModuleWeights;
import io.transmute.core.nn.NormType;
import io.transmute.core.nn.StarGanGenerator;
import io.transmute.core.nn.UpsampleType;
import io.transmute.core.torch.Net;
import io.transmute.core.torch.Scope;
import io.transmute.core.torch.Tensors;
import io.transmute.core.torch.Torch;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every exported generator family in ONNX Runtime and compares it with Transmute's own forward pass, at two
 * input sizes, in train- and eval-mode normalisation. Weights and running statistics are random, so a wrong
 * layer order, kernel layout or norm would show.
 */
class OnnxExporterTest {
    private static final double TOLERANCE = 1e-4;
    private static OrtEnvironment env;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() {
        Torch.init();
        env = OrtEnvironment.getEnvironment();
    }

    static Stream<Arguments> generators() {
        return Stream.of(
                Arguments.of("unet_32 batch", new GeneratorSpec(GeneratorType.UNET_NDOWNS, 3, 3, 4, NormType.BATCH, 5,
                        UpsampleType.DECONV, false), 32, 64),
                Arguments.of("unet_32 instance 1->2 channels", new GeneratorSpec(GeneratorType.UNET_NDOWNS, 1, 2, 4,
                        NormType.INSTANCE, 5, UpsampleType.DECONV, false), 32, 96),
                Arguments.of("resnet_2blocks instance", new GeneratorSpec(GeneratorType.RESNET_NBLOCKS, 3, 3, 4,
                        NormType.INSTANCE, 2, UpsampleType.DECONV, false), 12, 20),
                Arguments.of("resnet_2blocks batch dropout", new GeneratorSpec(GeneratorType.RESNET_NBLOCKS, 3, 3, 4,
                        NormType.BATCH, 2, UpsampleType.DECONV, true), 16, 24),
                Arguments.of("resnet_1blocks resize_conv none", new GeneratorSpec(GeneratorType.RESNET_NBLOCKS, 3, 3, 4,
                        NormType.NONE, 1, UpsampleType.RESIZE_CONV, false), 12, 16),
                Arguments.of("resnet_2blocks resize_conv batch", new GeneratorSpec(GeneratorType.RESNET_NBLOCKS, 3, 3,
                        4, NormType.BATCH, 2, UpsampleType.RESIZE_CONV, false), 12, 28),
                Arguments.of("transformer_net", new GeneratorSpec(GeneratorType.TRANSFORMER_NET, 3, 3, 4,
                        NormType.INSTANCE, 1, UpsampleType.DECONV, false), 12, 20),
                Arguments.of("stargan", GeneratorSpec.stargan(4, 3, 1), 12, 20));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("generators")
    void export_runsInOnnxRuntime_likeOurForward_atTwoSizes_inTrainAndEvalMode(String label, GeneratorSpec spec,
            int size1, int size2) throws Exception {
        Path weights = dir.resolve("G.pth");
        StateDict sd = randomWeights(spec, 11);
        boolean stargan = spec.type().family() == GeneratorType.Family.STARGAN;
        PthWriter.write(weights, sd, stargan ? Map.of("stargan_labels", "Black_Hair\nMale\nYoung") : Map.of());
        for (boolean eval : new boolean[] {false, true}) {
            if (!eval && spec.useDropout()) {
                continue; // train-mode ResNet dropout is random in our forward and left out of the export
            }
            Path onnx = dir.resolve("G-" + eval + ".onnx");
            OnnxExportResult r = OnnxExporter.export(weights, new OnnxExportOptions(eval, null), onnx);
            assertThat(r.opset()).isGreaterThanOrEqualTo(17);
            try (OrtSession.SessionOptions o = new OrtSession.SessionOptions()) {
                o.setIntraOpNumThreads(1);
                try (OrtSession session = env.createSession(onnx.toString(), o)) {
                    assertThat(session.getInputNames()).startsWith(OnnxExporter.IMAGE_INPUT);
                    for (int size : new int[] {size1, size2}) {
                        int height = size;
                        int width = size2 + size1 - size; // non-square at both sizes when they differ
                        double diff = compare(session, spec, sd, eval, 2, height, width);
                        assertThat(diff).as("%s eval=%s %dx%d", label, eval, height, width).isLessThan(TOLERANCE);
                    }
                }
            }
        }
    }

    @Test
    void metadata_namesInputsOutputsRangesAndNormalization() throws Exception {
        GeneratorSpec spec = GeneratorSpec.stargan(4, 3, 1);
        Path weights = dir.resolve("200-G.ckpt");
        PthWriter.write(weights, randomWeights(spec, 3), Map.of("stargan_labels", "Black_Hair\nMale\nYoung"));
        Path onnx = dir.resolve("stargan.onnx");
        OnnxExportResult r = OnnxExporter.export(weights, OnnxExportOptions.defaults(), onnx);
        assertThat(r.inputs()).containsExactly("image [N, 3, H, W]", "labels [N, 3]");
        try (OrtSession session = env.createSession(onnx.toString(), new OrtSession.SessionOptions())) {
            Map<String, String> meta = session.getMetadata().getCustomMetadata();
            assertThat(meta.get("stargan.labels")).isEqualTo("Black_Hair,Male,Young");
            assertThat(meta.get("input.image")).contains("[-1, 1]");
            assertThat(meta.get("normalization")).contains("InstanceNormalization");
            assertThat(meta.get("size_multiple")).contains("4");
            assertThat(session.getMetadata().getProducerName()).isEqualTo("transmute");
            assertThat(session.getOutputNames()).containsExactly(OnnxExporter.OUTPUT);
        }
    }

    /** Max abs difference between ONNX Runtime on a batch and our forward, image by image. */
    private static double compare(OrtSession session, GeneratorSpec spec, StateDict sd, boolean eval, int n,
            int h, int w) throws OrtException {
        boolean stargan = spec.type().family() == GeneratorType.Family.STARGAN;
        int c = stargan ? 3 : spec.inputNc();
        int cDim = spec.cDim();
        Random rnd = new Random(h * 31L + w);
        float[] image = new float[n * c * h * w];
        for (int i = 0; i < image.length; i++) {
            image[i] = rnd.nextFloat() * 2 - 1;
        }
        float[] labels = new float[n * Math.max(cDim, 1)];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = rnd.nextBoolean() ? 1 : 0;
        }
        Map<String, OnnxTensor> inputs = new HashMap<>();
        inputs.put(OnnxExporter.IMAGE_INPUT, OnnxTensor.createTensor(env, FloatBuffer.wrap(image),
                new long[] {n, c, h, w}));
        if (stargan) {
            inputs.put(OnnxExporter.LABELS_INPUT, OnnxTensor.createTensor(env, FloatBuffer.wrap(labels),
                    new long[] {n, cDim}));
        }
        float[] onnx;
        try (OrtSession.Result result = session.run(inputs)) {
            FloatBuffer fb = ((OnnxTensor) result.get(0)).getFloatBuffer();
            onnx = new float[fb.remaining()];
            fb.get(onnx);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
        int outPer = spec.outputNc() * h * w;
        assertThat(onnx).hasSize(n * outPer);
        Net net = spec.build();
        ModuleWeights.load(net, sd, "G.pth");
        net.train(!eval);
        double max = 0;
        try (Scope s = Scope.open(); NoGradGuard g = new NoGradGuard()) {
            for (int b = 0; b < n; b++) {
                // one image at a time: train-mode batch norm then uses that image's statistics, as translate does
                float[] one = Arrays.copyOfRange(image, b * c * h * w, (b + 1) * c * h * w);
                Tensor x = Tensors.fromFloats(one, 1, c, h, w);
                Tensor y = stargan
                        ? ((StarGanGenerator) net).forward(x, Tensors.fromFloats(
                                Arrays.copyOfRange(labels, b * cDim, (b + 1) * cDim), 1, cDim))
                        : net.forward(x);
                float[] ours = Tensors.toFloats(y);
                for (int i = 0; i < outPer; i++) {
                    max = Math.max(max, Math.abs(ours[i] - onnx[b * outPer + i]));
                }
            }
        } finally {
            net.close();
        }
        return max;
    }

    /** Random weights in the network's key layout; norms get scales near 1 and positive running variances. */
    static StateDict randomWeights(GeneratorSpec spec, long seed) {
        Net net = spec.build();
        StateDict shapes = ModuleWeights.export(net);
        net.close();
        Random rnd = new Random(seed);
        StateDict out = new StateDict();
        for (Map.Entry<String, TensorData> e : shapes.entries().entrySet()) {
            TensorData t = e.getValue();
            if (t.dtype() != Dtype.FLOAT32) {
                out.put(e.getKey(), t);
                continue;
            }
            String k = e.getKey();
            long[] shape = t.shape();
            float[] v = new float[(int) t.numel()];
            boolean normScale = shape.length == 1 && k.endsWith(".weight");
            for (int i = 0; i < v.length; i++) {
                double g = rnd.nextGaussian();
                v[i] = (float) (k.endsWith("running_var") ? 0.5 + rnd.nextDouble()
                        : normScale ? 1 + 0.3 * g
                        : k.endsWith("running_mean") ? 0.2 * g
                        : shape.length == 4 ? g / Math.sqrt(shape[1] * shape[2] * shape[3]) : 0.1 * g);
            }
            out.put(k, TensorData.ofFloats(v, shape));
        }
        return out;
    }
}
