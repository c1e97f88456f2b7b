package io.transmute.core.model;

import java.util.Objects;

/**
 * A typed name for one model option, spelled as on the reference command line ({@code --norm}). Used to set
 * options on a {@link ModelOptions.Builder} and to record which ones the user gave.
 *
 * @param cliName the reference spelling, with the leading dashes
 * @param type the value's class
 * @param <T> the value's type
 */
public record OptionKey<T>(String cliName, Class<T> type) {
    /** Requires a {@code --name}. */
    public OptionKey {
        Objects.requireNonNull(type, "type");
        if (cliName == null || !cliName.startsWith("--")) {
            throw new IllegalArgumentException("option names start with --, got " + cliName);
        }
    }

    @Override
    public String toString() {
        return cliName;
    }
}
