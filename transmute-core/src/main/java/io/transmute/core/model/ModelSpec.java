package io.transmute.core.model;

import io.transmute.core.data.DataDefaults;
import io.transmute.core.option.OptionKey;
import io.transmute.core.random.Rng;
import io.transmute.core.torch.Device;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One entry of the {@link ModelRegistry}: a model's reference name, its defaults (the reference's
 * {@code modify_commandline_options}) and its constructor.
 *
 * @param name the {@code --model} value, e.g. {@code pix2pix}
 * @param description one line for help output
 * @param trainable whether {@link TranslationModel#trainStep} is supported ({@code test} is not)
 * @param defaults sets the model's defaults on a builder, via {@link ModelOptions.Builder#setDefault} only
 * @param factory builds the model
 * @param lossNames the labels its steps report (the reference's {@code loss_names})
 * @param dataDefaults its defaults for {@code --batch_size}, {@code --load_size} and {@code --crop_size}, which
 *     a training run uses where the user gave none
 * @param iterations for a model trained by iterations, its schedule from the resolved options; null for one
 *     trained by the reference's epochs
 * @param own the options the model adds to the shared ones, and the record it reads them into
 */
public record ModelSpec(String name, String description, boolean trainable, Consumer<ModelOptions.Builder> defaults,
        ModelFactory factory, List<String> lossNames, DataDefaults dataDefaults,
        Function<ModelOptions, IterationSchedule> iterations, OwnOptions own) {
    /** Checks the values. */
    public ModelSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(defaults, "defaults");
        Objects.requireNonNull(factory, "factory");
        Objects.requireNonNull(dataDefaults, "dataDefaults");
        Objects.requireNonNull(own, "own");
        lossNames = List.copyOf(lossNames);
    }

    /**
     * A model without options of its own.
     *
     * @param name the {@code --model} value
     * @param description one line for help output
     * @param trainable whether {@link TranslationModel#trainStep} is supported
     * @param defaults sets the model's defaults on a builder
     * @param factory builds the model
     * @param lossNames the labels its steps report
     * @param dataDefaults its defaults for the batch, load and crop sizes
     * @param iterations its iteration schedule, or null for a model trained by epochs
     */
    public ModelSpec(String name, String description, boolean trainable, Consumer<ModelOptions.Builder> defaults,
            ModelFactory factory, List<String> lossNames, DataDefaults dataDefaults,
            Function<ModelOptions, IterationSchedule> iterations) {
        this(name, description, trainable, defaults, factory, lossNames, dataDefaults, iterations, OwnOptions.NONE);
    }

    /**
     * @param value the options the model adds, and the record they are read into
     * @return this spec, taking them
     */
    public ModelSpec withOptions(OwnOptions value) {
        return new ModelSpec(name, description, trainable, defaults, factory, lossNames, dataDefaults, iterations,
                value);
    }

    /** @return the options this model adds to the shared ones */
    public List<OptionKey<?>> options() {
        return own.keys();
    }

    /**
     * @param key an option
     * @return this model's default for it where the model changes the base default (pix2pix's
     *     {@code --gan_mode vanilla}), else empty
     */
    public Optional<Object> defaultOf(OptionKey<?> key) {
        ModelOptions.Builder b = new ModelOptions.Builder();
        defaults.accept(b);
        Object v = b.get(key);
        return v == null || v.equals(key.defaultValue()) ? Optional.empty() : Optional.of(v);
    }
    /**
     * A model that keeps the reference's data defaults ({@link DataDefaults#REFERENCE}).
     *
     * @param name the {@code --model} value
     * @param description one line for help output
     * @param trainable whether {@link TranslationModel#trainStep} is supported
     * @param defaults sets the model's defaults on a builder
     * @param factory builds the model
     * @param lossNames the labels its steps report
     */
    public ModelSpec(String name, String description, boolean trainable, Consumer<ModelOptions.Builder> defaults,
            ModelFactory factory, List<String> lossNames) {
        this(name, description, trainable, defaults, factory, lossNames, DataDefaults.REFERENCE);
    }

    /**
     * A model trained by the reference's epochs.
     *
     * @param name the {@code --model} value
     * @param description one line for help output
     * @param trainable whether {@link TranslationModel#trainStep} is supported
     * @param defaults sets the model's defaults on a builder
     * @param factory builds the model
     * @param lossNames the labels its steps report
     * @param dataDefaults its defaults for the batch, load and crop sizes
     */
    public ModelSpec(String name, String description, boolean trainable, Consumer<ModelOptions.Builder> defaults,
            ModelFactory factory, List<String> lossNames, DataDefaults dataDefaults) {
        this(name, description, trainable, defaults, factory, lossNames, dataDefaults, null);
    }

    /**
     * @param options resolved options
     * @return how the model is trained by iterations, or empty for a model trained by epochs
     */
    public Optional<IterationSchedule> iterationSchedule(ModelOptions options) {
        return iterations == null ? Optional.empty() : Optional.of(iterations.apply(options));
    }

    /**
     * Applies this model's defaults to options the user did not give.
     *
     * @param options the options given so far; changed in place
     * @return {@code options}
     */
    public ModelOptions.Builder adjustDefaults(ModelOptions.Builder options) {
        defaults.accept(options);
        return options;
    }

    /**
     * Resolves options: the given ones, then this model's defaults, then the base defaults.
     *
     * @param given the options the user gave
     * @return validated options
     */
    public ModelOptions resolve(ModelOptions.Builder given) {
        adjustDefaults(given);
        for (OptionKey<?> key : own.keys()) {
            given.resolve(key);
        }
        ModelOptions options = given.build();
        own.reader().apply(options);
        return options;
    }

    /**
     * Builds the model. Call outside any step scope: the networks and optimizers it creates are long-lived.
     *
     * @param options resolved options, normally from {@link #resolve}
     * @param device where the networks live
     * @param rng the model's random generator
     * @return the model; the caller closes it
     */
    public TranslationModel create(ModelOptions options, Device device, Rng rng) {
        device.checkAvailable();
        // no Scope here: JavaCPP would register the new modules with it and free them when it closed
        return factory.create(options, device, rng);
    }
}
