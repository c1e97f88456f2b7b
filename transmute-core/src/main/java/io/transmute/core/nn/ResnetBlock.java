package io.transmute.core.nn;

import io.transmute.core.torch.Layers;
import io.transmute.core.torch.Net;
import io.transmute.core.torch.Sequence;
import io.transmute.core.torch.Tensors;
import org.bytedeco.pytorch.Tensor;

/** The reference {@code ResnetBlock} with reflection padding: {@code x + conv_block(x)}. */
final class ResnetBlock extends Net {
    private final Sequence convBlock = new Sequence();

    ResnetBlock(int dim, NormType norm, boolean useDropout) {
        boolean bias = norm.convBias();
        convBlock.add(Layers.reflectionPad(1))
                .add(Layers.conv(dim, dim, 3, 1, 0, bias))
                .add(Norms.layer(norm, dim))
                .add(Layers.relu());
        if (useDropout) {
            convBlock.add(Layers.dropout(0.5));
        }
        convBlock.add(Layers.reflectionPad(1))
                .add(Layers.conv(dim, dim, 3, 1, 0, bias))
                .add(Norms.layer(norm, dim));
        register_module("conv_block", convBlock);
    }

    @Override
    public Tensor forward(Tensor input) {
        Tensor r = convBlock.forward(input);
        return Tensors.advance(r, input, input.add(r));
    }
}
