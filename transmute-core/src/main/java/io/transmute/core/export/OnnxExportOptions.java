package io.transmute.core.export;

import java.util.List;

/**
 * How to export a generator.
 *
 * @param eval normalise with stored running statistics (eval mode) instead of each image's own statistics (train
 *     mode, what {@code translate} does without {@code --eval}); matters for batch norm and StarGAN's norms only
 * @param attributeNames StarGAN label names in training order, or null to take them from the checkpoint's records
 */
public record OnnxExportOptions(boolean eval, List<String> attributeNames) {
    /** Copies the names. */
    public OnnxExportOptions {
        attributeNames = attributeNames == null ? null : List.copyOf(attributeNames);
    }

    /** @return train-mode normalisation, label names from the checkpoint */
    public static OnnxExportOptions defaults() {
        return new OnnxExportOptions(false, null);
    }
}
