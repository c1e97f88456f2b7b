package io.transmute.core.nn;

import io.transmute.core.torch.Layers;
import io.transmute.core.torch.Net;
import io.transmute.core.torch.Sequence;
import io.transmute.core.torch.Tensors;
import org.bytedeco.pytorch.Tensor;

/**
 * The reference {@code UnetSkipConnectionBlock}: down, the nested block, up; every block except the outermost
 * concatenates its input to its output on the channel axis.
 *
 * <p>The reference's first LeakyReLU works in place, so its skip connection carries the activated input; the
 * parent's ReLU that follows makes that the same as carrying the raw input (relu(leaky(x)) = relu(x)), so
 * this block does not overwrite its input.
 */
final class UnetSkipConnectionBlock extends Net {
    private final Sequence model = new Sequence();
    private final boolean outermost;
    private final boolean skips;

    /**
     * @param outerNc channels this block returns (before the skip concatenation)
     * @param innerNc channels the down convolution produces
     * @param inputNc channels this block receives, or 0 for {@code outerNc}
     * @param submodule the nested block, or null for the innermost one
     * @param skips false to drop the concatenation (the encoder-decoder): the block returns only its output
     */
    UnetSkipConnectionBlock(int outerNc, int innerNc, int inputNc, UnetSkipConnectionBlock submodule,
            boolean outermost, NormType norm, boolean useDropout, boolean skips) {
        this.outermost = outermost;
        this.skips = skips;
        // what the up-convolution receives: the nested block's output, with its input when it keeps the skip
        int upNc = skips ? innerNc * 2 : innerNc;
        boolean bias = norm.convBias();
        int in = inputNc == 0 ? outerNc : inputNc;
        boolean innermost = submodule == null;
        if (outermost) {
            model.add(Layers.conv(in, innerNc, 4, 2, 1, bias))
                    .add(submodule)
                    .add(Layers.relu())
                    .add(Layers.convTranspose(upNc, outerNc, 4, 2, 1, 0, true))
                    .add(Layers.tanh());
        } else if (innermost) {
            model.add(Layers.leakyRelu(0.2))
                    .add(Layers.conv(in, innerNc, 4, 2, 1, bias))
                    .add(Layers.relu())
                    .add(Layers.convTranspose(innerNc, outerNc, 4, 2, 1, 0, bias))
                    .add(Norms.layer(norm, outerNc));
        } else {
            model.add(Layers.leakyRelu(0.2))
                    .add(Layers.conv(in, innerNc, 4, 2, 1, bias))
                    .add(Norms.layer(norm, innerNc))
                    .add(submodule)
                    .add(Layers.relu())
                    .add(Layers.convTranspose(upNc, outerNc, 4, 2, 1, 0, bias))
                    .add(Norms.layer(norm, outerNc));
            if (useDropout) {
                model.add(Layers.dropout(0.5));
            }
        }
        register_module("model", model);
    }

    @Override
    public Tensor forward(Tensor input) {
        if (outermost || !skips) {
            return model.forward(input);
        }
        Tensor inner = model.forward(input);
        return Tensors.advance(inner, input, Tensors.cat(1, input, inner));
    }
}
