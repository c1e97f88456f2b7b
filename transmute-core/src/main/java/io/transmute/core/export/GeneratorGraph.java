package io.transmute.core.export;

import io.transmute.core.io.StateDict;
import io.transmute.core.nn.GeneratorSpec;
import io.transmute.core.nn.GeneratorType;
import io.transmute.core.nn.UpsampleType;
import java.util.List;

/**
 * The ONNX graph of each generator family, layer for layer as the Java networks in {@code nn} compute it, with
 * the weights of a state dict in those networks' key layout ({@code ModuleWeights.export}). Dropout is left out:
 * the graph is deterministic, as {@code translate --no_dropout} runs.
 */
final class GeneratorGraph {
    /** PyTorch's default {@code eps} of every norm layer the generators use. */
    private static final double EPS = 1e-5;
    private static final int RESNET_DOWNSAMPLINGS = 2;

    private final GeneratorSpec spec;
    private final StateDict weights;
    private final boolean eval;
    private final OnnxGraphBuilder g;

    private GeneratorGraph(GeneratorSpec spec, StateDict weights, boolean eval) {
        this.spec = spec;
        this.weights = weights;
        this.eval = eval;
        this.g = new OnnxGraphBuilder(weights);
    }

    /**
     * Builds the nodes and initializers from {@link OnnxExporter#IMAGE_INPUT} (and, for StarGAN,
     * {@link OnnxExporter#LABELS_INPUT}) to {@link OnnxExporter#OUTPUT}.
     */
    static OnnxGraphBuilder build(GeneratorSpec spec, StateDict weights, boolean eval) {
        GeneratorGraph gg = new GeneratorGraph(spec, weights, eval);
        String x = OnnxExporter.IMAGE_INPUT;
        switch (spec.type().family()) {
            case RESNET -> gg.resnet(x);
            case UNET, ENCODER_DECODER -> gg.unet(x);
            case STARGAN -> gg.stargan(x);
            case TRANSFORMER -> gg.transformer(x);
        }
        gg.g.renameLastOutput(OnnxExporter.OUTPUT);
        return gg.g;
    }

    private long outChannels(String convPrefix, boolean transposed) {
        return weights.get(convPrefix + ".weight").shape()[transposed ? 1 : 0];
    }

    /** The pix2pix/CycleGAN norm layer registered at {@code prefix}. */
    private String norm(String x, String prefix, long channels) {
        return switch (spec.norm()) {
            case BATCH -> eval ? g.runningNorm(prefix, x, true, channels, EPS)
                    : g.instanceNorm(x, prefix + ".weight", prefix + ".bias", channels, EPS);
            case INSTANCE -> g.instanceNorm(x, null, null, channels, EPS);
            case NONE -> x;
        };
    }

    private void resnet(String input) {
        int i = 0;
        String x = g.reflectionPad(input, 3);
        i++;
        x = g.conv(x, "model." + i, 7, 1, 0);
        x = g.relu(norm(x, "model." + (i + 1), outChannels("model." + i, false)));
        i += 3;
        for (int d = 0; d < RESNET_DOWNSAMPLINGS; d++) {
            x = g.conv(x, "model." + i, 3, 2, 1);
            x = g.relu(norm(x, "model." + (i + 1), outChannels("model." + i, false)));
            i += 3;
        }
        for (int b = 0; b < spec.depth(); b++) {
            x = resnetBlock(x, "model." + i + ".conv_block");
            i++;
        }
        for (int u = 0; u < RESNET_DOWNSAMPLINGS; u++) {
            String conv;
            if (spec.upsample() == UpsampleType.RESIZE_CONV) {
                x = g.upsampleNearest2(x);
                i++;
                conv = "model." + i;
                x = g.conv(x, conv, 3, 1, 1);
                x = norm(x, "model." + (i + 1), outChannels(conv, false));
            } else {
                conv = "model." + i;
                x = g.convTranspose(x, conv, 3, 2, 1, 1);
                x = norm(x, "model." + (i + 1), outChannels(conv, true));
            }
            x = g.relu(x);
            i += 3;
        }
        x = g.reflectionPad(x, 3);
        i++;
        g.tanh(g.conv(x, "model." + i, 7, 1, 0));
    }

    private String resnetBlock(String input, String prefix) {
        // dropout, when the weights were trained with it, takes index 4 and shifts the second half by one
        int second = spec.useDropout() ? 5 : 4;
        String x = g.conv(g.reflectionPad(input, 1), prefix + ".1", 3, 1, 0);
        x = g.relu(norm(x, prefix + ".2", outChannels(prefix + ".1", false)));
        x = g.conv(g.reflectionPad(x, 1), prefix + "." + (second + 1), 3, 1, 0);
        x = norm(x, prefix + "." + (second + 2), outChannels(prefix + "." + (second + 1), false));
        return g.add(input, x);
    }

    private void unet(String input) {
        g.tanh(unetBlock(input, "model", 0));
    }

