package io.transmute.core.model;

import io.transmute.core.InvalidOptionException;
import io.transmute.core.data.DatasetMode;
import io.transmute.core.loss.GanMode;
import io.transmute.core.nn.DiscriminatorType;
import io.transmute.core.nn.GeneratorType;
import io.transmute.core.nn.InitType;
import io.transmute.core.nn.NormType;
import io.transmute.core.nn.UpsampleType;
import io.transmute.core.option.OptionKey;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The resolved options every {@link TranslationModel} is built from: the reference's base and train options that
 * concern networks, losses and optimisation, with every default applied. An instance is always valid; the
 * compact constructor rejects bad values with one line naming the option. A model's own options (such as
 * pix2pix's {@code --lambda_L1}) are declared beside the model, listed by its {@link ModelSpec#options()}, and
 * read into the model's own record ({@link Pix2PixOptions#from}) from {@link #value}.
 *
 * <p>Options arrive through a {@link Builder}: the command line sets what the user gave, the chosen model's
 * {@link ModelSpec#adjustDefaults} fills its own defaults where nothing was given (the reference's
 * {@code modify_commandline_options}), and {@link Builder#build()} applies the declared base defaults.
 *
 * @param inputNc {@code --input_nc}
 * @param outputNc {@code --output_nc}
 * @param ngf {@code --ngf}
 * @param ndf {@code --ndf}
 * @param netG {@code --netG}, e.g. {@code unet_256}, {@code resnet_9blocks}, {@code unet_32}
 * @param netD {@code --netD}
 * @param nLayersD {@code --n_layers_D}
 * @param norm {@code --norm}
 * @param initType {@code --init_type}
 * @param initGain {@code --init_gain}
 * @param noDropout {@code --no_dropout}
 * @param upsample {@code --upsample} (ResNet generators only)
 * @param ganMode {@code --gan_mode}
 * @param lr {@code --lr}
 * @param beta1 {@code --beta1}
 * @param poolSize {@code --pool_size}
 * @param datasetMode {@code --dataset_mode}
 * @param modelSuffix {@code --model_suffix} (test)
 * @param isTrain whether the model is built for training (discriminators, optimizers) or only to translate
 * @param stargan StarGAN's own options ({@code --model stargan})
 * @param perceptual the VGG-16 feature losses: {@code G_perceptual} and {@code style_transfer}'s losses
 * @param values every option's value once resolved, by key, including the models' own options
 * @param given the options the user set explicitly, by reference name, in the order given
 */
public record ModelOptions(int inputNc, int outputNc, int ngf, int ndf, String netG, DiscriminatorType netD,
        int nLayersD, NormType norm, InitType initType, double initGain, boolean noDropout, UpsampleType upsample,
        GanMode ganMode, double lr, double beta1, int poolSize, DatasetMode datasetMode, String modelSuffix,
        boolean isTrain, StarGanOptions stargan, PerceptualOptions perceptual, Map<OptionKey<?>, Object> values,
        Set<String> given) {

    /** {@code --input_nc}. */
    public static final OptionKey<Integer> INPUT_NC = OptionKey.integer("--input_nc", 3,
            "Input image channels: 3 for RGB, 1 for grayscale.");
    /** {@code --output_nc}. */
    public static final OptionKey<Integer> OUTPUT_NC = OptionKey.integer("--output_nc", 3,
            "Output image channels: 3 for RGB, 1 for grayscale.");
    /** {@code --ngf}. */
    public static final OptionKey<Integer> NGF = OptionKey.integer("--ngf", 64,
            "Generator filters in the last conv layer.");
    /** {@code --ndf}. */
    public static final OptionKey<Integer> NDF = OptionKey.integer("--ndf", 64,
            "Discriminator filters in the first conv layer.");
    /** {@code --netG}. */
    public static final OptionKey<String> NET_G = OptionKey.text("--netG", "resnet_9blocks", "ARCH",
            "Generator: resnet_9blocks, resnet_6blocks, unet_256, unet_128, encoder_decoder (the U-Net without"
                    + " skips), or any resnet_<n>blocks / unet_<2^n> / encoder_decoder_<2^n>.");
    /** {@code --netD}. */
    public static final OptionKey<DiscriminatorType> NET_D = OptionKey.choice("--netD", DiscriminatorType.class,
            DiscriminatorType.BASIC, "ARCH", "Discriminator: basic (70x70 PatchGAN), n_layers, pixel.");
    /** {@code --n_layers_D}. */
    public static final OptionKey<Integer> N_LAYERS_D = OptionKey.integer("--n_layers_D", 3,
            "Layers of the n_layers discriminator.");
    /** {@code --norm}. */
    public static final OptionKey<NormType> NORM = OptionKey.choice("--norm", NormType.class, NormType.INSTANCE,
            "NORM", "Normalization: instance, batch, none.");
    /** {@code --init_type}. */
    public static final OptionKey<InitType> INIT_TYPE = OptionKey.choice("--init_type", InitType.class,
            InitType.NORMAL, "TYPE", "Weight initialization: normal, xavier, kaiming, orthogonal.");
    /** {@code --init_gain}. */
    public static final OptionKey<Double> INIT_GAIN = OptionKey.real("--init_gain", 0.02,
            "Scaling factor for normal, xavier and orthogonal.");
    /** {@code --no_dropout}. */
    public static final OptionKey<Boolean> NO_DROPOUT = OptionKey.flag("--no_dropout",
            "No dropout for the generator.");
    /** {@code --upsample}. */
    public static final OptionKey<UpsampleType> UPSAMPLE = OptionKey.choice("--upsample", UpsampleType.class,
            UpsampleType.DECONV, "MODE",
            "ResNet generator upsampling: deconv, or resize_conv against checkerboard artifacts.");
    /** {@code --gan_mode}. */
    public static final OptionKey<GanMode> GAN_MODE = OptionKey.choice("--gan_mode", GanMode.class, GanMode.LSGAN,
            "MODE", "The GAN objective: vanilla, lsgan, wgangp.");
    /** {@code --lr}. */
    public static final OptionKey<Double> LR = OptionKey.real("--lr", 0.0002, "Initial learning rate for Adam.");
    /** {@code --beta1}. */
    public static final OptionKey<Double> BETA1 = OptionKey.real("--beta1", 0.5, "Momentum term of Adam.");
    /** {@code --pool_size}. */
    public static final OptionKey<Integer> POOL_SIZE = OptionKey.integer("--pool_size", 50,
            "Size of the buffer of previously generated images.");
    /** {@code --dataset_mode}. */
    public static final OptionKey<DatasetMode> DATASET_MODE = OptionKey.choice("--dataset_mode", DatasetMode.class,
            DatasetMode.UNALIGNED, "MODE", "How datasets are loaded: unaligned, aligned, single, colorization.");
    /** {@code --model_suffix}: set by {@code test}; default empty. */
    public static final OptionKey<String> MODEL_SUFFIX = new OptionKey<>("--model_suffix", String.class, "", "", "",
            false);
    /** {@code --isTrain}: set by the command, not the user; default true. */
    public static final OptionKey<Boolean> IS_TRAIN = new OptionKey<>("--isTrain", Boolean.class, true, "", "",
            false);

    /** StarGAN's options as one typed group, set by the command from its StarGAN flags; default the reference's. */
    public static final OptionKey<StarGanOptions> STARGAN = new OptionKey<>("--stargan_options", StarGanOptions.class,
            StarGanOptions.DEFAULTS, "", "", false);

    /** The options users give that every model takes: networks, losses and optimisation, in help order. */
    public static final List<OptionKey<?>> KEYS = List.of(INPUT_NC, OUTPUT_NC, NGF, NDF, NET_G, NET_D, N_LAYERS_D,
            NORM, INIT_TYPE, INIT_GAIN, NO_DROPOUT, UPSAMPLE, GAN_MODE, LR, BETA1, POOL_SIZE, DATASET_MODE);

    /** Validates every value. */
    public ModelOptions {
        atLeast(INPUT_NC, inputNc, 1);
        atLeast(OUTPUT_NC, outputNc, 1);
        atLeast(NGF, ngf, 1);
        atLeast(NDF, ndf, 1);
        atLeast(N_LAYERS_D, nLayersD, 1);
        atLeast(POOL_SIZE, poolSize, 0);
        GeneratorType.depthOf(netG);
        if (GeneratorType.parse(netG) == GeneratorType.STARGAN) {
            throw new InvalidOptionException("--netG stargan belongs to --model stargan; use resnet_9blocks, "
                    + "resnet_6blocks, unet_256 or unet_128");
        }
        Objects.requireNonNull(netD, "netD");
        Objects.requireNonNull(norm, "norm");
        Objects.requireNonNull(initType, "initType");
        Objects.requireNonNull(upsample, "upsample");
        Objects.requireNonNull(ganMode, "ganMode");
        Objects.requireNonNull(datasetMode, "datasetMode");
        Objects.requireNonNull(modelSuffix, "modelSuffix");
        Objects.requireNonNull(stargan, "stargan");
        Objects.requireNonNull(perceptual, "perceptual");
        if (!(initGain > 0) || Double.isInfinite(initGain)) {
            throw new InvalidOptionException("--init_gain must be a positive number, got " + initGain);
        }
        nonNegative(LR, lr);
        if (!(beta1 >= 0 && beta1 < 1)) {
            throw new InvalidOptionException("--beta1 must lie in [0, 1), got " + beta1);
        }
        if (!modelSuffix.matches("[A-Za-z0-9_]*")) {
            throw new InvalidOptionException("--model_suffix '" + modelSuffix + "' must be letters, digits or _,"
                    + " as it becomes part of a file name");
        }
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        given = Collections.unmodifiableSet(new LinkedHashSet<>(given));
    }

    /**
     * @param key an option, normally one of the model's own
     * @param <T> its type
     * @return its resolved value, or its declared default when it was neither given nor defaulted
     */
    public <T> T value(OptionKey<T> key) {
        Object v = values.get(key);
        return key.type().cast(v == null ? key.defaultValue() : v);
    }

    private static void atLeast(OptionKey<?> key, int value, int min) {
        if (value < min) {
            throw new InvalidOptionException(key + " must be at least " + min + ", got " + value);
        }
    }

    /**
     * @param key an option
     * @param value its value
     * @throws InvalidOptionException when the value is negative, infinite or not a number
     */
    static void nonNegative(OptionKey<?> key, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new InvalidOptionException(key + " must be a non-negative number, got " + value);
        }
    }

    /** @return whether the generators use dropout ({@code not --no_dropout}) */
    public boolean useDropout() {
        return !noDropout;
    }

    /**
     * @param key an option
     * @return whether the user gave it (as opposed to a model or base default)
     */
    public boolean isGiven(OptionKey<?> key) {
        return given.contains(key.cliName());
    }

    /**
     * @return a builder holding these values as given, so a test or a command can change a few and rebuild
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        values.forEach((k, v) -> set(b, k, v));
        return b;
    }

    @SuppressWarnings("unchecked")
    private static <T> void set(Builder b, OptionKey<T> key, Object value) {
        b.set(key, (T) value);
    }

    /**
     * Collects options in three layers: values the user gave ({@link #set}), then the model's defaults
     * ({@link #setDefault}, which never overrides a given value), then the reference's base defaults in
     * {@link #build()}.
     */
    public static final class Builder {
        // insertion order: effective options are reported in the order the user gave them
        private final Map<OptionKey<?>, Object> values = new LinkedHashMap<>();
        private final Set<String> given = new LinkedHashSet<>();

        /**
         * Sets a value the user gave.
         *
         * @param key the option
         * @param value its value
         * @param <T> the value's type
         * @return this
         */
        public <T> Builder set(OptionKey<T> key, T value) {
            values.put(key, Objects.requireNonNull(value, key.cliName()));
            given.add(key.cliName());
            return this;
        }

        /**
         * Sets a default that applies only if the user gave no value.
         *
         * @param key the option
         * @param value the default
         * @param <T> the value's type
         * @return this
         */
        public <T> Builder setDefault(OptionKey<T> key, T value) {
            values.putIfAbsent(key, Objects.requireNonNull(value, key.cliName()));
            return this;
        }

        /**
         * @param key an option
         * @param <T> the value's type
         * @return its current value, or null when neither given nor defaulted yet
         */
        public <T> T get(OptionKey<T> key) {
            return key.type().cast(values.get(key));
        }

        /**
         * Sets the option's declared default unless a value was given or defaulted already.
         *
         * @param key an option
         * @param <T> its type
         * @return its value now, or null for an option without a default that nobody set
         */
        public <T> T resolve(OptionKey<T> key) {
            T v = get(key);
            if (v == null && key.defaultValue() != null) {
                setDefault(key, key.defaultValue());
                v = key.defaultValue();
            }
            return v;
        }

        /** @return the validated options, with the declared base defaults where nothing was set */
        public ModelOptions build() {
            return new ModelOptions(resolve(INPUT_NC), resolve(OUTPUT_NC), resolve(NGF), resolve(NDF),
                    resolve(NET_G), resolve(NET_D), resolve(N_LAYERS_D), resolve(NORM), resolve(INIT_TYPE),
                    resolve(INIT_GAIN), resolve(NO_DROPOUT), resolve(UPSAMPLE), resolve(GAN_MODE), resolve(LR),
                    resolve(BETA1), resolve(POOL_SIZE), resolve(DATASET_MODE), resolve(MODEL_SUFFIX),
                    resolve(IS_TRAIN), resolve(STARGAN), PerceptualOptions.from(this), values, given);
        }
    }
}
