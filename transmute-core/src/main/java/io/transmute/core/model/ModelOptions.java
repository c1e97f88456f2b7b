package io.transmute.core.model;

import io.transmute.core.InvalidOptionException;
import io.transmute.core.data.DatasetMode;
import io.transmute.core.loss.GanMode;
import io.transmute.core.nn.DiscriminatorType;
import io.transmute.core.nn.GeneratorType;
import io.transmute.core.nn.InitType;
import io.transmute.core.nn.NormType;
import io.transmute.core.nn.UpsampleType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The resolved options a {@link TranslationModel} is built from: the reference's base and train options that
 * concern networks, losses and optimisation, with every default applied. An instance is always valid; the
 * compact constructor rejects bad values with one line naming the option.
 *
 * <p>Options arrive through a {@link Builder}: the command line sets what the user gave, the chosen model's
 * {@link ModelSpec#adjustDefaults} fills its own defaults where nothing was given (the reference's
 * {@code modify_commandline_options}), and {@link Builder#build()} applies the base defaults.
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
 * @param lambdaL1 {@code --lambda_L1} (pix2pix, colorization)
 * @param lambdaA {@code --lambda_A} (cycle_gan)
 * @param lambdaB {@code --lambda_B} (cycle_gan)
 * @param lambdaIdentity {@code --lambda_identity} (cycle_gan)
 * @param datasetMode {@code --dataset_mode}
 * @param modelSuffix {@code --model_suffix} (test)
 * @param isTrain whether the model is built for training (discriminators, optimizers) or only to translate
 * @param stargan StarGAN's own options ({@code --model stargan})
 * @param perceptual the VGG-16 feature losses: {@code G_perceptual} and {@code style_transfer}'s losses
 * @param given the options the user set explicitly, by reference name, in the order given
 */
public record ModelOptions(int inputNc, int outputNc, int ngf, int ndf, String netG, DiscriminatorType netD,
        int nLayersD, NormType norm, InitType initType, double initGain, boolean noDropout, UpsampleType upsample,
        GanMode ganMode, double lr, double beta1, int poolSize, double lambdaL1, double lambdaA, double lambdaB,
        double lambdaIdentity, DatasetMode datasetMode, String modelSuffix, boolean isTrain, StarGanOptions stargan,
        PerceptualOptions perceptual, Set<String> given) {

    /** {@code --input_nc}, default 3. */
    public static final OptionKey<Integer> INPUT_NC = new OptionKey<>("--input_nc", Integer.class);
    /** {@code --output_nc}, default 3. */
    public static final OptionKey<Integer> OUTPUT_NC = new OptionKey<>("--output_nc", Integer.class);
    /** {@code --ngf}, default 64. */
    public static final OptionKey<Integer> NGF = new OptionKey<>("--ngf", Integer.class);
    /** {@code --ndf}, default 64. */
    public static final OptionKey<Integer> NDF = new OptionKey<>("--ndf", Integer.class);
    /** {@code --netG}, default {@code resnet_9blocks}. */
    public static final OptionKey<String> NET_G = new OptionKey<>("--netG", String.class);
    /** {@code --netD}, default {@code basic}. */
    public static final OptionKey<DiscriminatorType> NET_D = new OptionKey<>("--netD", DiscriminatorType.class);
    /** {@code --n_layers_D}, default 3. */
    public static final OptionKey<Integer> N_LAYERS_D = new OptionKey<>("--n_layers_D", Integer.class);
    /** {@code --norm}, default {@code instance}. */
    public static final OptionKey<NormType> NORM = new OptionKey<>("--norm", NormType.class);
    /** {@code --init_type}, default {@code normal}. */
    public static final OptionKey<InitType> INIT_TYPE = new OptionKey<>("--init_type", InitType.class);
    /** {@code --init_gain}, default 0.02. */
    public static final OptionKey<Double> INIT_GAIN = new OptionKey<>("--init_gain", Double.class);
    /** {@code --no_dropout}, default false. */
    public static final OptionKey<Boolean> NO_DROPOUT = new OptionKey<>("--no_dropout", Boolean.class);
    /** {@code --upsample}, default {@code deconv}. */
    public static final OptionKey<UpsampleType> UPSAMPLE = new OptionKey<>("--upsample", UpsampleType.class);
    /** {@code --gan_mode}, default {@code lsgan}. */
    public static final OptionKey<GanMode> GAN_MODE = new OptionKey<>("--gan_mode", GanMode.class);
    /** {@code --lr}, default 0.0002. */
    public static final OptionKey<Double> LR = new OptionKey<>("--lr", Double.class);
    /** {@code --beta1}, default 0.5. */
    public static final OptionKey<Double> BETA1 = new OptionKey<>("--beta1", Double.class);
    /** {@code --pool_size}, default 50. */
    public static final OptionKey<Integer> POOL_SIZE = new OptionKey<>("--pool_size", Integer.class);
    /** {@code --lambda_L1}, default 100. */
    public static final OptionKey<Double> LAMBDA_L1 = new OptionKey<>("--lambda_L1", Double.class);
    /** {@code --lambda_A}, default 10. */
    public static final OptionKey<Double> LAMBDA_A = new OptionKey<>("--lambda_A", Double.class);
    /** {@code --lambda_B}, default 10. */
    public static final OptionKey<Double> LAMBDA_B = new OptionKey<>("--lambda_B", Double.class);
    /** {@code --lambda_identity}, default 0.5. */
    public static final OptionKey<Double> LAMBDA_IDENTITY = new OptionKey<>("--lambda_identity", Double.class);
    /** {@code --dataset_mode}, default {@code unaligned}. */
    public static final OptionKey<DatasetMode> DATASET_MODE = new OptionKey<>("--dataset_mode", DatasetMode.class);
    /** {@code --model_suffix}, default empty. */
    public static final OptionKey<String> MODEL_SUFFIX = new OptionKey<>("--model_suffix", String.class);
    /** {@code --isTrain}: set by the command, not the user; default true. */
    public static final OptionKey<Boolean> IS_TRAIN = new OptionKey<>("--isTrain", Boolean.class);

    /** StarGAN's options as one typed group, set by the command from its StarGAN flags; default the reference's. */
    public static final OptionKey<StarGanOptions> STARGAN = new OptionKey<>("--stargan_options", StarGanOptions.class);

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
        nonNegative(LAMBDA_L1, lambdaL1);
        nonNegative(LAMBDA_A, lambdaA);
        nonNegative(LAMBDA_B, lambdaB);
        nonNegative(LAMBDA_IDENTITY, lambdaIdentity);
        if (!modelSuffix.matches("[A-Za-z0-9_]*")) {
            throw new InvalidOptionException("--model_suffix '" + modelSuffix + "' must be letters, digits or _,"
                    + " as it becomes part of a file name");
        }
        given = Collections.unmodifiableSet(new LinkedHashSet<>(given));
    }

    private static void atLeast(OptionKey<?> key, int value, int min) {
        if (value < min) {
            throw new InvalidOptionException(key + " must be at least " + min + ", got " + value);
        }
    }

    private static void nonNegative(OptionKey<?> key, double value) {
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
        Builder b = new Builder().set(INPUT_NC, inputNc).set(OUTPUT_NC, outputNc).set(NGF, ngf).set(NDF, ndf)
                .set(NET_G, netG).set(NET_D, netD).set(N_LAYERS_D, nLayersD).set(NORM, norm)
                .set(INIT_TYPE, initType).set(INIT_GAIN, initGain).set(NO_DROPOUT, noDropout)
                .set(UPSAMPLE, upsample).set(GAN_MODE, ganMode).set(LR, lr).set(BETA1, beta1)
                .set(POOL_SIZE, poolSize).set(LAMBDA_L1, lambdaL1).set(LAMBDA_A, lambdaA).set(LAMBDA_B, lambdaB)
                .set(LAMBDA_IDENTITY, lambdaIdentity).set(DATASET_MODE, datasetMode)
                .set(MODEL_SUFFIX, modelSuffix).set(IS_TRAIN, isTrain).set(STARGAN, stargan);
        perceptual.copyTo(b);
        return b;
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

        private <T> T get(OptionKey<T> key, T fallback) {
            T v = get(key);
            return v == null ? fallback : v;
        }

        /** @return the validated options, with the reference's base defaults where nothing was set */
        public ModelOptions build() {
            return new ModelOptions(get(INPUT_NC, 3), get(OUTPUT_NC, 3), get(NGF, 64), get(NDF, 64),
                    get(NET_G, "resnet_9blocks"), get(NET_D, DiscriminatorType.BASIC), get(N_LAYERS_D, 3),
                    get(NORM, NormType.INSTANCE), get(INIT_TYPE, InitType.NORMAL), get(INIT_GAIN, 0.02),
                    get(NO_DROPOUT, false), get(UPSAMPLE, UpsampleType.DECONV), get(GAN_MODE, GanMode.LSGAN),
                    get(LR, 0.0002), get(BETA1, 0.5), get(POOL_SIZE, 50), get(LAMBDA_L1, 100.0),
                    get(LAMBDA_A, 10.0), get(LAMBDA_B, 10.0), get(LAMBDA_IDENTITY, 0.5),
                    get(DATASET_MODE, DatasetMode.UNALIGNED), get(MODEL_SUFFIX, ""), get(IS_TRAIN, true),
                    get(STARGAN, StarGanOptions.DEFAULTS), PerceptualOptions.from(this), given);
        }
    }
}
