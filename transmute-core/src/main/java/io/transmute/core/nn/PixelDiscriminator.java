package io.transmute.core.nn;

import io.transmute.core.InvalidOptionException;
import io.transmute.core.torch.Layers;
import io.transmute.core.torch.Net;
import io.transmute.core.torch.Sequence;
import org.bytedeco.pytorch.Tensor;

/** The reference {@code PixelDiscriminator} (1x1 PatchGAN): one logit per pixel. Keys are {@code net.N.*}. */
public final class PixelDiscriminator extends Net {
    private final Sequence net = new Sequence();

    /**
     * @param inputNc input channels
     * @param ndf filters in the first layer
     * @param norm normalization
     */
    public PixelDiscriminator(int inputNc, int ndf, NormType norm) {
        if (inputNc < 1 || ndf < 1) {
            throw new InvalidOptionException("PixelDiscriminator needs input_nc and ndf >= 1, got " + inputNc
                    + ", " + ndf);
        }
        boolean bias = norm.convBias();
        net.add(Layers.conv(inputNc, ndf, 1, 1, 0, true))
                .add(Layers.leakyRelu(0.2))
                .add(Layers.conv(ndf, ndf * 2L, 1, 1, 0, bias))
                .add(Norms.layer(norm, ndf * 2L))
                .add(Layers.leakyRelu(0.2))
                .add(Layers.conv(ndf * 2L, 1, 1, 1, 0, bias));
        register_module("net", net);
    }

    @Override
    public Tensor forward(Tensor input) {
        return net.forward(input);
    }
}
