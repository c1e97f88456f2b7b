package io.transmute.core.export;

import com.google.protobuf.ByteString;
import io.transmute.core.CheckpointException;
import io.transmute.core.export.onnx.OnnxProto.AttributeProto;
import io.transmute.core.export.onnx.OnnxProto.GraphProto;
import io.transmute.core.export.onnx.OnnxProto.NodeProto;
import io.transmute.core.export.onnx.OnnxProto.TensorProto;
import io.transmute.core.io.Dtype;
import io.transmute.core.io.StateDict;
import io.transmute.core.io.TensorData;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects the nodes and initializers of one ONNX graph, one PyTorch layer at a time. Weights are taken from a
 * state dict by their PyTorch keys and become initializers of the same name, so an exported model can be
 * checked key by key against the checkpoint.
 */
final class OnnxGraphBuilder {
    private final GraphProto.Builder graph = GraphProto.newBuilder();
    private final StateDict weights;
    private final Set<String> initializers = new HashSet<>();
    private final Map<String, Integer> opCounts = new HashMap<>();

    OnnxGraphBuilder(StateDict weights) {
        this.weights = weights;
    }

    GraphProto.Builder graph() {
        return graph;
    }

    /** {@code nn.Conv2d}: square kernel, zero padding; {@code prefix.weight} and, if present, {@code prefix.bias}. */
    String conv(String x, String prefix, int kernel, int stride, int pad) {
        long[] shape = weight(prefix + ".weight").shape();
        checkKernel(prefix, shape, kernel);
        NodeProto.Builder n = node("Conv", x, prefix + ".weight");
        if (weights.contains(prefix + ".bias")) {
            n.addInput(weightName(prefix + ".bias"));
        }
        n.addAttribute(ints("kernel_shape", kernel, kernel))
                .addAttribute(ints("strides", stride, stride))
                .addAttribute(ints("pads", pad, pad, pad, pad))
                .addAttribute(ints("dilations", 1, 1))
                .addAttribute(integer("group", 1));
        return add(n);
    }

    /** {@code nn.ConvTranspose2d}: the weight is [in, out, k, k] in PyTorch and ONNX alike. */
    String convTranspose(String x, String prefix, int kernel, int stride, int pad, int outputPad) {
        long[] shape = weight(prefix + ".weight").shape();
        checkKernel(prefix, shape, kernel);
        NodeProto.Builder n = node("ConvTranspose", x, prefix + ".weight");
        if (weights.contains(prefix + ".bias")) {
            n.addInput(weightName(prefix + ".bias"));
        }
        n.addAttribute(ints("kernel_shape", kernel, kernel))
                .addAttribute(ints("strides", stride, stride))
                .addAttribute(ints("pads", pad, pad, pad, pad))
                .addAttribute(ints("output_padding", outputPad, outputPad))
                .addAttribute(ints("dilations", 1, 1))
                .addAttribute(integer("group", 1));
        return add(n);
    }

    /**
     * Normalises each image and channel by its own mean and (biased) variance over height and width, then scales
     * and shifts: ONNX {@code InstanceNormalization}. It expresses {@code InstanceNorm2d} in train mode and
     * {@code BatchNorm2d} in train mode on one image, which is how {@code translate} runs batch-norm models
     * without {@code --eval}.
     *
     * @param scale initializer of the per-channel scale, or null for ones
     * @param bias initializer of the per-channel shift, or null for zeros
     */
    String instanceNorm(String x, String scale, String bias, long channels, double eps) {
        String s = scale != null ? weightName(scale) : constant(x + ".ones", ones(channels));
        String b = bias != null ? weightName(bias) : constant(x + ".zeros", new float[(int) channels]);
        NodeProto.Builder n = node("InstanceNormalization", x, s, b)
                .addAttribute(real("epsilon", eps));
        return add(n);
    }

    /**
     * Normalises with stored running statistics: ONNX {@code BatchNormalization} in inference mode, i.e.
     * {@code BatchNorm2d} and tracked {@code InstanceNorm2d} in eval mode.
     */
    String runningNorm(String prefix, String x, boolean affine, long channels, double eps) {
        String s = affine ? weightName(prefix + ".weight") : constant(prefix + ".ones", ones(channels));
        String b = affine ? weightName(prefix + ".bias") : constant(prefix + ".zeros", new float[(int) channels]);
        NodeProto.Builder n = node("BatchNormalization", x, s, b, weightName(prefix + ".running_mean"),
                weightName(prefix + ".running_var"))
                .addAttribute(real("epsilon", eps))
                .addAttribute(real("momentum", 0.9));
        return add(n);
    }

    /** {@code nn.ReflectionPad2d(p)}: ONNX {@code Pad} in {@code reflect} mode on height and width. */
    String reflectionPad(String x, int pad) {
        String pads = constantLongs("pads_reflect_" + pad, 0, 0, pad, pad, 0, 0, pad, pad);
        NodeProto.Builder n = node("Pad", x, pads).addAttribute(string("mode", "reflect"));
        return add(n);
    }

