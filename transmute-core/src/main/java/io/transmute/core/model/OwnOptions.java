package io.transmute.core.model;

import io.transmute.core.option.OptionKey;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The options a model adds to the shared ones (the reference's {@code parser.add_argument} calls in a model's
 * {@code modify_commandline_options}) and the record they are read into, which validates them.
 *
 * @param keys the options, each declared once, beside the record that reads them
 * @param reader reads and validates the model's record from resolved options, e.g. {@link Pix2PixOptions#from}
 */
public record OwnOptions(List<OptionKey<?>> keys, Function<ModelOptions, ?> reader) {
    /** A model without options of its own. */
    public static final OwnOptions NONE = new OwnOptions(List.of(), o -> null);

    /** Checks the values. */
    public OwnOptions {
        keys = List.copyOf(keys);
        Objects.requireNonNull(reader, "reader");
    }
}
