package io.transmute.core.export;

import io.transmute.core.CheckpointException;
import io.transmute.core.InvalidOptionException;
import io.transmute.core.export.onnx.OnnxProto.GraphProto;
import io.transmute.core.export.onnx.OnnxProto.ModelProto;
import io.transmute.core.export.onnx.OnnxProto.OperatorSetIdProto;
import io.transmute.core.export.onnx.OnnxProto.StringStringEntryProto;
import io.transmute.core.export.onnx.OnnxProto.TensorProto;
import io.transmute.core.export.onnx.OnnxProto.TensorShapeProto;
import io.transmute.core.export.onnx.OnnxProto.TypeProto;
import io.transmute.core.export.onnx.OnnxProto.ValueInfoProto;
import io.transmute.core.io.AtomicFiles;
import io.transmute.core.io.PthReader;
import io.transmute.core.io.StateDict;
import io.transmute.core.io.WeightFiles;
import io.transmute.core.nn.ArchitectureInference;
import io.transmute.core.nn.GeneratorSpec;
import io.transmute.core.nn.GeneratorType;
import io.transmute.core.nn.ModuleWeights;
import io.transmute.core.torch.Net;
import io.transmute.core.torch.Torch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a generator as an ONNX model that ONNX Runtime (or any runtime of operator set 17 or later) runs without
 * Transmute: weights as initializers under their PyTorch keys, batch, height and width as dynamic axes, and the
 * inputs, outputs, value ranges and normalisation described in the model's metadata.
 *
 * <pre>{@code
 * OnnxExporter.export(Path.of("latest_net_G.pth"), OnnxExportOptions.defaults(), Path.of("horse2zebra.onnx"));
 * }</pre>
 */
public final class OnnxExporter {
    /** The operator set the graphs use ({@code Shape} with {@code start}, {@code Pad} with input pads). */
    public static final int OPSET = 17;
    /** The IR version that goes with {@link #OPSET}. */
    static final long IR_VERSION = 8;
    /** Name of the image input: float32 [N, input_nc, H, W] in [-1, 1]. */
    public static final String IMAGE_INPUT = "image";
    /** Name of StarGAN's label input: float32 [N, c_dim]. */
    public static final String LABELS_INPUT = "labels";
    /** Name of the output: float32 [N, output_nc, H, W] in [-1, 1]. */
    public static final String OUTPUT = "translated";

    private OnnxExporter() {
    }

    /**
     * Exports the generator in a weights file.
     *
     * @param weights a generator's {@code .pth}/{@code .ckpt} state dict or {@code .safetensors}, ours or the
     *     reference's; the architecture is read from it
     * @param options normalisation mode and StarGAN label names
     * @param out the {@code .onnx} file to write (atomically)
     * @return what was written
     * @throws CheckpointException when the file is not a generator Transmute knows
     */
    public static OnnxExportResult export(Path weights, OnnxExportOptions options, Path out) {
        String name = weights.getFileName().toString();
        StateDict raw = WeightFiles.read(weights);
        GeneratorSpec inferred = ArchitectureInference.inferGenerator(raw, name);
        // U-Net dropout has no weights and is not exported, so the spec is built without it
        GeneratorSpec spec = new GeneratorSpec(inferred.type(), inferred.inputNc(), inferred.outputNc(),
                inferred.ngf(), inferred.norm(), inferred.depth(), inferred.upsample(),
                inferred.type().family() == GeneratorType.Family.RESNET && inferred.useDropout());
        StateDict canonical = canonicalWeights(spec, raw, name);
        List<String> labels = spec.type().family() == GeneratorType.Family.STARGAN
                ? labelNames(options.attributeNames(), weights, spec.cDim(), name) : List.of();
        ModelProto model = model(spec, canonical, options.eval(), labels, name);
        byte[] bytes = model.toByteArray();
        AtomicFiles.writeBytes(out, bytes);
        List<String> inputs = new ArrayList<>();
        inputs.add(IMAGE_INPUT + " [N, " + imageChannels(spec) + ", H, W]");
        if (!labels.isEmpty()) {
            inputs.add(LABELS_INPUT + " [N, " + spec.cDim() + "]");
        }
        return new OnnxExportResult(out, spec.netG(), inputs, OUTPUT + " [N, " + spec.outputNc() + ", H, W]", OPSET,
                GeneratorGraph.normalization(spec, options.eval()), spec.sizeMultiple(), bytes.length);
    }

