package io.transmute.core.loss;

import io.transmute.core.InvalidOptionException;
import io.transmute.core.torch.Tensors;
import java.util.Arrays;
import org.bytedeco.pytorch.Tensor;

/** The Gram matrix of feature maps, the style representation of Gatys et al. and Johnson et al. */
public final class Gram {
    private Gram() {
    }

    /**
     * Computes {@code G = F·Fᵀ / (C·H·W)} per sample, where {@code F} is the {@code [C, H·W]} matrix of one
     * sample's feature maps. Dividing by the element count makes the values independent of the image size,
     * so a style image of one size can guide training crops of another.
     *
     * @param features {@code [N, C, H, W]}
     * @return {@code [N, C, C]}
     */
    public static Tensor matrix(Tensor features) {
        long[] s = Tensors.shape(features);
        if (s.length != 4) {
            throw new InvalidOptionException("a Gram matrix needs [N, C, H, W] features, got " + Arrays.toString(s));
        }
        Tensor f = features.reshape(s[0], s[1], s[2] * s[3]);
        return f.bmm(f.transpose(1, 2)).div(Tensors.scalar((double) s[1] * s[2] * s[3]));
    }
}
