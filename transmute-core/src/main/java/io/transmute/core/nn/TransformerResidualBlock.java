package io.transmute.core.nn;

import io.transmute.core.torch.Layers;
import io.transmute.core.torch.Net;
import io.transmute.core.torch.Sequence.Layer;
import io.transmute.core.torch.Tensors;
import org.bytedeco.pytorch.Tensor;

/**
 * {@code x + in2(conv2(relu(in1(conv1(x)))))} with 3x3 reflection-padded convolutions and affine instance norm,
 * keys {@code conv1.conv2d.weight}, {@code in1.weight}, {@code conv2.conv2d.weight}, {@code in2.weight}.
 */
final class TransformerResidualBlock extends Net {
    private final PaddedConv conv1;
    private final Layer in1;
    private final Layer relu = Layers.relu();
    private final PaddedConv conv2;
    private final Layer in2;

    TransformerResidualBlock(int channels) {
        conv1 = register_module("conv1", new PaddedConv(channels, channels, 3, 1, false));
        in1 = TransformerNet.instanceNorm(this, "in1", channels);
        conv2 = register_module("conv2", new PaddedConv(channels, channels, 3, 1, false));
        in2 = TransformerNet.instanceNorm(this, "in2", channels);
    }

    @Override
    public Tensor forward(Tensor input) {
        Tensor y = conv1.forward(input);
        y = Tensors.advance(y, input, in1.forward().apply(y));
        y = Tensors.advance(y, input, relu.apply(y, input));
        y = Tensors.advance(y, input, conv2.forward(y));
        y = Tensors.advance(y, input, in2.forward().apply(y));
        return Tensors.advance(y, input, input.add(y));
    }
}
