package io.transmute.core.nn;

import io.transmute.core.InvalidOptionException;
import io.transmute.core.torch.Layers;
import io.transmute.core.torch.Net;
import io.transmute.core.torch.Sequence;
import org.bytedeco.pytorch.Tensor;

/**
 * The reference {@code NLayerDiscriminator} (PatchGAN): stride-2 4x4 convolutions with filters doubling up to
 * 8 x ndf, then two stride-1 convolutions; outputs one logit per patch. With 3 layers the receptive field is
 * 70x70 ({@code --netD basic}).
 */
public final class NLayerDiscriminator extends Net {
    private final Sequence model = new Sequence();

    /**
     * @param inputNc input channels
     * @param ndf filters in the first layer
     * @param nLayers stride-2 layers after the first
     * @param norm normalization
     */
    public NLayerDiscriminator(int inputNc, int ndf, int nLayers, NormType norm) {
        if (inputNc < 1 || ndf < 1 || nLayers < 1) {
            throw new InvalidOptionException("NLayerDiscriminator needs input_nc, ndf and n_layers >= 1, got "
                    + inputNc + ", " + ndf + ", " + nLayers);
        }
        boolean bias = norm.convBias();
        model.add(Layers.conv(inputNc, ndf, 4, 2, 1, true)).add(Layers.leakyRelu(0.2));
        int mult = 1;
        int prev;
        for (int n = 1; n < nLayers; n++) {
            prev = mult;
            mult = Math.min(1 << n, 8);
            model.add(Layers.conv((long) ndf * prev, (long) ndf * mult, 4, 2, 1, bias))
                    .add(Norms.layer(norm, (long) ndf * mult))
                    .add(Layers.leakyRelu(0.2));
        }
        prev = mult;
        mult = nLayers >= 3 ? 8 : 1 << nLayers;
        model.add(Layers.conv((long) ndf * prev, (long) ndf * mult, 4, 1, 1, bias))
                .add(Norms.layer(norm, (long) ndf * mult))
                .add(Layers.leakyRelu(0.2))
                .add(Layers.conv((long) ndf * mult, 1, 4, 1, 1, true));
        register_module("model", model);
    }

    @Override
    public Tensor forward(Tensor input) {
        return model.forward(input);
    }
}
