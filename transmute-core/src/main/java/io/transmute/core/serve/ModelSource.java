package io.transmute.core.serve;

import io.transmute.core.InvalidOptionException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * A model to serve: the name clients use in URLs and where its weights are.
 *
 * @param name letters, digits, {@code .}, {@code _} and {@code -}
 * @param path a generator file ({@code .pth}, {@code .ckpt}, {@code .safetensors}) or a CycleGAN checkpoint folder
 */
public record ModelSource(String name, Path path) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /** Checks the name. */
    public ModelSource {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidOptionException("--model name '" + name + "' must be 1-64 letters, digits, '.', '_' or"
                    + " '-', starting with a letter or digit");
        }
        if (path == null) {
            throw new InvalidOptionException("--model " + name + " needs a path: --model " + name + "=PATH");
        }
    }

    /**
     * @param spec {@code NAME=PATH}
     * @return the source
     */
    public static ModelSource parse(String spec) {
        int eq = spec.indexOf('=');
        if (eq <= 0 || eq == spec.length() - 1) {
            throw new InvalidOptionException("--model " + spec + " must be NAME=PATH, e.g. --model"
                    + " facades=checkpoints/facades/latest_net_G.pth");
        }
        return new ModelSource(spec.substring(0, eq), Path.of(spec.substring(eq + 1)));
    }
}