    /**
     * One {@code UnetSkipConnectionBlock} registered at {@code prefix}; level 0 is the outermost, level
     * {@code depth - 1} the innermost.
     */
    private String unetBlock(String input, String prefix, int level) {
        String seq = prefix + ".model";
        boolean outermost = level == 0;
        boolean innermost = level == spec.depth() - 1;
        if (outermost) {
            String x = g.conv(input, seq + ".0", 4, 2, 1);
            x = g.relu(unetBlock(x, seq + ".1", level + 1));
            return g.convTranspose(x, seq + ".3", 4, 2, 1, 0);
        }
        String x = g.conv(g.leakyRelu(input, 0.2), seq + ".1", 4, 2, 1);
        String up;
        if (innermost) {
            up = seq + ".3";
            x = g.convTranspose(g.relu(x), up, 4, 2, 1, 0);
            x = norm(x, seq + ".4", outChannels(up, true));
        } else {
            x = norm(x, seq + ".2", outChannels(seq + ".1", false));
            x = g.relu(unetBlock(x, seq + ".3", level + 1));
            up = seq + ".5";
            x = g.convTranspose(x, up, 4, 2, 1, 0);
            x = norm(x, seq + ".6", outChannels(up, true));
        }
        return spec.type().family() == GeneratorType.Family.UNET ? g.concatChannels(input, x) : x;
    }

    /** StarGAN's tracked, affine instance norm: per-image statistics in train mode, running ones in eval. */
    private String starNorm(String x, String prefix, long channels) {
        return eval ? g.runningNorm(prefix, x, true, channels, EPS)
                : g.instanceNorm(x, prefix + ".weight", prefix + ".bias", channels, EPS);
    }

    private void stargan(String image) {
        // labels [N, c] -> [N, c, 1, 1] -> expanded to [N, c, H, W], then concatenated after the image channels
        String labels4 = g.op("Unsqueeze", List.of(), OnnxExporter.LABELS_INPUT, g.constantLongs("axes_2_3", 2, 3));
        String hw = g.op("Shape", List.of(OnnxGraphBuilder.integer("start", 2)), image);
        String nc = g.op("Shape", List.of(), OnnxExporter.LABELS_INPUT);
        String shape = g.op("Concat", List.of(OnnxGraphBuilder.integer("axis", 0)), nc, hw);
        String tiled = g.op("Expand", List.of(), labels4, shape);
        String x = g.concatChannels(image, tiled);
        int i = 0;
        x = g.relu(starNorm(g.conv(x, "main.0", 7, 1, 3), "main.1", outChannels("main.0", false)));
        i += 3;
        for (int d = 0; d < 2; d++) {
            String conv = "main." + i;
            x = g.relu(starNorm(g.conv(x, conv, 4, 2, 1), "main." + (i + 1), outChannels(conv, false)));
            i += 3;
        }
        for (int b = 0; b < spec.depth(); b++) {
            String p = "main." + i + ".main";
            String y = g.relu(starNorm(g.conv(x, p + ".0", 3, 1, 1), p + ".1", outChannels(p + ".0", false)));
            y = starNorm(g.conv(y, p + ".3", 3, 1, 1), p + ".4", outChannels(p + ".3", false));
            x = g.add(x, y);
            i++;
        }
        for (int u = 0; u < 2; u++) {
            String conv = "main." + i;
            x = g.relu(starNorm(g.convTranspose(x, conv, 4, 2, 1, 0), "main." + (i + 1), outChannels(conv, true)));
            i += 3;
        }
        g.tanh(g.conv(x, "main." + i, 7, 1, 3));
    }

    /** {@code PaddedConv}: optional nearest x2, reflection padding of half the kernel, convolution. */
    private String paddedConv(String x, String prefix, int kernel, int stride, boolean upsample) {
        String y = upsample ? g.upsampleNearest2(x) : x;
        return g.conv(g.reflectionPad(y, kernel / 2), prefix + ".conv2d", kernel, stride, 0);
    }

    private String affineIn(String x, String prefix) {
        return g.instanceNorm(x, prefix + ".weight", prefix + ".bias", weights.get(prefix + ".weight").shape()[0],
                EPS);
    }

    private void transformer(String input) {
        String x = g.relu(affineIn(paddedConv(input, "conv1", 9, 1, false), "in1"));
        x = g.relu(affineIn(paddedConv(x, "conv2", 3, 2, false), "in2"));
        x = g.relu(affineIn(paddedConv(x, "conv3", 3, 2, false), "in3"));
        for (int b = 1; b <= spec.depth(); b++) {
            String p = "res" + b;
            String y = g.relu(affineIn(paddedConv(x, p + ".conv1", 3, 1, false), p + ".in1"));
            y = affineIn(paddedConv(y, p + ".conv2", 3, 1, false), p + ".in2");
            x = g.add(x, y);
        }
        x = g.relu(affineIn(paddedConv(x, "deconv1", 3, 1, true), "in4"));
        x = g.relu(affineIn(paddedConv(x, "deconv2", 3, 1, true), "in5"));
        g.tanh(paddedConv(x, "deconv3", 9, 1, false));
    }

    /** @return how this graph normalises, for the model's metadata */
    static String normalization(GeneratorSpec spec, boolean eval) {
        return switch (spec.type().family()) {
            case RESNET, UNET, ENCODER_DECODER -> switch (spec.norm()) {
                case BATCH -> eval ? "batch norm with running statistics (eval mode): BatchNormalization"
                        : "batch norm with each image's own statistics (train mode, as translate runs it by default):"
                        + " InstanceNormalization with the batch norm's scale and shift";
                case INSTANCE -> "instance norm without affine parameters: InstanceNormalization";
                case NONE -> "none";
            };
            case STARGAN -> eval ? "tracked instance norm with running statistics (eval mode): BatchNormalization"
                    : "affine instance norm with each image's own statistics (train mode, as StarGAN tests):"
                    + " InstanceNormalization";
            case TRANSFORMER -> "affine instance norm: InstanceNormalization";
        };
    }
}
