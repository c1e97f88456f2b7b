package io.transmute.cli;

import io.transmute.core.option.OptionKey;
import io.transmute.core.train.TrainOptionCatalog;
import io.transmute.core.train.TrainOptions;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The picocli options of {@code train} and {@code test}, made from the core's option declarations
 * ({@link TrainOptionCatalog}) rather than written as fields: name, label, arity and help (with the declared and
 * per-model defaults) come from there. Values stay text until {@link #given}, which converts the ones the user
 * gave; options not given stay out, so the model's defaults apply.
 */
final class DeclaredOptions {
    private DeclaredOptions() {
    }

    /**
     * Adds an option for every declaration the command does not define itself (a command's own {@code --phase},
     * the {@link RuntimeMixin}'s {@code --threads}).
     *
     * @param spec the command
     * @param keys the declarations, in help order
     * @return {@code spec}
     */
    static CommandSpec addTo(CommandSpec spec, List<OptionKey<?>> keys) {
        for (OptionKey<?> key : keys) {
            if (spec.optionsMap().containsKey(key.cliName())) {
                continue;
            }
            // picocli formats descriptions, so a literal % must be doubled
            OptionSpec.Builder b = OptionSpec.builder(key.cliName())
                    .description(TrainOptionCatalog.help(key).replace("%", "%%"));
            if (key.isFlag()) {
                b.arity("0").type(boolean.class);
            } else if (key.isList()) {
                b.arity("1..*").type(List.class).auxiliaryTypes(String.class).paramLabel(key.label());
            } else {
                b.arity("1").type(String.class).paramLabel(key.label());
            }
            if (key == TrainOptions.MODEL) {
                b.completionCandidates(new ModelNames());
            }
            spec.addOption(b.build());
        }
        return spec;
    }

    /**
     * Copies every declared option the user gave into a builder, converted to its type.
     *
     * @param parsed the command's parse result
     * @param b the builder
     * @return {@code b}
     * @throws io.transmute.core.InvalidOptionException for a value that does not fit its option
     */
    static TrainOptions.Builder given(ParseResult parsed, TrainOptions.Builder b) {
        for (OptionSpec option : parsed.matchedOptions()) {
            OptionKey<?> key = TrainOptions.Builder.key(option.longestName());
            if (key == null) {
                continue;
            }
            List<String> words = option.originalStringValues();
            Object value = key.isFlag() ? Boolean.TRUE : key.isList() ? words : words.get(words.size() - 1);
            b.setPlain(key.cliName(), value);
        }
        return b;
    }
}
