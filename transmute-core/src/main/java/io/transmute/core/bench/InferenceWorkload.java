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
import io.transmute.core.torch.Scope;
import io.transmute.core.torch.Tensors;
import java.util.Optional;
import org.bytedeco.pytorch.InferenceMode;
import org.bytedeco.pytorch.Tensor;

/**
 * A generator as translation runs it, on one fixed random batch; each step copies the output back. StarGAN's
 * generator stays in train mode and takes random labels, as its reference test code runs it.
 */
final class InferenceWorkload implements Workload {
    private final Net net;
    private final Tensor input;
    private final Tensor labels;
    private final Boolean nativeKernels;
    private final FasterKernels fasterKernels;

    InferenceWorkload(String netG, int size, int batchSize, Device device, Boolean nativeKernels) {
        GeneratorType type = GeneratorType.parse(netG);
        GeneratorType.requireSide(netG, size, "--size");
        boolean unet = type.family().unetShaped();
        // by default as translation runs it: U-Net-shaped generators time both kernels on their first batches
        this.nativeKernels = nativeKernels;
        this.fasterKernels = nativeKernels == null && unet && !device.isCuda() ? new FasterKernels() : null;
        GeneratorSpec g = switch (type.family()) {
            case STARGAN -> GeneratorSpec.stargan(64, StarGanOptions.DEFAULTS.cDim(), 6);
            case TRANSFORMER -> GeneratorSpec.of(netG, 3, 3, 32, NormType.INSTANCE, false, UpsampleType.DECONV);
            default -> GeneratorSpec.of(netG, 3, 3, 64, unet ? NormType.BATCH : NormType.INSTANCE, false,
                    UpsampleType.DECONV);
        };
        net = device.move(g.build());
        boolean star = type.family() == GeneratorType.Family.STARGAN;
        net.train(star);
        input = RandomImages.batch(batchSize, size, device);
        labels = star ? Tensors.fromFloats(RandomImages.labels(batchSize, g.cDim()), batchSize, g.cDim()) : null;
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

    @Override
    public Optional<String> note() {
        return fasterKernels == null ? Optional.empty() : fasterKernels.choice().map(c -> "convolution kernels: " + c);
    }

    @Override
    public void close() {
        net.close();
        input.close();
        if (labels != null) {
            labels.close();
        }
    }
}
