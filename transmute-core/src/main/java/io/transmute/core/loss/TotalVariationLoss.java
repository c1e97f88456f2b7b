package io.transmute.core.loss;

import io.transmute.core.InvalidOptionException;
import io.transmute.core.torch.Tensors;
import java.util.Arrays;
import org.bytedeco.pytorch.Tensor;

/**
 * Anisotropic total variation, the smoothness prior of Johnson et al.: the mean absolute difference between
 * vertically adjacent pixels plus that between horizontally adjacent pixels,
 * {@code mean|x[.., i+1, j] − x[.., i, j]| + mean|x[.., i, j+1] − x[.., i, j]|}. Means rather than sums keep
 * the weight independent of image and batch size.
 */
public final class TotalVariationLoss {
    private TotalVariationLoss() {
    }

    /**
     * @param images {@code [N, C, H, W]} with H and W at least 2
     * @return a scalar tensor
     */
    public static Tensor compute(Tensor images) {
        long[] s = Tensors.shape(images);
        if (s.length != 4 || s[2] < 2 || s[3] < 2) {
            throw new InvalidOptionException("total variation needs [N, C, H, W] images of at least 2x2, got "
                    + Arrays.toString(s));
        }
        Tensor dy = images.narrow(2, 1, s[2] - 1).sub(images.narrow(2, 0, s[2] - 1));
        Tensor dx = images.narrow(3, 1, s[3] - 1).sub(images.narrow(3, 0, s[3] - 1));
        return dy.abs().mean().add(dx.abs().mean());
    }
}
