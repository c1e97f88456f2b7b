package io.transmute.core.nn;

import io.transmute.core.InvalidOptionException;
import io.transmute.core.torch.Layers;
import io.transmute.core.torch.Net;
import io.transmute.core.torch.Sequence;
import io.transmute.core.torch.Tensors;
import org.bytedeco.pytorch.Tensor;

/**
 * StarGAN's {@code Generator} (yunjey/stargan {@code model.py}): the target-domain label vector is tiled over
 * the image and concatenated to its 3 channels, then a ResNet-style encoder/decoder maps it to 3 channels.
 * Norms are {@code InstanceNorm2d(affine=True, track_running_stats=True)}, so the state dict has
 * {@code running_mean}/{@code running_var}; StarGAN's own test code never calls {@code eval()}, so keep this
 * module in train mode to reproduce it.
 */
public final class StarGanGenerator extends Net {
    private final Sequence main = new Sequence();
    private final int cDim;

    /**
     * @param convDim filters in the first layer ({@code --g_conv_dim}, 64 by default)
     * @param cDim number of domain labels ({@code --c_dim})
     * @param repeatNum residual blocks ({@code --g_repeat_num}, 6 by default)
     */
    public StarGanGenerator(int convDim, int cDim, int repeatNum) {
        if (convDim < 1 || cDim < 1 || repeatNum < 0) {
            throw new InvalidOptionException("StarGAN generator needs g_conv_dim, c_dim >= 1 and g_repeat_num >= 0,"
                    + " got " + convDim + ", " + cDim + ", " + repeatNum);
        }
        this.cDim = cDim;
        main.add(Layers.conv(3 + cDim, convDim, 7, 1, 3, false))
                .add(Layers.instanceNorm(convDim, true, true))
                .add(Layers.relu());
        int dim = convDim;
        for (int i = 0; i < 2; i++) {
            main.add(Layers.conv(dim, dim * 2L, 4, 2, 1, false))
                    .add(Layers.instanceNorm(dim * 2L, true, true))
                    .add(Layers.relu());
            dim *= 2;
        }
        for (int i = 0; i < repeatNum; i++) {
            main.add(new StarGanResidualBlock(dim));
        }
        for (int i = 0; i < 2; i++) {
            main.add(Layers.convTranspose(dim, dim / 2, 4, 2, 1, 0, false))
                    .add(Layers.instanceNorm(dim / 2, true, true))
                    .add(Layers.relu());
            dim /= 2;
        }
        main.add(Layers.conv(dim, 3, 7, 1, 3, false)).add(Layers.tanh());
        register_module("main", main);
    }

    /** @return the number of domain labels this generator takes */
    public int cDim() {
        return cDim;
    }

    /**
     * Translates images to the domains given by labels.
     *
     * @param x images [N, 3, H, W]
     * @param c target labels [N, c_dim] (one-hot or multi-hot)
     * @return translated images [N, 3, H, W]
     */
    public Tensor forward(Tensor x, Tensor c) {
        long[] shape = Tensors.shape(x);
        Tensor tiled = c.to(x).view(shape[0], cDim, 1, 1).repeat(1, 1, shape[2], shape[3]);
        return main.forward(Tensors.cat(1, x, tiled));
    }

    /**
     * Runs on an input whose labels are already tiled and concatenated.
     *
     * @param input [N, 3 + c_dim, H, W]: image channels first, then one constant plane per label
     * @return translated images [N, 3, H, W]
     */
    @Override
    public Tensor forward(Tensor input) {
        return main.forward(input);
    }
}
