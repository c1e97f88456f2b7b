package io.transmute.core.model;

import io.transmute.core.random.Rng;
import io.transmute.core.torch.Device;

/** Builds a model from resolved options: networks initialised, on the device, with optimizers when training. */
@FunctionalInterface
public interface ModelFactory {
    /**
     * @param options resolved options
     * @param device where the networks live
     * @param rng the model's own random generator (image pools, penalty weights); the model keeps it and saves
     *     its state in {@link TranslationModel#state()}
     * @return the model; the caller closes it
     */
    TranslationModel create(ModelOptions options, Device device, Rng rng);
}
