package io.transmute.core.report;

import java.nio.file.Path;

/**
 * What a run of {@link TestLoop} did.
 *
 * @param images images processed
 * @param page the results page
 * @param meanL1 mean absolute difference between {@code fake_B} and {@code real_B} in [-1, 1] units, or NaN when
 *     the visuals have no such pair
 */
public record TestResults(int images, Path page, double meanL1) {
}
