package io.transmute.core.nn;

import io.transmute.core.torch.Layers;
import io.transmute.core.torch.Net;
import io.transmute.core.torch.Sequence;
import io.transmute.core.torch.Tensors;
import org.bytedeco.pytorch.Tensor;

/** StarGAN's {@code ResidualBlock}: {@code x + main(x)} with bias-free convolutions and affine, tracked IN. */
final class StarGanResidualBlock extends Net {
    private final Sequence main = new Sequence();

    StarGanResidualBlock(int dim) {
        main.add(Layers.conv(dim, dim, 3, 1, 1, false))
                .add(Layers.instanceNorm(dim, true, true))
                .add(Layers.relu())
                .add(Layers.conv(dim, dim, 3, 1, 1, false))
                .add(Layers.instanceNorm(dim, true, true));
        register_module("main", main);
    }

    @Override
    public Tensor forward(Tensor input) {
        Tensor r = main.forward(input);
        return Tensors.advance(r, input, input.add(r));
    }
}
