package io.transmute.core.loss;

import io.transmute.core.InvalidOptionException;
import io.transmute.core.nn.VggLayer;
import io.transmute.core.torch.Tensors;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;

/**
 * Johnson et al.'s style reconstruction loss. For each chosen layer {@code l} with activations of shape
 * {@code [N, C, H, W]}, the Gram matrices {@code G = F·Fᵀ / (C·H·W)} ({@link Gram#matrix}) of the output and
 * of the style target are compared by their squared Frobenius distance; that is averaged over the batch and
 * summed over the layers:
 *
 * <pre>
 *   L = Σ_l (1/N) Σ_n Σ_{i,j} (G_l(output_n)[i,j] − G_l(style)[i,j])²
 * </pre>
 *
 * <p>The style target's Gram matrices are computed once ({@link #targetGrams}) and broadcast over the batch.
 * Unlike PyTorch's {@code fast_neural_style} example, which takes the mean over the {@code C²} entries, the
 * entries are summed, as in the paper; deeper layers (more channels) therefore weigh more.
 */
public final class GramStyleLoss {
    private final List<VggLayer> layers;

    /**
     * @param layers the activations to compare; at least one
     */
    public GramStyleLoss(List<VggLayer> layers) {
        if (layers.isEmpty()) {
            throw new InvalidOptionException("a style loss needs at least one VGG layer");
        }
        this.layers = List.copyOf(layers);
    }

    /** @return the loss on {@code relu1_2}, {@code relu2_2}, {@code relu3_3} and {@code relu4_3} */
    public static GramStyleLoss defaults() {
        return new GramStyleLoss(VggLayer.all());
    }

    /** @return the compared layers */
    public List<VggLayer> layers() {
        return layers;
    }

    /**
     * The style target: Gram matrices of the style image's activations, detached from any graph.
     *
     * @param style activations of the style image ({@code N = 1}, or one per batch sample)
     * @return {@code [N, C, C]} per layer, in the current scope
     */
    public Map<VggLayer, Tensor> targetGrams(Map<VggLayer, Tensor> style) {
        Map<VggLayer, Tensor> out = new EnumMap<>(VggLayer.class);
        for (VggLayer l : layers) {
            out.put(l, Gram.matrix(FeatureLookup.get(style, l, "style")).detach());
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * @param output activations of the generated images
     * @param targetGrams from {@link #targetGrams}; a batch of one is broadcast over the output's batch
     * @return a scalar tensor
     */
    public Tensor compute(Map<VggLayer, Tensor> output, Map<VggLayer, Tensor> targetGrams) {
        Tensor sum = null;
        for (VggLayer l : layers) {
            Tensor g = Gram.matrix(FeatureLookup.get(output, l, "output"));
            Tensor diff = g.sub(FeatureLookup.get(targetGrams, l, "target Gram"));
            Tensor term = diff.pow(Tensors.scalar(2)).sum()
                    .div(Tensors.scalar(g.size(0)));
            sum = sum == null ? term : sum.add(term);
        }
        return sum;
    }
}
