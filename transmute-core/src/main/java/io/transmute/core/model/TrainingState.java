package io.transmute.core.model;

import io.transmute.core.io.TensorData;
import io.transmute.core.optim.AdamState;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a model needs, besides its weights, to continue training exactly: optimizer moments, image-pool
 * contents and its random generator. Heap data only, ready for a checkpoint.
 *
 * @param optimizers Adam state by optimizer name ({@code G}, {@code D})
 * @param imagePools stored images by pool name ({@code fake_A_pool}, {@code fake_B_pool})
 * @param rng the model's random generator state ({@code Rng.state()})
 */
public record TrainingState(Map<String, AdamState> optimizers, Map<String, List<TensorData>> imagePools,
        long[] rng) {
    /** Copies the maps, keeping their order. */
    public TrainingState {
        optimizers = Collections.unmodifiableMap(new LinkedHashMap<>(optimizers));
        Map<String, List<TensorData>> pools = new LinkedHashMap<>();
        imagePools.forEach((k, v) -> pools.put(k, List.copyOf(v)));
        imagePools = Collections.unmodifiableMap(pools);
        rng = rng.clone();
    }

    @Override
    public long[] rng() {
        return rng.clone();
    }
}
