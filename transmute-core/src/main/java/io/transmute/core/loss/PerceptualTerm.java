package io.transmute.core.loss;

import io.transmute.core.nn.Vgg16Features;
import io.transmute.core.nn.VggLayer;
import io.transmute.core.torch.Device;
import io.transmute.core.torch.Tensors;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;

/**
 * The optional {@code G_perceptual} term of pix2pix and CycleGAN: {@code lambda * PerceptualLoss} between a
 * generated image and its target, with its own frozen VGG-16. Created with the model, outside any step scope,
 * and closed with it.
 */
public final class PerceptualTerm implements AutoCloseable {
    private final Vgg16Features vgg;
    private final PerceptualLoss loss;
    private final double lambda;

    private PerceptualTerm(Vgg16Features vgg, PerceptualLoss loss, double lambda) {
        this.vgg = vgg;
        this.loss = loss;
        this.lambda = lambda;
    }

    /**
     * Loads the VGG-16 weights and moves the network to the device.
     *
     * @param vggWeights torchvision's {@code vgg16-397923af.pth}
     * @param layers the compared activations
     * @param lambda the term's weight, positive
     * @param device where the model's networks live
     * @return the term
     * @throws io.transmute.core.CheckpointException for a missing or wrong weights file
     */
    public static PerceptualTerm load(Path vggWeights, List<VggLayer> layers, double lambda, Device device) {
        return of(Vgg16Features.load(vggWeights, layers), layers, lambda, device);
    }

    /**
     * Wraps an existing network, which the term then owns.
     *
     * @param vgg the feature extractor, holding at least {@code layers}
     * @param layers the compared activations
     * @param lambda the term's weight
     * @param device where the model's networks live
     * @return the term
     */
    public static PerceptualTerm of(Vgg16Features vgg, List<VggLayer> layers, double lambda, Device device) {
        return new PerceptualTerm(device.move(vgg), new PerceptualLoss(layers), lambda);
    }

    /**
     * @param output generated images in [-1, 1]; gradients flow back to them
     * @param target the images they should resemble, treated as constants
     * @return {@code lambda * Σ_l mean((φ_l(output) − φ_l(target))²)}, a scalar
     */
    public Tensor compute(Tensor output, Tensor target) {
        Map<VggLayer, Tensor> targetFeatures = withoutGrad(target);
        return loss.compute(vgg.forward(output), targetFeatures).mul(Tensors.scalar(lambda));
    }

    private Map<VggLayer, Tensor> withoutGrad(Tensor target) {
        try (NoGradGuard g = new NoGradGuard()) {
            return vgg.forward(target.detach());
        }
    }

    @Override
    public void close() {
        vgg.close();
    }
}
