package io.transmute.core.bench;

import io.transmute.core.nn.GeneratorSpec;
import io.transmute.core.nn.GeneratorType;
import io.transmute.core.nn.NormType;
import io.transmute.core.nn.UpsampleType;
import io.transmute.core.torch.ConvolutionKernels;
import io.transmute.core.torch.Device;
import io.transmute.core.torch.Net;
import io.transmute.core.torch.Scope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;

/** A generator in eval mode, without gradients, on one fixed random batch; each step copies the output back. */
final class InferenceWorkload implements Workload {
    private final Net net;
    private final Tensor input;
    private final boolean unet;

    InferenceWorkload(String netG, int size, int batchSize, Device device) {
        // U-Net-shaped generators train with batch norm (pix2pix) and run faster on the native kernels
        unet = GeneratorType.parse(netG).family().unetShaped();
        GeneratorSpec g = GeneratorSpec.of(netG, 3, 3, 64, unet ? NormType.BATCH : NormType.INSTANCE, false,
                UpsampleType.DECONV);
        net = device.move(g.build());
        net.train(false);
        input = RandomImages.batch(batchSize, size, device);
    }

    @Override
    public void step() {
        try (Scope s = Scope.open(); NoGradGuard ng = new NoGradGuard();
                ConvolutionKernels.NativeOnly k = unet ? ConvolutionKernels.nativeOnly() : null) {
            net.forward(input).cpu();
        }
    }

    @Override
    public void close() {
        net.close();
        input.close();
    }
}
