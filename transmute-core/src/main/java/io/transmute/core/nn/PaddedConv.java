package io.transmute.core.nn;

import io.transmute.core.torch.Layers;
import io.transmute.core.torch.Net;
import io.transmute.core.torch.Sequence.Layer;
import io.transmute.core.torch.Tensors;
import org.bytedeco.pytorch.Tensor;

/**
 * An optional nearest-neighbour upsampling, reflection padding of half the kernel, then a convolution
 * registered as {@code conv2d}: the building block of {@link TransformerNet}. Reflection padding avoids the dark
 * borders zero padding leaves in stylised images; upsampling before a stride-1 convolution avoids the
 * checkerboard pattern of transposed convolutions.
 */
final class PaddedConv extends Net {
    private final Layer upsample;
    private final Layer pad;
    private final Layer conv;

    PaddedConv(int in, int out, int kernel, int stride, boolean upsample) {
        this.upsample = upsample ? Layers.upsampleNearest(2) : null;
        this.pad = Layers.reflectionPad(kernel / 2);
        this.conv = Layers.conv(in, out, kernel, stride, 0, true);
        register_module("conv2d", conv.module());
    }

    @Override
    public Tensor forward(Tensor input) {
        Tensor x = upsample == null ? input : upsample.forward().apply(input);
        x = Tensors.advance(x, input, pad.forward().apply(x));
        return Tensors.advance(x, input, conv.forward().apply(x));
    }
}
