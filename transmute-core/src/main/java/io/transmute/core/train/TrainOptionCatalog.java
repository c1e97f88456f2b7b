package io.transmute.core.train;

import io.transmute.core.data.DataDefaults;
import io.transmute.core.model.ModelOptions;
import io.transmute.core.model.ModelRegistry;
import io.transmute.core.model.ModelSpec;
import io.transmute.core.model.PerceptualOptions;
import io.transmute.core.model.StarGanModel;
import io.transmute.core.option.OptionKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every option of a training run, gathered from where each is declared: the run's ({@link TrainOptions}), the
 * shared network and optimiser options ({@link ModelOptions#KEYS}), the VGG-16 losses', each registered model's
 * own ({@link ModelSpec#options()}), StarGAN's and evaluation's. The command line's help and parsing,
 * {@code train_opt.txt}, {@code run.json} and the resume checks read this list; none repeats a declaration.
 */
public final class TrainOptionCatalog {
    private static final List<OptionKey<?>> ALL = gather();

    private TrainOptionCatalog() {
    }

    private static List<OptionKey<?>> gather() {
        Set<OptionKey<?>> keys = new LinkedHashSet<>(TrainOptions.BASE_KEYS);
        keys.addAll(ModelOptions.KEYS);
        keys.addAll(TrainOptions.LOOP_KEYS);
        for (ModelSpec spec : ModelRegistry.all()) {
            keys.addAll(spec.options());
        }
        keys.addAll(PerceptualOptions.KEYS);
        keys.addAll(StarGanOptionKeys.KEYS);
        keys.addAll(EvalOptionKeys.KEYS);
        return List.copyOf(keys);
    }

    /** @return every training option, each once, in help order */
    public static List<OptionKey<?>> all() {
        return ALL;
    }

    /**
     * @param model a {@code --model} name
     * @return the options that model takes: the shared ones and its own, in help order
     */
    public static List<OptionKey<?>> forModel(String model) {
        return ALL.stream().filter(k -> takes(model, k)).toList();
    }

    /**
     * @param model a {@code --model} name
     * @param key an option
     * @return whether the model takes it: every model takes the shared options, only its owners a model's own
     */
    public static boolean takes(String model, OptionKey<?> key) {
        List<String> owners = owners(key);
        return owners.isEmpty() || owners.contains(model);
    }

    /**
     * @param key an option
     * @return the models that declare it as their own, in registry order; empty for a shared option
     */
    public static List<String> owners(OptionKey<?> key) {
        return ModelRegistry.all().stream().filter(s -> own(s).contains(key)).map(ModelSpec::name).toList();
    }

    // StarGAN's options are declared beside the code that maps them onto its data and model records
    private static List<OptionKey<?>> own(ModelSpec spec) {
        return spec.name().equals(StarGanModel.NAME) ? StarGanOptionKeys.KEYS : spec.options();
    }

    /**
     * @param key an option
     * @return each model's default where it differs from the declared one (the reference's
     *     {@code modify_commandline_options}), by model name in registry order
     */
    public static Map<String, Object> modelDefaults(OptionKey<?> key) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (ModelSpec spec : ModelRegistry.all()) {
            if (!spec.trainable() || !takes(spec.name(), key)) {
                continue;
            }
            Optional<Object> own = spec.defaultOf(key).or(() -> dataDefault(spec.dataDefaults(), key));
            own.ifPresent(v -> out.put(spec.name(), v));
        }
        return out;
    }

    private static Optional<Object> dataDefault(DataDefaults d, OptionKey<?> key) {
        Object v = null;
        if (key == TrainOptions.BATCH_SIZE) {
            v = d.batchSize();
        } else if (key == TrainOptions.LOAD_SIZE) {
            v = d.loadSize();
        } else if (key == TrainOptions.CROP_SIZE) {
            v = d.cropSize();
        }
        return v == null || v.equals(key.defaultValue()) ? Optional.empty() : Optional.of(v);
    }

    /**
     * The help text of an option: which models own it, its help, and its defaults, e.g.
     * {@code "The GAN objective: vanilla, lsgan, wgangp. (default: lsgan; pix2pix: vanilla)"}.
     *
     * @param key an option
     * @return one paragraph
     */
    public static String help(OptionKey<?> key) {
        List<String> owners = owners(key);
        StringBuilder sb = new StringBuilder();
        if (!owners.isEmpty()) {
            sb.append(String.join(", ", owners)).append(": ");
        }
        sb.append(key.help());
        List<String> defaults = new ArrayList<>();
        if (!key.isFlag() && key.defaultValue() != null && !"".equals(key.defaultValue())) {
            defaults.add("default: " + helpValue(key, key.defaultValue()));
        }
        Map<String, Object> byModel = modelDefaults(key);
        if (key.isFlag() && !byModel.isEmpty()) {
            defaults.add("on by default for " + String.join(", ", byModel.keySet()));
        } else if (!byModel.isEmpty()) {
            // models sharing a default are named together: "pix2pix, colorization: unet_256"
            Map<Object, List<String>> grouped = byModel.entrySet().stream().collect(Collectors.groupingBy(
                    Map.Entry::getValue, LinkedHashMap::new, Collectors.mapping(Map.Entry::getKey,
                            Collectors.toList())));
            grouped.forEach((v, models) -> defaults.add(String.join(", ", models) + ": " + helpValue(key, v)));
        }
        if (!defaults.isEmpty()) {
            sb.append(" (").append(String.join("; ", defaults)).append(')');
        }
        return sb.toString();
    }

    // as the user types it: 100 rather than Python's 100.0, names without list brackets
    private static String helpValue(OptionKey<?> key, Object value) {
        Object plain = OptionValues.plain(value);
        if (plain instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
            return Long.toString(d.longValue());
        }
        if (plain instanceof List<?> l) {
            return l.stream().map(String::valueOf).collect(Collectors.joining(" "));
        }
        return show(key.bareName(), plain);
    }

    /**
     * @param name an option's name without dashes
     * @param plain its plain value
     * @return the text {@code train_opt.txt} shows: Python's {@code str()}, {@code inf} for an unlimited
     *     {@code max_dataset_size}, {@code None} for no value
     */
    public static String show(String name, Object plain) {
        if (plain == null) {
            return "None";
        }
        if (name.equals(TrainOptions.MAX_DATASET_SIZE.bareName()) && Objects.equals(Integer.MAX_VALUE, plain)) {
            return "inf";
        }
        return OptionValues.python(plain);
    }

    /** @return the options a continued run may change, in help order */
    public static List<OptionKey<?>> resumable() {
        return ALL.stream().filter(OptionKey::resumeMayChange).toList();
    }
}
