package io.transmute.core.nn;

import io.transmute.core.InvalidOptionException;
import io.transmute.core.torch.Layers;
import io.transmute.core.torch.Sequence;
import io.transmute.core.torch.Sequence.Layer;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Tensor;

/**
 * StarGAN's {@code Discriminator}: {@code repeatNum} stride-2 convolutions with LeakyReLU(0.01), then two heads,
 * {@code conv1} (real/fake per patch) and {@code conv2} (domain logits over the whole image). Keys are
 * {@code main.N.*}, {@code conv1.weight} and {@code conv2.weight}.
 */
public final class StarGanDiscriminator extends Module {
    private final Sequence main = new Sequence();
    private final Layer conv1;
    private final Layer conv2;
    private final int cDim;

    /**
     * @param imageSize input height and width; must be divisible by 2^repeatNum
     * @param convDim filters in the first layer ({@code --d_conv_dim})
     * @param cDim number of domain labels
     * @param repeatNum stride-2 layers ({@code --d_repeat_num})
     */
    public StarGanDiscriminator(int imageSize, int convDim, int cDim, int repeatNum) {
        if (convDim < 1 || cDim < 1 || repeatNum < 1 || imageSize % (1 << repeatNum) != 0) {
            throw new InvalidOptionException("StarGAN discriminator needs d_conv_dim, c_dim, d_repeat_num >= 1 and"
                    + " an image size divisible by 2^d_repeat_num, got image_size " + imageSize + ", d_conv_dim "
                    + convDim + ", c_dim " + cDim + ", d_repeat_num " + repeatNum);
        }
        this.cDim = cDim;
        main.add(Layers.conv(3, convDim, 4, 2, 1, true)).add(Layers.leakyRelu(0.01));
        long dim = convDim;
        for (int i = 1; i < repeatNum; i++) {
            main.add(Layers.conv(dim, dim * 2, 4, 2, 1, true)).add(Layers.leakyRelu(0.01));
            dim *= 2;
        }
        int kernel = imageSize >> repeatNum;
        conv1 = Layers.conv(dim, 1, 3, 1, 1, false);
        conv2 = Layers.conv(dim, cDim, kernel, 1, 0, false);
        register_module("main", main);
        register_module("conv1", conv1.module());
        register_module("conv2", conv2.module());
    }

    /**
     * Scores images.
     *
     * @param x images [N, 3, imageSize, imageSize]
     * @return both heads
     */
    public Output forward(Tensor x) {
        Tensor h = main.forward(x);
        Tensor cls = conv2.forward().apply(h);
        return new Output(conv1.forward().apply(h), cls.view(cls.size(0), cDim));
    }

    /**
     * The discriminator's two heads.
     *
     * @param src real/fake logits per patch [N, 1, H/2^r, W/2^r]
     * @param cls domain logits [N, c_dim]
     */
    public record Output(Tensor src, Tensor cls) {
    }
}
