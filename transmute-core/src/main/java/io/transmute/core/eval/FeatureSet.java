package io.transmute.core.eval;

import java.util.List;

/**
 * What a pass of the FID network over a folder gave.
 *
 * @param stats mean and covariance of the features
 * @param features every feature vector, or null when not kept (only KID needs them)
 * @param used how many images were scored
 * @param failures one line per image that could not be read ({@code path: reason}), skipped
 */
public record FeatureSet(GaussianStats stats, FeatureMatrix features, int used, List<String> failures) {
    /** Copies the list. */
    public FeatureSet {
        failures = List.copyOf(failures);
    }
}
