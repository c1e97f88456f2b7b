package io.transmute.core.option;

import java.util.List;
import java.util.Objects;

/**
 * One option, declared once: its reference spelling ({@code --norm}), type, base default, help text, parameter
 * label, and whether a continued run ({@code --continue_train}) may change it. The command line's help and
 * parsing, {@code train_opt.txt}, {@code run.json}, the resume checks and the defaults all read these
 * declarations; a model changes a base default through its spec, never by declaring the option again.
 *
 * <p>Keys are compared by all components; each option is one {@code static final} constant, so the same
 * instance is used everywhere.
 *
 * @param cliName the reference spelling, with the leading dashes
 * @param type the value's class
 * @param defaultValue the base default, or null for an option without one (a path the user must give)
 * @param help one or two sentences for {@code --help}, without the default, which is appended from
 *     {@code defaultValue} and the models' own defaults
 * @param label the parameter label in help ({@code N}, {@code X}, {@code DIR}); empty for a flag
 * @param resumeMayChange whether a run continued with {@code --continue_train} may give another value: true for
 *     options of reporting, saving, stopping and where the work runs, false for anything that shapes the networks,
 *     the data a step sees or the optimisation
 * @param <T> the value's type
 */
public record OptionKey<T>(String cliName, Class<T> type, T defaultValue, String help, String label,
        boolean resumeMayChange) {
    /** Requires a {@code --name} and a default of the option's type. */
    public OptionKey {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(help, "help");
        Objects.requireNonNull(label, "label");
        if (cliName == null || !cliName.startsWith("--")) {
            throw new IllegalArgumentException("option names start with --, got " + cliName);
        }
        if (defaultValue != null && !type.isInstance(defaultValue)) {
            throw new IllegalArgumentException(cliName + ": default " + defaultValue + " is not a " + type);
        }
    }

    /**
     * An internal key, set by a command or a test rather than by the user; it has no help and no default.
     *
     * @param cliName the name, with the leading dashes
     * @param type the value's class
     */
    public OptionKey(String cliName, Class<T> type) {
        this(cliName, type, null, "", "", false);
    }

    /**
     * @param name the name, with the leading dashes
     * @param defaultValue the base default
     * @param help the help text
     * @return an integer option labelled {@code N}
     */
    public static OptionKey<Integer> integer(String name, Integer defaultValue, String help) {
        return new OptionKey<>(name, Integer.class, defaultValue, help, "N", false);
    }

    /**
     * @param name the name, with the leading dashes
     * @param defaultValue the base default
     * @param help the help text
     * @return a long option labelled {@code N}
     */
    public static OptionKey<Long> whole(String name, Long defaultValue, String help) {
        return new OptionKey<>(name, Long.class, defaultValue, help, "N", false);
    }

    /**
     * @param name the name, with the leading dashes
     * @param defaultValue the base default
     * @param help the help text
     * @return a floating-point option labelled {@code X}
     */
    public static OptionKey<Double> real(String name, Double defaultValue, String help) {
        return new OptionKey<>(name, Double.class, defaultValue, help, "X", false);
    }

    /**
     * @param name the name, with the leading dashes
     * @param help the help text
     * @return a flag: false unless given
     */
    public static OptionKey<Boolean> flag(String name, String help) {
        return new OptionKey<>(name, Boolean.class, false, help, "", false);
    }

    /**
     * @param name the name, with the leading dashes
     * @param defaultValue the base default, or null
     * @param label the parameter label
     * @param help the help text
     * @return a text option
     */
    public static OptionKey<String> text(String name, String defaultValue, String label, String help) {
        return new OptionKey<>(name, String.class, defaultValue, help, label, false);
    }

    /**
     * @param name the name, with the leading dashes
     * @param type the enum or other value class; its plain form is its reference spelling
     * @param defaultValue the base default
     * @param label the parameter label
     * @param help the help text, naming the choices
     * @param <E> the value's type
     * @return an option of a closed choice
     */
    public static <E> OptionKey<E> choice(String name, Class<E> type, E defaultValue, String label, String help) {
        return new OptionKey<>(name, type, defaultValue, help, label, false);
    }

    /**
     * @param name the name, with the leading dashes
     * @param defaultValue the base default
     * @param label the label of one element
     * @param help the help text
     * @return an option taking one or more words
     */
    public static OptionKey<List<String>> words(String name, List<String> defaultValue, String label, String help) {
        return new OptionKey<>(name, stringList(), defaultValue, help, label, false);
    }

    @SuppressWarnings("unchecked")
    private static Class<List<String>> stringList() {
        return (Class<List<String>>) (Class<?>) List.class;
    }

    /** @return this option, marked as one a continued run may change */
    public OptionKey<T> resumable() {
        return new OptionKey<>(cliName, type, defaultValue, help, label, true);
    }

    /**
     * @param value the parameter label in help
     * @return this option with another label
     */
    public OptionKey<T> label(String value) {
        return new OptionKey<>(cliName, type, defaultValue, help, value, resumeMayChange);
    }

    /** @return whether the option is a flag, given without a value */
    public boolean isFlag() {
        return type == Boolean.class;
    }

    /** @return whether the option takes one or more words */
    public boolean isList() {
        return type == List.class;
    }

    /** @return the name without the leading dashes, as {@code train_opt.txt} and {@code run.json} spell it */
    public String bareName() {
        return cliName.substring(2);
    }

    @Override
    public String toString() {
        return cliName;
    }
}
