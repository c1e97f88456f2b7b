package io.transmute.core.train;

import io.transmute.core.InvalidOptionException;
import io.transmute.core.data.DataDefaults;
import io.transmute.core.data.DataOptions;
import io.transmute.core.data.Dataset;
import io.transmute.core.data.Direction;
import io.transmute.core.data.Preprocess;
import io.transmute.core.data.StarGanDataOptions;
import io.transmute.core.model.ModelOptions;
import io.transmute.core.model.ModelRegistry;
import io.transmute.core.model.ModelSpec;
import io.transmute.core.model.PerceptualOptions;
import io.transmute.core.model.StarGanModel;
import io.transmute.core.model.StarGanOptions;
import io.transmute.core.nn.GeneratorType;
import io.transmute.core.nn.VggLayer;
import io.transmute.core.optim.LrPolicy;
import io.transmute.core.optim.ScheduleOptions;
import io.transmute.core.option.OptionKey;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every option of a training run, resolved and validated: the reference's base and train options
 * ({@code options/base_options.py}, {@code options/train_options.py}), the model's options, and ours
 * ({@code --max_iters}, {@code --seed}, {@code --threads}, {@code --device}).
 *
 * <p>Options arrive through a {@link Builder} holding only what the user gave; {@link Builder#build()} applies the
 * chosen model's defaults ({@link ModelSpec#adjustDefaults}) and then the base defaults, exactly once. The same
 * given values, stored in a checkpoint, rebuild the same options on resume.
 *
 * @param name {@code --name}, with {@code --suffix} applied
 * @param checkpointsDir {@code --checkpoints_dir}
 * @param model {@code --model}
 * @param modelOptions the model's resolved options
 * @param data the dataset's resolved options
 * @param schedule the learning-rate schedule
 * @param printFreq {@code --print_freq}: samples between loss lines
 * @param displayFreq {@code --display_freq}: samples between visuals
 * @param updateHtmlFreq {@code --update_html_freq}: samples between forced HTML updates
 * @param noHtml {@code --no_html}
 * @param saveLatestFreq {@code --save_latest_freq}: samples between {@code latest} checkpoints
 * @param saveEpochFreq {@code --save_epoch_freq}: epochs between numbered checkpoints
 * @param saveByIter {@code --save_by_iter}: name the periodic checkpoints {@code iter_<n>} instead of latest
 * @param continueTrain {@code --continue_train}
 * @param epoch {@code --epoch}: which checkpoint to continue from
 * @param loadIter {@code --load_iter}: if above 0, continue from {@code iter_<n>} instead
 * @param maxIters {@code --max_iters}: stop (with a checkpoint) once this many samples are done; 0 = no limit
 * @param displayWinsize {@code --display_winsize}
 * @param seed {@code --seed}
 * @param threads {@code --threads}: intra-op threads, 0 = one per core
 * @param device {@code --device}
 * @param verbose {@code --verbose}
 * @param suffix {@code --suffix} as given
 * @param given the options the user gave, by reference name, as plain values, in the order given
 */
public record TrainOptions(String name, Path checkpointsDir, String model, ModelOptions modelOptions,
        DataOptions data, ScheduleOptions schedule, int printFreq, int displayFreq, int updateHtmlFreq,
        boolean noHtml, int saveLatestFreq, int saveEpochFreq, boolean saveByIter, boolean continueTrain,
        String epoch, int loadIter, long maxIters, int displayWinsize, long seed, int threads, String device,
        boolean verbose, String suffix, Map<String, Object> given) {

    /** {@code --dataroot}, required (StarGAN reads its own folders instead). */
    public static final OptionKey<String> DATAROOT = OptionKey.text("--dataroot", null, "DIR",
            "Path to images (should have subfolders trainA, trainB, valA, valB, etc., or train/test for aligned"
                    + " pairs).").resumable();
    /** {@code --name}. */
    public static final OptionKey<String> NAME = OptionKey.text("--name", RunFolder.DEFAULT_NAME, "NAME",
            "Name of the experiment; decides where to store samples and models.");
    /** {@code --checkpoints_dir}; a continued run may name another, so a run folder can be moved. */
    public static final OptionKey<String> CHECKPOINTS_DIR = OptionKey.text("--checkpoints_dir",
            RunFolder.DEFAULT_CHECKPOINTS_DIR, "DIR", "Models are saved here.").resumable();
    /** {@code --model}; its help lists the registry. */
    public static final OptionKey<String> MODEL = OptionKey.text("--model", "cycle_gan", "MODEL",
            "Which model to use: " + String.join(", ", ModelRegistry.names()) + ".");
    /** {@code --direction}. */
    public static final OptionKey<Direction> DIRECTION = OptionKey.choice("--direction", Direction.class,
            Direction.A_TO_B, "DIR", "AtoB or BtoA.");
    /** {@code --serial_batches}. */
    public static final OptionKey<Boolean> SERIAL_BATCHES = OptionKey.flag("--serial_batches",
            "Take images in order to make batches; otherwise take them randomly.");
    /** {@code --num_threads}. */
    public static final OptionKey<Integer> NUM_THREADS = OptionKey.integer("--num_threads",
            DataOptions.DEFAULT_NUM_THREADS, "Threads for loading data.").resumable();
    /** {@code --batch_size}; a model may change the default ({@link ModelSpec#dataDefaults}). */
    public static final OptionKey<Integer> BATCH_SIZE = OptionKey.integer("--batch_size",
            DataDefaults.REFERENCE.batchSize(), "Input batch size.");
    /** {@code --load_size}. */
    public static final OptionKey<Integer> LOAD_SIZE = OptionKey.integer("--load_size",
            DataDefaults.REFERENCE.loadSize(), "Scale images to this size.").label("PX");
    /** {@code --crop_size}. */
    public static final OptionKey<Integer> CROP_SIZE = OptionKey.integer("--crop_size",
            DataDefaults.REFERENCE.cropSize(), "Then crop to this size.").label("PX");
    /** {@code --max_dataset_size}: unlimited ({@link Integer#MAX_VALUE}, printed as inf). */
    public static final OptionKey<Integer> MAX_DATASET_SIZE = OptionKey.integer("--max_dataset_size",
            Integer.MAX_VALUE, "Maximum number of samples allowed per dataset; fewer are loaded if the folder holds"
                    + " more.");
    /** {@code --preprocess}. */
    public static final OptionKey<Preprocess> PREPROCESS = OptionKey.choice("--preprocess", Preprocess.class,
            Preprocess.RESIZE_AND_CROP, "MODE", "Scaling and cropping at load time: resize_and_crop, crop,"
                    + " scale_width, scale_width_and_crop, none.");
    /** {@code --no_flip}. */
    public static final OptionKey<Boolean> NO_FLIP = OptionKey.flag("--no_flip",
            "Do not flip the images for data augmentation.");
    /** {@code --display_winsize}. */
    public static final OptionKey<Integer> DISPLAY_WINSIZE = OptionKey.integer("--display_winsize", 256,
            "Display width of images on the HTML pages.").label("PX").resumable();
    /** {@code --epoch}. */
    public static final OptionKey<String> EPOCH = OptionKey.text("--epoch", RunFolder.LATEST, "EPOCH",
            "Which epoch to load: latest, or an epoch number.").resumable();
    /** {@code --load_iter}. */
    public static final OptionKey<Integer> LOAD_ITER = OptionKey.integer("--load_iter", 0,
            "Which iteration to load; if above 0, load iter_<N> instead of --epoch.").resumable();
    /** {@code --verbose}. */
    public static final OptionKey<Boolean> VERBOSE = OptionKey.flag("--verbose",
            "Print stack traces and extra diagnostics.").resumable();
    /** {@code --suffix}. */
    public static final OptionKey<String> SUFFIX = OptionKey.text("--suffix", "", "FMT",
            "Customized suffix appended to --name, e.g. {model}_{netG}_size{load_size}.");
    /** {@code --print_freq}. */
    public static final OptionKey<Integer> PRINT_FREQ = OptionKey.integer("--print_freq", 100,
            "Samples between printing training results on the console.").resumable();
    /** {@code --display_freq}. */
    public static final OptionKey<Integer> DISPLAY_FREQ = OptionKey.integer("--display_freq", 400,
            "Samples between showing training results on the web page.").resumable();
    /** {@code --update_html_freq}. */
    public static final OptionKey<Integer> UPDATE_HTML_FREQ = OptionKey.integer("--update_html_freq", 1000,
            "Samples between saving training results to the web page.").resumable();
    /** {@code --no_html}. */
    public static final OptionKey<Boolean> NO_HTML = OptionKey.flag("--no_html",
            "Do not save intermediate results to <checkpoints_dir>/<name>/web/.").resumable();
    /** {@code --save_latest_freq}. */
    public static final OptionKey<Integer> SAVE_LATEST_FREQ = OptionKey.integer("--save_latest_freq", 5000,
            "Samples between saving the latest results.").resumable();
    /** {@code --save_epoch_freq}. */
    public static final OptionKey<Integer> SAVE_EPOCH_FREQ = OptionKey.integer("--save_epoch_freq", 5,
            "Epochs between saving checkpoints at the end of an epoch.").resumable();
    /** {@code --save_by_iter}. */
    public static final OptionKey<Boolean> SAVE_BY_ITER = OptionKey.flag("--save_by_iter",
            "Save the periodic checkpoints as iter_<N> instead of latest.").resumable();
    /** {@code --continue_train}. */
    public static final OptionKey<Boolean> CONTINUE_TRAIN = OptionKey.flag("--continue_train",
            "Continue training from the checkpoint --epoch (or iter_<--load_iter>): exactly, with the stored"
                    + " options, from a training state; from weights alone for a run of the Python code.")
            .resumable();
    /** {@code --epoch_count}. */
    public static final OptionKey<Integer> EPOCH_COUNT = OptionKey.integer("--epoch_count",
            ScheduleOptions.DEFAULTS.epochCount(), "The starting epoch count; the model is saved by <epoch_count>,"
                    + " <epoch_count>+<save_epoch_freq>, ...").resumable();
    /** {@code --phase}. */
    public static final OptionKey<String> PHASE = OptionKey.text("--phase", "train", "PHASE",
            "train, val, test, etc.");
    /** {@code --n_epochs}: a continued run may extend or shorten it, as the reference. */
    public static final OptionKey<Integer> N_EPOCHS = OptionKey.integer("--n_epochs",
            ScheduleOptions.DEFAULTS.nEpochs(), "Epochs with the initial learning rate.").resumable();
    /** {@code --n_epochs_decay}. */
    public static final OptionKey<Integer> N_EPOCHS_DECAY = OptionKey.integer("--n_epochs_decay",
            ScheduleOptions.DEFAULTS.nEpochsDecay(), "Epochs to linearly decay the learning rate to zero.")
            .resumable();
    /** {@code --lr_policy}. */
    public static final OptionKey<LrPolicy> LR_POLICY = OptionKey.choice("--lr_policy", LrPolicy.class,
            ScheduleOptions.DEFAULTS.policy(), "POLICY", "Learning rate policy: linear, step, plateau, cosine.");
    /** {@code --lr_decay_iters}. */
    public static final OptionKey<Integer> LR_DECAY_ITERS = OptionKey.integer("--lr_decay_iters",
            ScheduleOptions.DEFAULTS.lrDecayIters(), "Multiply by a gamma every N epochs with --lr_policy step.");
    /** {@code --max_iters}, 0 = no limit; ours. */
    public static final OptionKey<Long> MAX_ITERS = OptionKey.whole("--max_iters", 0L, "Stop once N samples (the"
            + " reference's total_iters) are trained, saving latest; resume with --continue_train. 0 = no limit.")
            .resumable();
    /** {@code --seed}; ours. */
    public static final OptionKey<Long> SEED = OptionKey.whole("--seed", 0L,
            "Seed for every random choice, for reproducible runs.");
    /** {@code --threads}, 0 = one per core; ours. */
    public static final OptionKey<Integer> THREADS = OptionKey.integer("--threads", 0,
            "Threads for tensor operations; 0 = one per core.").resumable();
    /** {@code --device}; ours. */
    public static final OptionKey<String> DEVICE = OptionKey.text("--device", "cpu", "DEV", "cpu, cuda or cuda:N.")
            .resumable();

    /** The reference's base options ({@code options/base_options.py}) that are not the models': train and test. */
    public static final List<OptionKey<?>> BASE_KEYS = List.of(DATAROOT, NAME, CHECKPOINTS_DIR, MODEL, DIRECTION,
            SERIAL_BATCHES, NUM_THREADS, BATCH_SIZE, LOAD_SIZE, CROP_SIZE, MAX_DATASET_SIZE, PREPROCESS, NO_FLIP,
            DISPLAY_WINSIZE, EPOCH, LOAD_ITER, VERBOSE, SUFFIX);

    /** The options of the training loop and the run: the reference's train options and ours. */
    public static final List<OptionKey<?>> LOOP_KEYS = List.of(PRINT_FREQ, DISPLAY_FREQ, UPDATE_HTML_FREQ, NO_HTML,
            SAVE_LATEST_FREQ, SAVE_EPOCH_FREQ, SAVE_BY_ITER, CONTINUE_TRAIN, EPOCH_COUNT, PHASE, N_EPOCHS,
            N_EPOCHS_DECAY, LR_POLICY, LR_DECAY_ITERS, MAX_ITERS, SEED, THREADS, DEVICE);

    /** Checks the loop's values; the model, data and schedule records check their own. */
    public TrainOptions {
        Objects.requireNonNull(modelOptions, "modelOptions");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(schedule, "schedule");
        if (name == null || name.isBlank() || name.contains("/") || name.contains("\\") || name.equals("..")) {
            throw new InvalidOptionException("--name '" + name + "' must be a folder name such as maps_pix2pix");
        }
        positive(PRINT_FREQ, printFreq);
        positive(DISPLAY_FREQ, displayFreq);
        positive(UPDATE_HTML_FREQ, updateHtmlFreq);
        positive(SAVE_LATEST_FREQ, saveLatestFreq);
        positive(SAVE_EPOCH_FREQ, saveEpochFreq);
        positive(DISPLAY_WINSIZE, displayWinsize);
        if (loadIter < 0) {
            throw new InvalidOptionException("--load_iter " + loadIter + " is negative; use 0 to load --epoch");
        }
        if (maxIters < 0) {
            throw new InvalidOptionException("--max_iters " + maxIters + " is negative; use 0 for no limit");
        }
        if (threads < 0) {
            throw new InvalidOptionException("--threads " + threads + " is negative; use 0 (one per core) or more");
        }
        if (epoch == null || !epoch.matches("[A-Za-z0-9_]+")) {
            throw new InvalidOptionException("--epoch '" + epoch + "' must be latest, an epoch number or iter_<n>");
        }
        if (schedule.nEpochs() + schedule.nEpochsDecay() < 1) {
            throw new InvalidOptionException("--n_epochs + --n_epochs_decay is 0, so there is nothing to train;"
                    + " give at least one epoch");
        }
        given = Collections.unmodifiableMap(new LinkedHashMap<>(given));
    }

    private static void positive(OptionKey<?> key, long value) {
        if (value < 1) {
            throw new InvalidOptionException(key + " " + value + " must be at least 1");
        }
    }

    /** @return {@code <checkpoints_dir>/<name>}, where checkpoints, logs and the web page go */
    public Path runDir() {
        return checkpointsDir.resolve(name);
    }

    /** @return the last epoch, {@code n_epochs + n_epochs_decay} */
    public int lastEpoch() {
        return schedule.nEpochs() + schedule.nEpochsDecay();
    }

    /** @return the checkpoint label to continue from: {@code iter_<load_iter>} if set, else {@code --epoch} */
    public String loadLabel() {
        return RunFolder.loadLabel(loadIter, epoch);
    }

    /**
     * @param key a declared option
     * @param <T> its type
     * @return its resolved value: given, else the model's default, else the declared one; null for an option
     *     without a default that was not given
     */
    public <T> T value(OptionKey<T> key) {
        return modelOptions.value(key);
    }

    /**
     * Every option this model takes ({@link TrainOptionCatalog#forModel}) with its effective value, by reference
     * name without dashes, sorted as the reference prints them ({@code sorted(vars(opt))}). Values are plain:
     * strings, numbers, booleans. Options without a default that were not given (paths such as
     * {@code --vgg_weights}) are left out rather than written as None: a stored null could not be read back.
     *
     * @return the effective options
     */
    public Map<String, Object> values() {
        Map<String, Object> v = new TreeMap<>();
        for (OptionKey<?> key : TrainOptionCatalog.forModel(model)) {
            Object value = modelOptions.values().get(key);
            if (value != null) {
                v.put(key.bareName(), OptionValues.plain(value));
            }
        }
        // values derived while resolving: the suffixed name, StarGAN's folder and labels, the layers in VGG order
        v.put(NAME.bareName(), name);
        v.put(DATAROOT.bareName(), data.dataroot().toString());
        PerceptualOptions p = modelOptions.perceptual();
        v.put(PerceptualOptions.PERCEPTUAL_LAYERS.bareName(), VggLayer.names(EnumSet.copyOf(p.perceptualLayers())));
        v.put(PerceptualOptions.STYLE_LAYERS.bareName(), VggLayer.names(EnumSet.copyOf(p.styleLayers())));
        if (model.equals(StarGanModel.NAME)) {
            v.put(StarGanOptionKeys.SELECTED_ATTRS.bareName(),
                    OptionValues.plain(modelOptions.stargan().selectedAttrs()));
        }
        v.put("isTrain", true);
        return Collections.unmodifiableMap(v);
    }

    /**
     * StarGAN's data: the folders and crop sizes given, the model's labels and image size, the training split
     * unless {@code --phase test}.
     *
     * @return the data options of a {@code --model stargan} run, or empty for the other models
     * @throws InvalidOptionException when a folder the chosen {@code --dataset} needs is not given
     */
    public Optional<StarGanDataOptions> starGanData() {
        if (!model.equals(StarGanModel.NAME)) {
            return Optional.empty();
        }
        return Optional.of(StarGanOptionKeys.dataOptions(given, modelOptions.stargan(),
                !data.phase().equals("test"), data.batchSize(), data.numThreads()));
    }

    /**
     * Opens the run's dataset: StarGAN's attribute file or domain folders, or the {@code --dataset_mode} folders.
     *
     * @return the dataset
     * @throws io.transmute.core.DataException when the data is missing, empty or does not fit the labels
     */
    public Dataset openDataset() {
        return starGanData().map(d -> StarGanOptionKeys.open(d, modelOptions.stargan()))
                .orElseGet(() -> Dataset.open(data));
    }

    /**
     * The reference's {@code print_options} text, written to {@code train_opt.txt}: every option as
     * {@code %25s: %-30s}, followed by {@code [default: x]} where the value is not the default for this model.
     *
     * @return the text, ending with a newline
     */
    public String describe() {
        Map<String, Object> defaults = new Builder().set(MODEL, model).set(DATAROOT, data.dataroot().toString())
                .buildUnchecked().values();
        StringBuilder sb = new StringBuilder("----------------- Options ---------------\n");
        values().forEach((k, value) -> {
            Object d = defaults.get(k);
            String comment = Objects.equals(d, value) ? "" : "\t[default: " + TrainOptionCatalog.show(k, d) + "]";
            sb.append(String.format("%25s: %-30s%s%n", k, TrainOptionCatalog.show(k, value), comment));
        });
        sb.append("----------------- End -------------------\n");
        return sb.toString();
    }

    /**
     * @return a builder holding the options given for this run, so a resume or a test can change some
     */
    public Builder toBuilder() {
        return Builder.fromGiven(given);
    }

    /**
     * Collects the options the user gave. Nothing is defaulted until {@link #build()}, so the model's defaults
     * apply only to options that were not given.
     */
    public static final class Builder {
        private static final Map<String, OptionKey<?>> KEYS = new LinkedHashMap<>();

        static {
            for (OptionKey<?> k : TrainOptionCatalog.all()) {
                KEYS.put(k.cliName(), k);
            }
        }

        // insertion order: the order the user gave them, which run.json and the checkpoint keep
        private final Map<OptionKey<?>, Object> given = new LinkedHashMap<>();

        /** An empty builder: every option at its default. */
        public Builder() {
        }

        /**
         * @param given plain values by reference name, as {@link TrainOptions#given()} holds them
         * @return a builder holding them
         * @throws InvalidOptionException for an unknown name or a value of the wrong type
         */
        public static Builder fromGiven(Map<String, ?> given) {
            Builder b = new Builder();
            given.forEach((name, value) -> b.setPlain(name, value));
            return b;
        }

        /**
         * Reads options stored by an earlier run, leaving out those its model does not take: runs written before
         * options had owners stored, e.g., {@code --lambda_L1} for a CycleGAN run, where it had no effect.
         *
         * @param stored plain values by reference name
         * @return a builder holding the ones the stored run's model takes
         * @throws InvalidOptionException for an unknown name or a value of the wrong type
         */
        public static Builder fromStored(Map<String, ?> stored) {
            Builder b = fromGiven(stored);
            String model = b.get(MODEL, MODEL.defaultValue());
            b.given.keySet().removeIf(k -> !TrainOptionCatalog.takes(model, k));
            return b;
        }

        /**
         * Records a value given as text or as a plain stored value, converted to the option's type.
         *
         * @param name a reference name such as {@code --ngf}
         * @param value a String, number, Boolean or list of words
         * @return this
         * @throws InvalidOptionException for an unknown name or a value that does not fit the option
         */
        public Builder setPlain(String name, Object value) {
            OptionKey<?> key = KEYS.get(name);
            if (key == null) {
                throw new InvalidOptionException("unknown option " + name);
            }
            setTyped(key, value);
            return this;
        }

        private <T> void setTyped(OptionKey<T> key, Object value) {
            set(key, OptionValues.typed(key, value));
        }

        /**
         * @param name a reference name such as {@code --ngf}
         * @return its key, or null if training has no such option
         */
        public static OptionKey<?> key(String name) {
            return KEYS.get(name);
        }

        /**
         * Records a value the user gave.
         *
         * @param key the option
         * @param value its value, not null
         * @param <T> its type
         * @return this
         */
        public <T> Builder set(OptionKey<T> key, T value) {
            if (!KEYS.containsKey(key.cliName())) {
                throw new IllegalArgumentException(key + " is not a training option");
            }
            given.put(key, Objects.requireNonNull(value, key.cliName()));
            return this;
        }

        /**
         * @param key an option
         * @param <T> its type
         * @return the given value, or null
         */
        public <T> T get(OptionKey<T> key) {
            return key.type().cast(given.get(key));
        }

        /**
         * @param key an option
         * @return a builder without it, as if it had not been given
         */
        public Builder remove(OptionKey<?> key) {
            given.remove(key);
            return this;
        }

        /** @return the given options, by key, in the order given */
        public Map<OptionKey<?>, Object> given() {
            return Collections.unmodifiableMap(given);
        }

        private <T> T get(OptionKey<T> key, T fallback) {
            T v = get(key);
            return v == null ? fallback : v;
        }

        /**
         * Resolves the options: model defaults where not given, then the declared defaults, then validation.
         *
         * @return the options
         * @throws InvalidOptionException for a missing {@code --dataroot}, an unknown model, an option the model
         *     does not take or any invalid value
         */
        public TrainOptions build() {
            String model = get(MODEL, MODEL.defaultValue());
            for (OptionKey<?> key : given.keySet()) {
                if (!TrainOptionCatalog.takes(model, key)) {
                    throw new InvalidOptionException(key + " is an option of --model "
                            + String.join(", ", TrainOptionCatalog.owners(key)) + "; --model " + model
                            + " does not take it, drop it");
                }
            }
            if (isStarGan()) {
                // StarGAN reads its own folders; building its data options checks that the needed ones are given
                TrainOptions o = buildUnchecked();
                o.starGanData();
                return o;
            }
            if (get(DATAROOT) == null) {
                throw new InvalidOptionException("--dataroot is required; give the folder that holds the images,"
                        + " e.g. --dataroot ./datasets/facades");
            }
            return buildUnchecked();
        }

        private boolean isStarGan() {
            return StarGanModel.NAME.equals(get(MODEL));
        }

        TrainOptions buildUnchecked() {
            String model = get(MODEL, MODEL.defaultValue());
            ModelSpec spec = ModelRegistry.get(model);
            if (!spec.trainable()) {
                throw new InvalidOptionException("--model " + model + " cannot be trained; use one of "
                        + ModelRegistry.all().stream().filter(ModelSpec::trainable).map(ModelSpec::name).toList());
            }
            // one map of every option: what was given, then the model's defaults, then the declared ones
            ModelOptions.Builder all = new ModelOptions.Builder();
            given.forEach((k, v) -> copy(all, k, v));
            if (isStarGan()) {
                all.set(ModelOptions.STARGAN, StarGanOptionKeys.modelOptions(this));
            }
            DataDefaults dd = spec.dataDefaults();
            all.setDefault(BATCH_SIZE, dd.batchSize()).setDefault(LOAD_SIZE, dd.loadSize())
                    .setDefault(CROP_SIZE, dd.cropSize());
            spec.adjustDefaults(all);
            for (OptionKey<?> key : TrainOptionCatalog.forModel(model)) {
                all.resolve(key);
            }
            ModelOptions mo = spec.resolve(all);
            String dataroot = mo.value(DATAROOT);
            if (dataroot == null && isStarGan()) {
                dataroot = StarGanOptionKeys.dataroot(this);
            }
            DataOptions data = new DataOptions(Path.of(dataroot == null ? "." : dataroot), mo.value(PHASE),
                    mo.datasetMode(), mo.value(DIRECTION), mo.inputNc(), mo.outputNc(), mo.value(LOAD_SIZE),
                    mo.value(CROP_SIZE), mo.value(PREPROCESS), mo.value(NO_FLIP), mo.value(SERIAL_BATCHES),
                    mo.value(MAX_DATASET_SIZE), mo.value(BATCH_SIZE), mo.value(NUM_THREADS));
            if (!isStarGan() && data.preprocess().crops()) {
                GeneratorType.requireSide(mo.netG(), data.cropSize(), "--crop_size");
            }
            ScheduleOptions schedule = new ScheduleOptions(mo.value(LR_POLICY), mo.lr(), mo.value(EPOCH_COUNT),
                    mo.value(N_EPOCHS), mo.value(N_EPOCHS_DECAY), mo.value(LR_DECAY_ITERS));
            Map<String, Object> plainGiven = new LinkedHashMap<>();
            given.forEach((k, v) -> plainGiven.put(k.cliName(), OptionValues.plain(v)));
            String suffix = mo.value(SUFFIX);
            TrainOptions partial = new TrainOptions(mo.value(NAME), Path.of(mo.value(CHECKPOINTS_DIR)), model, mo,
                    data, schedule, mo.value(PRINT_FREQ), mo.value(DISPLAY_FREQ), mo.value(UPDATE_HTML_FREQ),
                    mo.value(NO_HTML), mo.value(SAVE_LATEST_FREQ), mo.value(SAVE_EPOCH_FREQ), mo.value(SAVE_BY_ITER),
                    mo.value(CONTINUE_TRAIN), mo.value(EPOCH), mo.value(LOAD_ITER), mo.value(MAX_ITERS),
                    mo.value(DISPLAY_WINSIZE), mo.value(SEED), mo.value(THREADS), mo.value(DEVICE),
                    mo.value(VERBOSE), suffix, plainGiven);
            if (suffix.isEmpty()) {
                return partial;
            }
            // the reference: opt.name += '_' + opt.suffix.format(**vars(opt))
            String name = partial.name() + "_" + expand(suffix, partial.values());
            return new TrainOptions(name, partial.checkpointsDir(), model, mo, data, schedule, partial.printFreq(),
                    partial.displayFreq(), partial.updateHtmlFreq(), partial.noHtml(), partial.saveLatestFreq(),
                    partial.saveEpochFreq(), partial.saveByIter(), partial.continueTrain(), partial.epoch(),
                    partial.loadIter(), partial.maxIters(), partial.displayWinsize(), partial.seed(),
                    partial.threads(), partial.device(), partial.verbose(), suffix, plainGiven);
        }

        @SuppressWarnings("unchecked")
        private static <T> void copy(ModelOptions.Builder mb, OptionKey<T> key, Object value) {
            mb.set(key, (T) value);
        }

        private static String expand(String suffix, Map<String, Object> values) {
            Matcher m = Pattern.compile("\\{([A-Za-z_0-9]+)}").matcher(suffix);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                if (!values.containsKey(m.group(1))) {
                    throw new InvalidOptionException("--suffix '" + suffix + "' names {" + m.group(1)
                            + "}, which is not an option; use e.g. {model}_{netG}_size{load_size}");
                }
                m.appendReplacement(sb, Matcher.quoteReplacement(OptionValues.python(values.get(m.group(1)))));
            }
            m.appendTail(sb);
            return sb.toString();
        }
    }

    /**
     * The options to continue a stored run with: the stored given options, with the command line's values for
     * options declared {@linkplain OptionKey#resumeMayChange() resumable}. Any other option given now must equal the
     * stored effective value.
     *
     * @param stored the stored run's options
     * @param commandLine what was given now
     * @return the options to resume with
     * @throws InvalidOptionException naming the first option that would change the run
     */
    public static TrainOptions forResume(TrainOptions stored, Builder commandLine) {
        // where to resume from and where to stop are this command's business, not the stored run's
        Builder merged = stored.toBuilder().remove(MAX_ITERS).remove(EPOCH).remove(LOAD_ITER);
        Map<String, Object> storedValues = stored.values();
        List<String> conflicts = new ArrayList<>();
        commandLine.given().forEach((key, value) -> {
            if (key.resumeMayChange() || !TrainOptionCatalog.takes(stored.model(), key)) {
                // an option of another model is refused, with its owner, when the merged options are built
                setRaw(merged, key, value);
            } else {
                Object before = storedValues.get(key.bareName());
                if (!Objects.equals(before, OptionValues.plain(value))) {
                    conflicts.add(key + " " + OptionValues.python(OptionValues.plain(value)) + " (the run has "
                            + OptionValues.python(before) + ")");
                }
            }
        });
        if (!conflicts.isEmpty()) {
            throw new InvalidOptionException("--continue_train keeps the stored options, but " + conflicts.get(0)
                    + (conflicts.size() > 1 ? " and " + (conflicts.size() - 1) + " more differ" : " differs")
                    + "; drop it, or start a new run with another --name");
        }
        merged.set(CONTINUE_TRAIN, true);
        return merged.build();
    }

    @SuppressWarnings("unchecked")
    private static <T> void setRaw(Builder b, OptionKey<T> key, Object value) {
        b.set(key, (T) value);
    }
}
