package io.transmute.core.nn;

import io.transmute.core.InvalidOptionException;
import io.transmute.core.torch.Layers;
import io.transmute.core.torch.Net;
import io.transmute.core.torch.Sequence.Layer;
import io.transmute.core.torch.Tensors;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Tensor;

/**
 * The image transformation network of Johnson et al. (fast style transfer): a 9x9 convolution to {@code c}
 * channels, two 3x3 stride-2 convolutions to {@code 2c} and {@code 4c}, {@code n} residual blocks, two
 * nearest-neighbour x2 upsamplings each followed by a 3x3 convolution (to {@code 2c}, then {@code c}), and a 9x9
 * convolution to 3 channels. Every convolution is reflection padded; every one but the last is followed by
 * affine instance norm and ReLU. With the defaults {@code c = 32}, {@code n = 5} it is the paper's network.
 *
 * <p>Unlike the paper's scaled tanh and PyTorch's example (no activation, pixels in [0, 255]), the output
 * goes through {@code tanh}: images are in [-1, 1], as for every other generator here.
 *
 * <p>State-dict keys follow the naming of PyTorch's {@code fast_neural_style} example:
 * <pre>
 *   conv1.conv2d.weight/bias  in1.weight/bias      9x9, 3 -> c
 *   conv2.conv2d.*            in2.*                 3x3 stride 2, c -> 2c
 *   conv3.conv2d.*            in3.*                 3x3 stride 2, 2c -> 4c
 *   res1 .. resN: conv1.conv2d.*, in1.*, conv2.conv2d.*, in2.*
 *   deconv1.conv2d.*          in4.*                 upsample x2, 3x3, 4c -> 2c
 *   deconv2.conv2d.*          in5.*                 upsample x2, 3x3, 2c -> c
 *   deconv3.conv2d.*                                9x9, c -> 3
 * </pre>
 * Instance norms keep no running statistics, so there are no buffers. Height and width must be multiples of 4
 * for the output to have the input's size.
 */
public final class TransformerNet extends Net {
    private final List<Net> convs = new ArrayList<>();
    private final List<Layer> norms = new ArrayList<>();
    private final List<TransformerResidualBlock> blocks = new ArrayList<>();
    private final Layer relu = Layers.relu();
    private final Layer tanh = Layers.tanh();

    /**
     * @param channels filters of the first convolution ({@code c}; 32 in the paper)
     * @param residualBlocks residual blocks ({@code n}; 5 in the paper)
     */
    public TransformerNet(int channels, int residualBlocks) {
        if (channels < 1 || residualBlocks < 0) {
            throw new InvalidOptionException("TransformerNet needs ngf >= 1 and at least 0 residual blocks, got "
                    + channels + " and " + residualBlocks);
        }
        int c = channels;
        down("conv1", "in1", 3, c, 9, 1);
        down("conv2", "in2", c, 2 * c, 3, 2);
        down("conv3", "in3", 2 * c, 4 * c, 3, 2);
        for (int i = 1; i <= residualBlocks; i++) {
            blocks.add(register_module("res" + i, new TransformerResidualBlock(4 * c)));
        }
        convs.add(register_module("deconv1", new PaddedConv(4 * c, 2 * c, 3, 1, true)));
        norms.add(instanceNorm(this, "in4", 2 * c));
        convs.add(register_module("deconv2", new PaddedConv(2 * c, c, 3, 1, true)));
        norms.add(instanceNorm(this, "in5", c));
        convs.add(register_module("deconv3", new PaddedConv(c, 3, 9, 1, false)));
    }

    private void down(String conv, String norm, int in, int out, int kernel, int stride) {
        convs.add(register_module(conv, new PaddedConv(in, out, kernel, stride, false)));
        norms.add(instanceNorm(this, norm, out));
    }

    static Layer instanceNorm(Module owner, String name, int channels) {
        Layer l = Layers.instanceNorm(channels, true, false);
        owner.register_module(name, l.module());
        return l;
    }

    @Override
    public Tensor forward(Tensor input) {
        Tensor x = input;
        for (int i = 0; i < 3; i++) {
            x = convNormRelu(i, x, input);
        }
        for (TransformerResidualBlock b : blocks) {
            x = Tensors.advance(x, input, b.forward(x));
        }
        for (int i = 3; i < 5; i++) {
            x = convNormRelu(i, x, input);
        }
        x = Tensors.advance(x, input, convs.get(5).forward(x));
        return Tensors.advance(x, input, tanh.forward().apply(x));
    }

    private Tensor convNormRelu(int i, Tensor x, Tensor input) {
        Tensor y = Tensors.advance(x, input, convs.get(i).forward(x));
        y = Tensors.advance(y, input, norms.get(i).forward().apply(y));
        return Tensors.advance(y, input, relu.apply(y, input));
    }
}
