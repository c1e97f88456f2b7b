package io.transmute.core.loss;

import io.transmute.core.nn.VggLayer;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;

/** Lookups shared by the feature losses. */
final class FeatureLookup {
    private FeatureLookup() {
    }

    static Tensor get(Map<VggLayer, Tensor> features, VggLayer layer, String what) {
        Tensor t = features.get(layer);
        if (t == null) {
            throw new IllegalArgumentException("the " + what + " features lack " + layer + " (they hold "
                    + features.keySet() + "); build Vgg16Features with every layer the losses use");
        }
        return t;
    }
}
