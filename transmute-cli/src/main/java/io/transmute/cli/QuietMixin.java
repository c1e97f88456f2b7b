package io.transmute.cli;

import picocli.CommandLine.Option;

/** {@code --quiet}, for the commands that draw a progress bar on a terminal. */
public final class QuietMixin {
    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    /** @return whether --quiet was given */
    public boolean quiet() {
        return quiet;
    }
}
