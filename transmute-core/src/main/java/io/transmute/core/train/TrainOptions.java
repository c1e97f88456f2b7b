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
import io.transmute.core.model.OptionKey;
import io.transmute.core.model.PerceptualOptions;
import io.transmute.core.model.StarGanModel;
import io.transmute.core.model.StarGanOptions;
import io.transmute.core.nn.VggLayer;
import io.transmute.core.optim.LrPolicy;
import io.transmute.core.optim.ScheduleOptions;
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

    /** {@code --dataroot}, required. */
    public static final OptionKey<String> DATAROOT = new OptionKey<>("--dataroot", String.class);
    /** {@code --name}, default {@code experiment_name}. */
    public static final OptionKey<String> NAME = new OptionKey<>("--name", String.class);
    /** {@code --checkpoints_dir}, default {@code ./checkpoints}. */
    public static final OptionKey<String> CHECKPOINTS_DIR = new OptionKey<>("--checkpoints_dir", String.class);
    /** {@code --model}, default {@code cycle_gan}. */
    public static final OptionKey<String> MODEL = new OptionKey<>("--model", String.class);
    /** {@code --direction}, default AtoB. */
    public static final OptionKey<Direction> DIRECTION = new OptionKey<>("--direction", Direction.class);
    /** {@code --serial_batches}, default false. */
    public static final OptionKey<Boolean> SERIAL_BATCHES = new OptionKey<>("--serial_batches", Boolean.class);
    /** {@code --num_threads}, default 4. */
    public static final OptionKey<Integer> NUM_THREADS = new OptionKey<>("--num_threads", Integer.class);
    /** {@code --batch_size}, default 1. */
    public static final OptionKey<Integer> BATCH_SIZE = new OptionKey<>("--batch_size", Integer.class);
    /** {@code --load_size}, default 286. */
    public static final OptionKey<Integer> LOAD_SIZE = new OptionKey<>("--load_size", Integer.class);
    /** {@code --crop_size}, default 256. */
    public static final OptionKey<Integer> CROP_SIZE = new OptionKey<>("--crop_size", Integer.class);
    /** {@code --max_dataset_size}, default unlimited ({@link Integer#MAX_VALUE}, printed as inf). */
    public static final OptionKey<Integer> MAX_DATASET_SIZE = new OptionKey<>("--max_dataset_size", Integer.class);
    /** {@code --preprocess}, default resize_and_crop. */
    public static final OptionKey<Preprocess> PREPROCESS = new OptionKey<>("--preprocess", Preprocess.class);
    /** {@code --no_flip}, default false. */
    public static final OptionKey<Boolean> NO_FLIP = new OptionKey<>("--no_flip", Boolean.class);
    /** {@code --display_winsize}, default 256. */
    public static final OptionKey<Integer> DISPLAY_WINSIZE = new OptionKey<>("--display_winsize", Integer.class);
    /** {@code --epoch}, default latest. */
    public static final OptionKey<String> EPOCH = new OptionKey<>("--epoch", String.class);
    /** {@code --load_iter}, default 0. */
    public static final OptionKey<Integer> LOAD_ITER = new OptionKey<>("--load_iter", Integer.class);
    /** {@code --verbose}, default false. */
    public static final OptionKey<Boolean> VERBOSE = new OptionKey<>("--verbose", Boolean.class);
    /** {@code --suffix}, default empty. */
    public static final OptionKey<String> SUFFIX = new OptionKey<>("--suffix", String.class);
    /** {@code --print_freq}, default 100. */
    public static final OptionKey<Integer> PRINT_FREQ = new OptionKey<>("--print_freq", Integer.class);
    /** {@code --display_freq}, default 400. */
    public static final OptionKey<Integer> DISPLAY_FREQ = new OptionKey<>("--display_freq", Integer.class);
    /** {@code --update_html_freq}, default 1000. */
    public static final OptionKey<Integer> UPDATE_HTML_FREQ = new OptionKey<>("--update_html_freq", Integer.class);
    /** {@code --no_html}, default false. */
    public static final OptionKey<Boolean> NO_HTML = new OptionKey<>("--no_html", Boolean.class);
    /** {@code --save_latest_freq}, default 5000. */
    public static final OptionKey<Integer> SAVE_LATEST_FREQ = new OptionKey<>("--save_latest_freq", Integer.class);
    /** {@code --save_epoch_freq}, default 5. */
    public static final OptionKey<Integer> SAVE_EPOCH_FREQ = new OptionKey<>("--save_epoch_freq", Integer.class);
    /** {@code --save_by_iter}, default false. */
    public static final OptionKey<Boolean> SAVE_BY_ITER = new OptionKey<>("--save_by_iter", Boolean.class);
    /** {@code --continue_train}, default false. */
    public static final OptionKey<Boolean> CONTINUE_TRAIN = new OptionKey<>("--continue_train", Boolean.class);
    /** {@code --epoch_count}, default 1. */
    public static final OptionKey<Integer> EPOCH_COUNT = new OptionKey<>("--epoch_count", Integer.class);
    /** {@code --phase}, default train. */
    public static final OptionKey<String> PHASE = new OptionKey<>("--phase", String.class);
    /** {@code --n_epochs}, default 100. */
    public static final OptionKey<Integer> N_EPOCHS = new OptionKey<>("--n_epochs", Integer.class);
    /** {@code --n_epochs_decay}, default 100. */
    public static final OptionKey<Integer> N_EPOCHS_DECAY = new OptionKey<>("--n_epochs_decay", Integer.class);
    /** {@code --lr_policy}, default linear. */
    public static final OptionKey<LrPolicy> LR_POLICY = new OptionKey<>("--lr_policy", LrPolicy.class);
    /** {@code --lr_decay_iters}, default 50. */
    public static final OptionKey<Integer> LR_DECAY_ITERS = new OptionKey<>("--lr_decay_iters", Integer.class);
    /** {@code --max_iters}, default 0 (no limit); ours. */
    public static final OptionKey<Long> MAX_ITERS = new OptionKey<>("--max_iters", Long.class);
    /** {@code --seed}, default 0; ours. */
    public static final OptionKey<Long> SEED = new OptionKey<>("--seed", Long.class);
    /** {@code --threads}, default 0 (one per core); ours. */
    public static final OptionKey<Integer> THREADS = new OptionKey<>("--threads", Integer.class);
    /** {@code --device}, default cpu; ours. */
    public static final OptionKey<String> DEVICE = new OptionKey<>("--device", String.class);

    /** The model options a training command takes, routed to the model's own builder. */
    public static final List<OptionKey<?>> MODEL_KEYS = List.of(ModelOptions.INPUT_NC, ModelOptions.OUTPUT_NC,
            ModelOptions.NGF, ModelOptions.NDF, ModelOptions.NET_G, ModelOptions.NET_D, ModelOptions.N_LAYERS_D,
            ModelOptions.NORM, ModelOptions.INIT_TYPE, ModelOptions.INIT_GAIN, ModelOptions.NO_DROPOUT,
            ModelOptions.UPSAMPLE, ModelOptions.GAN_MODE, ModelOptions.LR, ModelOptions.BETA1, ModelOptions.POOL_SIZE,
            ModelOptions.LAMBDA_L1, ModelOptions.LAMBDA_A, ModelOptions.LAMBDA_B, ModelOptions.LAMBDA_IDENTITY,
            ModelOptions.DATASET_MODE, PerceptualOptions.LAMBDA_PERCEPTUAL, PerceptualOptions.PERCEPTUAL_LAYERS,
            PerceptualOptions.VGG_WEIGHTS, PerceptualOptions.STYLE_IMAGE, PerceptualOptions.CONTENT_WEIGHT,
            PerceptualOptions.STYLE_WEIGHT, PerceptualOptions.TV_WEIGHT, PerceptualOptions.STYLE_LAYERS);

    /** The options of the training loop, the data and the run, besides {@link #MODEL_KEYS}. */
    public static final List<OptionKey<?>> RUN_KEYS = List.of(DATAROOT, NAME, CHECKPOINTS_DIR, MODEL, DIRECTION,
            SERIAL_BATCHES, NUM_THREADS, BATCH_SIZE, LOAD_SIZE, CROP_SIZE, MAX_DATASET_SIZE, PREPROCESS, NO_FLIP,
            DISPLAY_WINSIZE, EPOCH, LOAD_ITER, VERBOSE, SUFFIX, PRINT_FREQ, DISPLAY_FREQ, UPDATE_HTML_FREQ, NO_HTML,
            SAVE_LATEST_FREQ, SAVE_EPOCH_FREQ, SAVE_BY_ITER, CONTINUE_TRAIN, EPOCH_COUNT, PHASE, N_EPOCHS,
            N_EPOCHS_DECAY, LR_POLICY, LR_DECAY_ITERS, MAX_ITERS, SEED, THREADS, DEVICE);

    /**
     * Options that may differ from the stored ones when continuing a run: they change reporting, saving, the
     * stopping point or where the work runs, never the networks, the data each step sees or the optimisation.
     * {@code --n_epochs} and {@code --n_epochs_decay} extend or shorten the run (the reference allows it too);
     * every other option given with {@code --continue_train} must equal the stored value.
     */
    public static final List<OptionKey<?>> RESUME_OVERRIDABLE = List.of(DATAROOT, NUM_THREADS, DISPLAY_WINSIZE,
            EPOCH, LOAD_ITER, VERBOSE, PRINT_FREQ, DISPLAY_FREQ, UPDATE_HTML_FREQ, NO_HTML, SAVE_LATEST_FREQ,
            SAVE_EPOCH_FREQ, SAVE_BY_ITER, CONTINUE_TRAIN, EPOCH_COUNT, N_EPOCHS, N_EPOCHS_DECAY, MAX_ITERS, THREADS,
            DEVICE);

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
     * Every option with its effective value, by reference name without dashes, sorted as the reference prints
     * them ({@code sorted(vars(opt))}). Values are plain: strings, numbers, booleans.
     *
     * @return the effective options
     */
    public Map<String, Object> values() {
        Map<String, Object> v = new TreeMap<>();
        ModelOptions m = modelOptions;
        put(v, DATAROOT, data.dataroot().toString());
        put(v, NAME, name);
        put(v, CHECKPOINTS_DIR, checkpointsDir.toString());
        put(v, MODEL, model);
        put(v, ModelOptions.INPUT_NC, m.inputNc());
        put(v, ModelOptions.OUTPUT_NC, m.outputNc());
        put(v, ModelOptions.NGF, m.ngf());
        put(v, ModelOptions.NDF, m.ndf());
        put(v, ModelOptions.NET_G, m.netG());
        put(v, ModelOptions.NET_D, m.netD());
        put(v, ModelOptions.N_LAYERS_D, m.nLayersD());
        put(v, ModelOptions.NORM, m.norm());
        put(v, ModelOptions.INIT_TYPE, m.initType());
        put(v, ModelOptions.INIT_GAIN, m.initGain());
        put(v, ModelOptions.NO_DROPOUT, m.noDropout());
        put(v, ModelOptions.UPSAMPLE, m.upsample());
        put(v, ModelOptions.GAN_MODE, m.ganMode());
        put(v, ModelOptions.LR, m.lr());
        put(v, ModelOptions.BETA1, m.beta1());
        put(v, ModelOptions.POOL_SIZE, m.poolSize());
        put(v, ModelOptions.LAMBDA_L1, m.lambdaL1());
        put(v, ModelOptions.LAMBDA_A, m.lambdaA());
        put(v, ModelOptions.LAMBDA_B, m.lambdaB());
        put(v, ModelOptions.LAMBDA_IDENTITY, m.lambdaIdentity());
        put(v, ModelOptions.DATASET_MODE, m.datasetMode());
        PerceptualOptions p = m.perceptual();
        put(v, PerceptualOptions.LAMBDA_PERCEPTUAL, p.lambdaPerceptual());
        put(v, PerceptualOptions.PERCEPTUAL_LAYERS, VggLayer.names(EnumSet.copyOf(p.perceptualLayers())));
        put(v, PerceptualOptions.STYLE_LAYERS, VggLayer.names(EnumSet.copyOf(p.styleLayers())));
        put(v, PerceptualOptions.CONTENT_WEIGHT, p.contentWeight());
        put(v, PerceptualOptions.STYLE_WEIGHT, p.styleWeight());
        put(v, PerceptualOptions.TV_WEIGHT, p.tvWeight());
        // paths without a default are left out rather than written as None: a stored null could not be read back
        if (p.vggWeights() != null) {
            put(v, PerceptualOptions.VGG_WEIGHTS, p.vggWeights());
        }
        if (p.styleImage() != null) {
            put(v, PerceptualOptions.STYLE_IMAGE, p.styleImage());
        }
        put(v, DIRECTION, data.direction());
        put(v, SERIAL_BATCHES, data.serialBatches());
        put(v, NUM_THREADS, data.numThreads());
        put(v, BATCH_SIZE, data.batchSize());
        put(v, LOAD_SIZE, data.loadSize());
        put(v, CROP_SIZE, data.cropSize());
        put(v, MAX_DATASET_SIZE, data.maxDatasetSize());
        put(v, PREPROCESS, data.preprocess());
        put(v, NO_FLIP, data.noFlip());
        put(v, DISPLAY_WINSIZE, displayWinsize);
        put(v, EPOCH, epoch);
        put(v, LOAD_ITER, loadIter);
        put(v, VERBOSE, verbose);
        put(v, SUFFIX, suffix);
        put(v, PRINT_FREQ, printFreq);
        put(v, DISPLAY_FREQ, displayFreq);
        put(v, UPDATE_HTML_FREQ, updateHtmlFreq);
        put(v, NO_HTML, noHtml);
        put(v, SAVE_LATEST_FREQ, saveLatestFreq);
        put(v, SAVE_EPOCH_FREQ, saveEpochFreq);
        put(v, SAVE_BY_ITER, saveByIter);
        put(v, CONTINUE_TRAIN, continueTrain);
        put(v, EPOCH_COUNT, schedule.epochCount());
        put(v, PHASE, data.phase());
        put(v, N_EPOCHS, schedule.nEpochs());
        put(v, N_EPOCHS_DECAY, schedule.nEpochsDecay());
        put(v, LR_POLICY, schedule.policy());
        put(v, LR_DECAY_ITERS, schedule.lrDecayIters());
        put(v, MAX_ITERS, maxIters);
        put(v, SEED, seed);
        put(v, THREADS, threads);
        put(v, DEVICE, device);
        v.put("isTrain", true);
        if (model.equals(StarGanModel.NAME)) {
            putStarGan(v);
        }
        return Collections.unmodifiableMap(v);
    }

    private void putStarGan(Map<String, Object> v) {
        StarGanOptions s = modelOptions.stargan();
        Builder b = Builder.fromGiven(given);
        put(v, StarGanOptionKeys.DATASET, s.dataset());
        put(v, StarGanOptionKeys.C_DIM, s.cDim());
        put(v, StarGanOptionKeys.C2_DIM, s.c2Dim());
        put(v, StarGanOptionKeys.SELECTED_ATTRS, s.selectedAttrs());
        put(v, StarGanOptionKeys.CELEBA_CROP_SIZE, Optional.ofNullable(b.get(StarGanOptionKeys.CELEBA_CROP_SIZE))
                .orElse(178));
        put(v, StarGanOptionKeys.RAFD_CROP_SIZE, Optional.ofNullable(b.get(StarGanOptionKeys.RAFD_CROP_SIZE))
                .orElse(256));
        put(v, StarGanOptionKeys.IMAGE_SIZE, s.imageSize());
        put(v, StarGanOptionKeys.G_CONV_DIM, s.gConvDim());
        put(v, StarGanOptionKeys.D_CONV_DIM, s.dConvDim());
        put(v, StarGanOptionKeys.G_REPEAT_NUM, s.gRepeatNum());
        put(v, StarGanOptionKeys.D_REPEAT_NUM, s.dRepeatNum());
        put(v, StarGanOptionKeys.LAMBDA_CLS, s.lambdaCls());
        put(v, StarGanOptionKeys.LAMBDA_REC, s.lambdaRec());
        put(v, StarGanOptionKeys.LAMBDA_GP, s.lambdaGp());
        put(v, StarGanOptionKeys.NUM_ITERS, s.numIters());
        put(v, StarGanOptionKeys.NUM_ITERS_DECAY, s.numItersDecay());
        put(v, StarGanOptionKeys.G_LR, s.gLr());
        put(v, StarGanOptionKeys.D_LR, s.dLr());
        put(v, StarGanOptionKeys.N_CRITIC, s.nCritic());
        put(v, StarGanOptionKeys.BETA2, s.beta2());
        put(v, StarGanOptionKeys.RESUME_ITERS, s.resumeIters());
        put(v, StarGanOptionKeys.TEST_ITERS, s.testIters());
        put(v, StarGanOptionKeys.LOG_STEP, s.logStep());
        put(v, StarGanOptionKeys.SAMPLE_STEP, s.sampleStep());
        put(v, StarGanOptionKeys.MODEL_SAVE_STEP, s.modelSaveStep());
        put(v, StarGanOptionKeys.LR_UPDATE_STEP, s.lrUpdateStep());
        for (OptionKey<String> dir : List.of(StarGanOptionKeys.CELEBA_IMAGE_DIR, StarGanOptionKeys.ATTR_PATH,
                StarGanOptionKeys.RAFD_IMAGE_DIR)) {
            if (b.get(dir) != null) {
                put(v, dir, b.get(dir));
            }
        }
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

    private static void put(Map<String, Object> v, OptionKey<?> key, Object value) {
        v.put(key.cliName().substring(2), OptionValues.plain(value));
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
            String comment = Objects.equals(d, value) ? "" : "\t[default: " + show(k, d) + "]";
            sb.append(String.format("%25s: %-30s%s%n", k, show(k, value), comment));
        });
        sb.append("----------------- End -------------------\n");
        return sb.toString();
    }

    private static String show(String key, Object value) {
        if (value == null) {
            return "None";  // an option without a default, such as --vgg_weights, as Python prints it
        }
        if (key.equals("max_dataset_size") && Integer.valueOf(Integer.MAX_VALUE).equals(value)) {
            return "inf";
        }
        return OptionValues.python(value);
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
            for (OptionKey<?> k : MODEL_KEYS) {
                KEYS.put(k.cliName(), k);
            }
            for (OptionKey<?> k : RUN_KEYS) {
                KEYS.put(k.cliName(), k);
            }
            for (OptionKey<?> k : StarGanOptionKeys.KEYS) {
                KEYS.put(k.cliName(), k);
            }
            for (OptionKey<?> k : EvalOptionKeys.KEYS) {
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

        private <T> void setPlain(String name, Object value) {
            @SuppressWarnings("unchecked")
            OptionKey<T> key = (OptionKey<T>) KEYS.get(name);
            if (key == null) {
                throw new InvalidOptionException("unknown option " + name);
            }
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
         * Resolves the options: model defaults where not given, then base defaults, then validation.
         *
         * @return the options
         * @throws InvalidOptionException for a missing {@code --dataroot}, an unknown model or any invalid value
         */
        public TrainOptions build() {
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
            String model = get(MODEL, "cycle_gan");
            ModelSpec spec = ModelRegistry.get(model);
            if (!spec.trainable()) {
                throw new InvalidOptionException("--model " + model + " cannot be trained; use one of "
                        + ModelRegistry.all().stream().filter(ModelSpec::trainable).map(ModelSpec::name).toList());
            }
            ModelOptions.Builder mb = new ModelOptions.Builder();
            given.forEach((k, v) -> {
                if (MODEL_KEYS.contains(k)) {
                    copy(mb, k, v);
                }
            });
            if (isStarGan()) {
                mb.set(ModelOptions.STARGAN, StarGanOptionKeys.modelOptions(this));
            }
            ModelOptions mo = spec.resolve(mb);
            DataDefaults dd = spec.dataDefaults();
            String dataroot = get(DATAROOT);
            if (dataroot == null && isStarGan()) {
                dataroot = StarGanOptionKeys.dataroot(this);
            }
            DataOptions data = new DataOptions(Path.of(dataroot == null ? "." : dataroot), get(PHASE, "train"),
                    mo.datasetMode(),
                    get(DIRECTION, Direction.A_TO_B), mo.inputNc(), mo.outputNc(),
                    get(LOAD_SIZE, dd.loadSize()), get(CROP_SIZE, dd.cropSize()),
                    get(PREPROCESS, Preprocess.RESIZE_AND_CROP), get(NO_FLIP, false), get(SERIAL_BATCHES, false),
                    get(MAX_DATASET_SIZE, Integer.MAX_VALUE), get(BATCH_SIZE, dd.batchSize()),
                    get(NUM_THREADS, DataOptions.DEFAULT_NUM_THREADS));
            ScheduleOptions schedule = new ScheduleOptions(get(LR_POLICY, LrPolicy.LINEAR), mo.lr(),
                    get(EPOCH_COUNT, 1), get(N_EPOCHS, 100), get(N_EPOCHS_DECAY, 100), get(LR_DECAY_ITERS, 50));
            Map<String, Object> plainGiven = new LinkedHashMap<>();
            given.forEach((k, v) -> plainGiven.put(k.cliName(), OptionValues.plain(v)));
            String suffix = get(SUFFIX, "");
            TrainOptions partial = new TrainOptions(get(NAME, RunFolder.DEFAULT_NAME),
                    Path.of(get(CHECKPOINTS_DIR, RunFolder.DEFAULT_CHECKPOINTS_DIR)), model, mo, data, schedule,
                    get(PRINT_FREQ, 100), get(DISPLAY_FREQ, 400), get(UPDATE_HTML_FREQ, 1000), get(NO_HTML, false),
                    get(SAVE_LATEST_FREQ, 5000), get(SAVE_EPOCH_FREQ, 5), get(SAVE_BY_ITER, false),
                    get(CONTINUE_TRAIN, false), get(EPOCH, RunFolder.LATEST), get(LOAD_ITER, 0), get(MAX_ITERS, 0L),
                    get(DISPLAY_WINSIZE, 256), get(SEED, 0L), get(THREADS, 0), get(DEVICE, "cpu"),
                    get(VERBOSE, false), suffix, plainGiven);
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
     * {@link #RESUME_OVERRIDABLE} options. Any other option given now must equal the stored effective value.
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
            if (RESUME_OVERRIDABLE.contains(key) || StarGanOptionKeys.RESUME_OVERRIDABLE.contains(key)
                    || EvalOptionKeys.KEYS.contains(key)) {
                setRaw(merged, key, value);
            } else {
                Object before = storedValues.get(key.cliName().substring(2));
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
