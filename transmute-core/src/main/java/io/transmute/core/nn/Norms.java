package io.transmute.core.nn;

import io.transmute.core.torch.Layers;
import io.transmute.core.torch.Sequence.Layer;

/** The reference's {@code get_norm_layer}: one layer per {@link NormType}. */
final class Norms {
    private Norms() {
    }

    static Layer layer(NormType norm, long channels) {
        return switch (norm) {
            case BATCH -> Layers.batchNorm(channels);
            case INSTANCE -> Layers.instanceNorm(channels, false, false);
            case NONE -> Layers.identity();
        };
    }
}
