package io.transmute.core.model;

import java.util.Objects;

/**
 * One named scalar from a training step, such as a loss.
 *
 * @param name the reference label ({@code G_GAN}, {@code D_real}, {@code cycle_A}...)
 * @param value the value; 0.0 for a loss that is switched off
 */
public record Metric(String name, double value) {
    /** Requires a non-blank name without spaces, so loss_log.txt stays parseable. */
    public Metric {
        Objects.requireNonNull(name, "name");
        if (name.isBlank() || name.chars().anyMatch(Character::isWhitespace) || name.contains(":")) {
            throw new IllegalArgumentException("metric name '" + name + "' must be one word without ':'");
        }
    }
}
