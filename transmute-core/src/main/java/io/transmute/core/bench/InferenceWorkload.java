package io.transmute.core.bench;

import io.transmute.core.nn.GeneratorSpec;
import io.transmute.core.nn.GeneratorType;
import io.transmute.core.nn.NormType;
import io.transmute.core.nn.StarGanGenerator;
import io.transmute.core.nn.UpsampleType;
import io.transmute.core.model.StarGanOptions;
import io.transmute.core.torch.ConvolutionKernels;
import io.transmute.core.torch.Device;
import io.transmute.core.torch.FasterKernels;
import io.transmute.core.torch.Net;
import io.transmute.core.torch.Precision;
import io.transmute.core.torch.Scope;
import io.transmute.core.torch.Tensors;
import io.transmute.core.torch.Torch;
import java.util.Optional;
import org.bytedeco.pytorch.InferenceMode;
import org.bytedeco.pytorch.Tensor;

/**
 * A generator as translation runs it, on one fixed random batch; each step copies the output back. StarGAN's
 * generator stays in train mode and takes random labels, as its reference test code runs it.
 */
final class InferenceWorkload implements Workload {
    private static final long WEIGHT_SEED = 20261202L;
    private final Net net;
    private final Tensor input;
    private final Tensor labels;
    private final Boolean nativeKernels;
    private final FasterKernels fasterKernels;
    private final GeneratorSpec spec;
    private final Device device;
    private final Precision precision;
    /** The float32 batch, kept for the comparison {@link #note()} makes after the timed run; null in float32. */
    private final Tensor exactInput;

    InferenceWorkload(String netG, int size, int batchSize, Device device, Boolean nativeKernels,
            Precision precision) {
        GeneratorType type = GeneratorType.parse(netG);
        GeneratorType.requireSide(netG, size, "--size");
        boolean unet = type.family().unetShaped();
        // by default as translation runs it: U-Net-shaped generators time both kernels on their first batches
        this.nativeKernels = nativeKernels;
        this.fasterKernels = nativeKernels == null && FasterKernels.worthTiming(unet, device, precision)
                ? new FasterKernels() : null;
        GeneratorSpec g = switch (type.family()) {
            case STARGAN -> GeneratorSpec.stargan(64, StarGanOptions.DEFAULTS.cDim(), 6);
            case TRANSFORMER -> GeneratorSpec.of(netG, 3, 3, 32, NormType.INSTANCE, false, UpsampleType.DECONV);
            default -> GeneratorSpec.of(netG, 3, 3, 64, unet ? NormType.BATCH : NormType.INSTANCE, false,
                    UpsampleType.DECONV);
        };
        this.spec = g;
        this.device = device;
        this.precision = precision;
        net = build();
        labels = g.type().family() == GeneratorType.Family.STARGAN
                ? Tensors.fromFloats(RandomImages.labels(batchSize, g.cDim()), batchSize, g.cDim()) : null;
        Tensor images = RandomImages.batch(batchSize, size, device);
        if (precision == Precision.FLOAT32) {
            input = images;
            exactInput = null;
        } else {
            precision.apply(net);
            input = device.move(images, precision.scalarType());
            exactInput = images;
        }
    }

    /** The same weights every time in bfloat16, so that {@link #note()} can rebuild them in float32. */
    private Net build() {
        if (precision != Precision.FLOAT32) {
            Torch.seed(WEIGHT_SEED);
        }
        Net n = device.move(spec.build());
        n.train(spec.type().family() == GeneratorType.Family.STARGAN);
        return n;
    }

    private float[] output(Net n, Tensor x) {
        try (Scope s = Scope.open(); InferenceMode im = new InferenceMode()) {
            return Tensors.toFloats(labels != null ? ((StarGanGenerator) n).forward(x, labels) : n.forward(x));
        }
    }

    /** How far this batch's output is from float32's, in [-1, 1] and in 8-bit levels (2/255 each). */
    private static String errorNote(Precision precision, float[] exact, float[] approx) {
        double sum = 0;
        double max = 0;
        for (int i = 0; i < exact.length; i++) {
            double d = Math.abs(exact[i] - approx[i]);
            sum += d;
            max = Math.max(max, d);
        }
        double mean = sum / exact.length;
        double level = 2.0 / 255;
        return String.format(java.util.Locale.ROOT, "%s against float32 on this batch: mean |difference| %.4f"
                + " (%.2f of an 8-bit level), max %.4f (%.1f levels)", precision, mean, mean / level, max,
                max / level);
    }

    @Override
    public void step() {
        if (fasterKernels != null) {
            fasterKernels.run(this::pass);
            return;
        }
        try (ConvolutionKernels.NativeOnly k = Boolean.TRUE.equals(nativeKernels)
                ? ConvolutionKernels.nativeOnly() : null) {
            pass();
        }
    }

    private Void pass() {
        try (Scope s = Scope.open(); InferenceMode im = new InferenceMode()) {
            Tensor y = labels != null ? ((StarGanGenerator) net).forward(input, labels) : net.forward(input);
            y.cpu();
            return null;
        }
    }

    /**
     * The kernel choice, and outside float32 the difference from a float32 run of the same weights and batch; that
     * run happens here, after the timed ones, so that it adds nothing to their peak memory.
     */
    @Override
    public Optional<String> note() {
        Optional<String> kernels = fasterKernels == null ? Optional.empty()
                : fasterKernels.choice().map(c -> "convolution kernels: " + c);
        if (exactInput == null) {
            return kernels;
        }
        float[] approx = output(net, input);
        float[] exact;
        try (Net exactNet = build()) {
            exact = output(exactNet, exactInput);
        }
        return Optional.of(kernels.map(k -> k + "\n").orElse("") + errorNote(precision, exact, approx));
    }

    @Override
    public void close() {
        net.close();
        input.close();
        if (exactInput != null) {
            exactInput.close();
        }
        if (labels != null) {
            labels.close();
        }
    }
}