    /**
     * {@code nn.Upsample(scale_factor=2, mode='nearest')}: PyTorch's nearest picks source pixel
     * {@code floor(dst / 2)}, which is ONNX {@code Resize} with {@code asymmetric} coordinates and {@code floor}.
     */
    String upsampleNearest2(String x) {
        String scales = constantFloats("scales_2x", new long[] {4}, 1f, 1f, 2f, 2f);
        NodeProto.Builder n = node("Resize", x, "", scales)
                .addAttribute(string("mode", "nearest"))
                .addAttribute(string("coordinate_transformation_mode", "asymmetric"))
                .addAttribute(string("nearest_mode", "floor"));
        return add(n);
    }

    String relu(String x) {
        return add(node("Relu", x));
    }

    String leakyRelu(String x, double slope) {
        return add(node("LeakyRelu", x).addAttribute(real("alpha", slope)));
    }

    String tanh(String x) {
        return add(node("Tanh", x));
    }

    String add(String a, String b) {
        return add(node("Add", a, b));
    }

    String concatChannels(String a, String b) {
        return add(node("Concat", a, b).addAttribute(integer("axis", 1)));
    }

    /** Any other single-output op; the inputs are names of values or initializers. */
    String op(String type, List<AttributeProto> attributes, String... inputs) {
        NodeProto.Builder n = node(type, inputs);
        attributes.forEach(n::addAttribute);
        return add(n);
    }

    /** Adds an int64 constant initializer once. */
    String constantLongs(String name, long... values) {
        if (initializers.add(name)) {
            ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
            for (long v : values) {
                b.putLong(v);
            }
            graph.addInitializer(TensorProto.newBuilder().setName(name).addDims(values.length)
                    .setDataType(TensorProto.DataType.INT64_VALUE).setRawData(ByteString.copyFrom(b.array())));
        }
        return name;
    }

    private String constantFloats(String name, long[] dims, float... values) {
        if (initializers.add(name)) {
            graph.addInitializer(floatTensor(name, dims, values));
        }
        return name;
    }

    private String constant(String name, float[] values) {
        return constantFloats(name, new long[] {values.length}, values);
    }

    private static float[] ones(long n) {
        float[] v = new float[(int) n];
        Arrays.fill(v, 1f);
        return v;
    }

    /** Makes {@code key} an initializer (once) and returns its name. */
    String weightName(String key) {
        weight(key);
        return key;
    }

    private TensorData weight(String key) {
        TensorData t = weights.get(key);
        if (t == null) {
            throw new CheckpointException("the weights have no " + key + ", which this generator's graph needs;"
                    + " check that the file is the generator's state_dict");
        }
        if (initializers.add(key)) {
            graph.addInitializer(floatTensor(key, t.shape(), t.dtype() == Dtype.FLOAT32 ? null : t.toFloats(), t));
        }
        return t;
    }

    private static void checkKernel(String prefix, long[] shape, int kernel) {
        if (shape.length != 4 || shape[2] != kernel || shape[3] != kernel) {
            throw new CheckpointException(prefix + ".weight has shape " + Arrays.toString(shape)
                    + ", not a " + kernel + "x" + kernel + " kernel as the architecture has it");
        }
    }

    private static TensorProto floatTensor(String name, long[] dims, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return TensorProto.newBuilder().setName(name).addAllDims(boxed(dims))
                .setDataType(TensorProto.DataType.FLOAT_VALUE).setRawData(ByteString.copyFrom(b.array())).build();
    }

    private static TensorProto floatTensor(String name, long[] dims, float[] converted, TensorData t) {
        if (converted != null) {
            return floatTensor(name, dims, converted);
        }
        // TensorData holds float32 as little-endian bytes in C order, which is ONNX's raw_data layout
        return TensorProto.newBuilder().setName(name).addAllDims(boxed(dims))
                .setDataType(TensorProto.DataType.FLOAT_VALUE).setRawData(ByteString.copyFrom(t.data())).build();
    }

    private static List<Long> boxed(long[] dims) {
        return Arrays.stream(dims).boxed().toList();
    }

    private NodeProto.Builder node(String type, String... inputs) {
        int i = opCounts.merge(type, 1, Integer::sum);
        String name = type + "_" + i;
        NodeProto.Builder n = NodeProto.newBuilder().setOpType(type).setName(name).addOutput(name + "_out");
        for (String in : inputs) {
            n.addInput(in);
        }
        return n;
    }

    private String add(NodeProto.Builder n) {
        graph.addNode(n);
        return n.getOutput(0);
    }

    /** Renames the output of the last node, so the graph's output gets a documented name. */
    void renameLastOutput(String name) {
        int last = graph.getNodeCount() - 1;
        graph.setNode(last, graph.getNode(last).toBuilder().setOutput(0, name));
    }

    static AttributeProto ints(String name, long... values) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long v : values) {
            a.addInts(v);
        }
        return a.build();
    }

    static AttributeProto integer(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    static AttributeProto real(String name, double value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT)
                .setF((float) value).build();
    }

    static AttributeProto string(String name, String value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
                .setS(ByteString.copyFromUtf8(value)).build();
    }
}
