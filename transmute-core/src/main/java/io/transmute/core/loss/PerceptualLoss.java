package io.transmute.core.loss;

import io.transmute.core.InvalidOptionException;
import io.transmute.core.nn.VggLayer;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * Johnson et al.'s feature reconstruction loss: the mean squared difference of VGG-16 activations, summed over
 * the chosen layers, {@code Σ_l mean((φ_l(output) − φ_l(target))²)}. The default is {@code relu2_2} alone, as
 * in the paper. The target's activations are treated as constants.
 */
public final class PerceptualLoss {
    private final List<VggLayer> layers;

    /**
     * @param layers the activations to compare; at least one
     */
    public PerceptualLoss(List<VggLayer> layers) {
        if (layers.isEmpty()) {
            throw new InvalidOptionException("a perceptual loss needs at least one VGG layer");
        }
        this.layers = List.copyOf(layers);
    }

    /** @return the loss on {@code relu2_2} */
    public static PerceptualLoss defaults() {
        return new PerceptualLoss(List.of(VggLayer.RELU2_2));
    }

    /** @return the compared layers */
    public List<VggLayer> layers() {
        return layers;
    }

    /**
     * @param output activations of the generated images, from {@code Vgg16Features.forward}
     * @param target activations of the targets (same shapes; detached here)
     * @return a scalar tensor
     */
    public Tensor compute(Map<VggLayer, Tensor> output, Map<VggLayer, Tensor> target) {
        Tensor sum = null;
        for (VggLayer l : layers) {
            Tensor term = torch.mse_loss(FeatureLookup.get(output, l, "output"), FeatureLookup.get(target, l, "target").detach());
            sum = sum == null ? term : sum.add(term);
        }
        return sum;
    }
}
