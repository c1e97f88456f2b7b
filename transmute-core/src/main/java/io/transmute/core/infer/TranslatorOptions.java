package io.transmute.core.infer;

import io.transmute.core.InvalidOptionException;
import io.transmute.core.nn.GivenGeneratorOptions;
import io.transmute.core.torch.Device;
import io.transmute.core.torch.Precision;
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
 * @param precision the number format the generator computes in; null: float32
 */
public record TranslatorOptions(Device device, boolean eval, Boolean dropout, GivenGeneratorOptions given,
        int batchSize, Precision precision) {
    /** Validates the values. */
    public TranslatorOptions {
        Objects.requireNonNull(device, "device");
        given = given == null ? GivenGeneratorOptions.NONE : given;
        precision = precision == null ? Precision.FLOAT32 : precision;
        if (batchSize < 1) {
            throw new InvalidOptionException("--batch_size " + batchSize + " must be at least 1");
        }
    }

    /**
     * float32 options.
     *
     * @param device where to compute
     * @param eval eval mode
     * @param dropout a U-Net's dropout in train mode, or null
     * @param given architecture options given by the user
     * @param batchSize images per forward pass
     */
    public TranslatorOptions(Device device, boolean eval, Boolean dropout, GivenGeneratorOptions given,
            int batchSize) {
        this(device, eval, dropout, given, batchSize, Precision.FLOAT32);
    }

    /** @return CPU, train mode as the reference test script, architecture from the weights, batch 1 */
    public static TranslatorOptions defaults() {
        return new TranslatorOptions(Device.CPU, false, null, GivenGeneratorOptions.NONE, 1, Precision.FLOAT32);
    }

    /**
     * @param e eval mode
     * @return a copy with eval mode set
     */
    public TranslatorOptions withEval(boolean e) {
        return new TranslatorOptions(device, e, dropout, given, batchSize, precision);
    }

    /**
     * @param p the number format
     * @return a copy computing in {@code p}
     */
    public TranslatorOptions withPrecision(Precision p) {
        return new TranslatorOptions(device, eval, dropout, given, batchSize, p);
    }
}