    /**
     * Loads the weights strictly into the network they belong to and copies them back out, so the graph reads
     * one key layout whatever the file's age (old instance-norm statistics, a missing batch counter, float16).
     */
    private static StateDict canonicalWeights(GeneratorSpec spec, StateDict raw, String name) {
        Torch.init();
        Net net = spec.build();
        try {
            ModuleWeights.load(net, raw, name);
            return ModuleWeights.export(net);
        } finally {
            net.close();
        }
    }

    private static List<String> labelNames(List<String> given, Path weights, int cDim, String name) {
        List<String> names;
        if (given != null) {
            names = given;
        } else {
            Map<String, String> records = WeightFiles.isSafetensors(weights) ? Map.of()
                    : PthReader.readRecords(weights);
            String stored = records.get("stargan_labels");
            if (stored == null || stored.isEmpty()) {
                List<String> indices = new ArrayList<>();
                for (int i = 0; i < cDim; i++) {
                    indices.add("label_" + i);
                }
                return indices;
            }
            names = List.of(stored.split("\n"));
        }
        if (names.size() != cDim) {
            throw new InvalidOptionException(name + " has c_dim " + cDim + " but " + names.size()
                    + " label name(s) were given; give --selected_attrs with " + cDim + " names in training order");
        }
        return names;
    }

    private static int imageChannels(GeneratorSpec spec) {
        return spec.type().family() == GeneratorType.Family.STARGAN ? 3 : spec.inputNc();
    }

    static ModelProto model(GeneratorSpec spec, StateDict weights, boolean eval, List<String> labels, String source) {
        OnnxGraphBuilder builder = GeneratorGraph.build(spec, weights, eval);
        GraphProto.Builder graph = builder.graph().setName(spec.netG())
                .addInput(tensorInfo(IMAGE_INPUT, "image batch, float32 NCHW, values in [-1, 1]"
                        + (imageChannels(spec) == 3 ? " (RGB)" : ""), "N", imageChannels(spec), "H", "W"));
        if (!labels.isEmpty()) {
            graph.addInput(tensorInfo(LABELS_INPUT, "target labels, float32, 1 for each wanted attribute, else 0: "
                    + String.join(", ", labels), "N", labels.size()));
        }
        graph.addOutput(tensorInfo(OUTPUT, "translated batch, float32 NCHW, values in [-1, 1] (tanh)", "N",
                spec.outputNc(), "H", "W"));
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("transmute.netG", spec.netG());
        meta.put("transmute.ngf", Integer.toString(spec.ngf()));
        meta.put("transmute.norm", spec.norm().cliName());
        meta.put("transmute.source", source);
        meta.put("input." + IMAGE_INPUT, "float32 [N, " + imageChannels(spec) + ", H, W], values in [-1, 1]"
                + " (pixel / 127.5 - 1)");
        if (!labels.isEmpty()) {
            meta.put("input." + LABELS_INPUT, "float32 [N, " + labels.size() + "], target attributes in order: "
                    + String.join(",", labels));
            meta.put("stargan.labels", String.join(",", labels));
        }
        meta.put("output." + OUTPUT, "float32 [N, " + spec.outputNc() + ", H, W], values in [-1, 1]"
                + " ((value + 1) * 127.5 for pixels)");
        meta.put("size_multiple", "height and width must be multiples of " + spec.sizeMultiple()
                + " (pad, e.g. by reflection, and crop back)");
        meta.put("normalization", GeneratorGraph.normalization(spec, eval));
        meta.put("mode", eval ? "eval" : "train");
        meta.put("dropout", "none (deterministic, as translate --no_dropout)");
        ModelProto.Builder m = ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .setProducerName("transmute")
                .setProducerVersion(version())
                .setDocString(spec.netG() + " generator exported by Transmute from " + source)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setGraph(graph);
        meta.forEach((k, v) -> m.addMetadataProps(StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
        return m.build();
    }

    private static String version() {
        String v = OnnxExporter.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** A float32 tensor value whose dimensions are names (dynamic) or Integers (fixed). */
    private static ValueInfoProto tensorInfo(String name, String doc, Object... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (Object d : dims) {
            TensorShapeProto.Dimension.Builder dim = TensorShapeProto.Dimension.newBuilder();
            if (d instanceof String s) {
                dim.setDimParam(s);
            } else {
                dim.setDimValue(((Number) d).longValue());
            }
            shape.addDim(dim);
        }
        TypeProto.Tensor.Builder tensor = TypeProto.Tensor.newBuilder()
                .setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape);
        return ValueInfoProto.newBuilder().setName(name).setDocString(doc)
                .setType(TypeProto.newBuilder().setTensorType(tensor)).build();
    }
}
