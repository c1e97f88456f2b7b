package io.transmute.core.infer;

import io.transmute.core.InvalidOptionException;
import io.transmute.core.nn.GivenGeneratorOptions;
import io.transmute.core.torch.Device;
import java.util.Objects;

/**
 * How a {@link Translator} runs its generator.
 *
 * @param device where to compute
 * @param eval {@code true}: eval mode (batch norm uses running statistics, no dropout), as the reference
 *     {@code test.py --eval}; {@code false}: train mode, what {@code test.py} does by default
 * @param dropout dropout of a U-Net in train mode; null takes it from the checkpoint's recorded architecture, or
 *     else on, as pix2pix trains it (a ResNet's dropout
 *     is part of its layer layout, so its weights decide)
 * @param given architecture options given by the user, checked against the weights
 * @param batchSize images per forward pass
 */
public record TranslatorOptions(Device device, boolean eval, Boolean dropout, GivenGeneratorOptions given,
        int batchSize) {
    /** Validates the values. */
    public TranslatorOptions {
        Objects.requireNonNull(device, "device");
        given = given == null ? GivenGeneratorOptions.NONE : given;
        if (batchSize < 1) {
            throw new InvalidOptionException("--batch_size " + batchSize + " must be at least 1");
        }
    }

    /** @return CPU, train mode as the reference test script, architecture from the weights, batch 1 */
    public static TranslatorOptions defaults() {
        return new TranslatorOptions(Device.CPU, false, null, GivenGeneratorOptions.NONE, 1);
    }

    /**
     * @param e eval mode
     * @return a copy with eval mode set
     */
    public TranslatorOptions withEval(boolean e) {
        return new TranslatorOptions(device, e, dropout, given, batchSize);
    }
}
