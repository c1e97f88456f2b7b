package io.transmute.core.train;

import io.transmute.core.DataException;
import io.transmute.core.data.Dataset;
import io.transmute.core.data.Sample;
import io.transmute.core.data.StarGanDataOptions;
import io.transmute.core.data.StarGanDatasetKind;
import io.transmute.core.model.OptionKey;
import io.transmute.core.model.StarGanOptions;
import io.transmute.core.random.Rng;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The training options of {@code --model stargan}, spelled and defaulted as yunjey/stargan {@code main.py}, and
 * their mapping into {@link StarGanOptions} and {@link StarGanDataOptions}. They are stored with the other given
 * options, so a checkpoint rebuilds the same StarGAN run.
 */
public final class StarGanOptionKeys {
    /** {@code --dataset}, default CelebA. */
    public static final OptionKey<StarGanDatasetKind> DATASET = new OptionKey<>("--dataset", StarGanDatasetKind.class);
    /** {@code --celeba_image_dir}, no default (needed for CelebA and Both). */
    public static final OptionKey<String> CELEBA_IMAGE_DIR = new OptionKey<>("--celeba_image_dir", String.class);
    /** {@code --attr_path}, no default (needed for CelebA and Both). */
    public static final OptionKey<String> ATTR_PATH = new OptionKey<>("--attr_path", String.class);
    /** {@code --rafd_image_dir}, no default (needed for RaFD and Both). */
    public static final OptionKey<String> RAFD_IMAGE_DIR = new OptionKey<>("--rafd_image_dir", String.class);
    /** {@code --selected_attrs}, default Black_Hair Blond_Hair Brown_Hair Male Young. */
    public static final OptionKey<List<String>> SELECTED_ATTRS = new OptionKey<>("--selected_attrs", stringList());
    /** {@code --c_dim}, default 5. */
    public static final OptionKey<Integer> C_DIM = new OptionKey<>("--c_dim", Integer.class);
    /** {@code --c2_dim}, default 8. */
    public static final OptionKey<Integer> C2_DIM = new OptionKey<>("--c2_dim", Integer.class);
    /** {@code --celeba_crop_size}, default 178. */
    public static final OptionKey<Integer> CELEBA_CROP_SIZE = new OptionKey<>("--celeba_crop_size", Integer.class);
    /** {@code --rafd_crop_size}, default 256. */
    public static final OptionKey<Integer> RAFD_CROP_SIZE = new OptionKey<>("--rafd_crop_size", Integer.class);
    /** {@code --image_size}, default 128. */
    public static final OptionKey<Integer> IMAGE_SIZE = new OptionKey<>("--image_size", Integer.class);
    /** {@code --g_conv_dim}, default 64. */
    public static final OptionKey<Integer> G_CONV_DIM = new OptionKey<>("--g_conv_dim", Integer.class);
    /** {@code --d_conv_dim}, default 64. */
    public static final OptionKey<Integer> D_CONV_DIM = new OptionKey<>("--d_conv_dim", Integer.class);
    /** {@code --g_repeat_num}, default 6. */
    public static final OptionKey<Integer> G_REPEAT_NUM = new OptionKey<>("--g_repeat_num", Integer.class);
    /** {@code --d_repeat_num}, default 6. */
    public static final OptionKey<Integer> D_REPEAT_NUM = new OptionKey<>("--d_repeat_num", Integer.class);
    /** {@code --lambda_cls}, default 1. */
    public static final OptionKey<Double> LAMBDA_CLS = new OptionKey<>("--lambda_cls", Double.class);
    /** {@code --lambda_rec}, default 10. */
    public static final OptionKey<Double> LAMBDA_REC = new OptionKey<>("--lambda_rec", Double.class);
    /** {@code --lambda_gp}, default 10. */
    public static final OptionKey<Double> LAMBDA_GP = new OptionKey<>("--lambda_gp", Double.class);
    /** {@code --num_iters}, default 200000. */
    public static final OptionKey<Integer> NUM_ITERS = new OptionKey<>("--num_iters", Integer.class);
    /** {@code --num_iters_decay}, default 100000. */
    public static final OptionKey<Integer> NUM_ITERS_DECAY = new OptionKey<>("--num_iters_decay", Integer.class);
    /** {@code --g_lr}, default 0.0001. */
    public static final OptionKey<Double> G_LR = new OptionKey<>("--g_lr", Double.class);
    /** {@code --d_lr}, default 0.0001. */
    public static final OptionKey<Double> D_LR = new OptionKey<>("--d_lr", Double.class);
    /** {@code --n_critic}, default 5. */
    public static final OptionKey<Integer> N_CRITIC = new OptionKey<>("--n_critic", Integer.class);
    /** {@code --beta2}, default 0.999. */
    public static final OptionKey<Double> BETA2 = new OptionKey<>("--beta2", Double.class);
    /** {@code --resume_iters}, default 0 (start fresh; the reference's None). */
    public static final OptionKey<Integer> RESUME_ITERS = new OptionKey<>("--resume_iters", Integer.class);
    /** {@code --test_iters}, default 200000. */
    public static final OptionKey<Integer> TEST_ITERS = new OptionKey<>("--test_iters", Integer.class);
    /** {@code --log_step}, default 10. */
    public static final OptionKey<Integer> LOG_STEP = new OptionKey<>("--log_step", Integer.class);
    /** {@code --sample_step}, default 1000. */
    public static final OptionKey<Integer> SAMPLE_STEP = new OptionKey<>("--sample_step", Integer.class);
    /** {@code --model_save_step}, default 10000. */
    public static final OptionKey<Integer> MODEL_SAVE_STEP = new OptionKey<>("--model_save_step", Integer.class);
    /** {@code --lr_update_step}, default 1000. */
    public static final OptionKey<Integer> LR_UPDATE_STEP = new OptionKey<>("--lr_update_step", Integer.class);

    /** Every StarGAN option, in the reference's {@code main.py} order. */
    public static final List<OptionKey<?>> KEYS = List.of(C_DIM, C2_DIM, CELEBA_CROP_SIZE, RAFD_CROP_SIZE,
            IMAGE_SIZE, G_CONV_DIM, D_CONV_DIM, G_REPEAT_NUM, D_REPEAT_NUM, LAMBDA_CLS, LAMBDA_REC, LAMBDA_GP, DATASET,
            NUM_ITERS, NUM_ITERS_DECAY, G_LR, D_LR, N_CRITIC, BETA2, RESUME_ITERS, SELECTED_ATTRS, TEST_ITERS,
            CELEBA_IMAGE_DIR, ATTR_PATH, RAFD_IMAGE_DIR, LOG_STEP, SAMPLE_STEP, MODEL_SAVE_STEP, LR_UPDATE_STEP);

    /**
     * StarGAN options that may change when continuing a run: they change reporting, saving or the length of
     * the run (as {@code --n_epochs} does for the epoch-based models), never the networks or the data.
     */
    public static final List<OptionKey<?>> RESUME_OVERRIDABLE = List.of(NUM_ITERS, NUM_ITERS_DECAY, LOG_STEP,
            SAMPLE_STEP, MODEL_SAVE_STEP, TEST_ITERS, RESUME_ITERS, CELEBA_IMAGE_DIR, ATTR_PATH, RAFD_IMAGE_DIR);

    private StarGanOptionKeys() {
    }

    @SuppressWarnings("unchecked")
    private static Class<List<String>> stringList() {
        return (Class<List<String>>) (Class<?>) List.class;
    }

    /**
     * @param b the given options
     * @return StarGAN's model options: the given values over the reference defaults
     * @throws io.transmute.core.InvalidOptionException for an invalid value
     */
    static StarGanOptions modelOptions(TrainOptions.Builder b) {
        StarGanOptions d = StarGanOptions.DEFAULTS;
        StarGanDatasetKind kind = or(b, DATASET, d.dataset());
        List<String> labels = b.get(SELECTED_ATTRS);
        if (labels == null && kind == StarGanDatasetKind.RAFD && b.get(RAFD_IMAGE_DIR) != null) {
            // a folder-per-domain model's labels are its domains: their names go into every checkpoint
            List<String> domains = StarGanDataOptions.domainNames(Path.of(b.get(RAFD_IMAGE_DIR)));
            labels = domains.isEmpty() ? null : domains;
        }
        return new StarGanOptions(kind, or(b, C_DIM, d.cDim()), or(b, C2_DIM, d.c2Dim()),
                labels == null ? d.selectedAttrs() : labels, or(b, IMAGE_SIZE, d.imageSize()),
                or(b, G_CONV_DIM, d.gConvDim()), or(b, D_CONV_DIM, d.dConvDim()), or(b, G_REPEAT_NUM, d.gRepeatNum()),
                or(b, D_REPEAT_NUM, d.dRepeatNum()), or(b, LAMBDA_CLS, d.lambdaCls()), or(b, LAMBDA_REC, d.lambdaRec()),
                or(b, LAMBDA_GP, d.lambdaGp()), or(b, G_LR, d.gLr()), or(b, D_LR, d.dLr()),
                or(b, N_CRITIC, d.nCritic()), or(b, BETA2, d.beta2()), or(b, NUM_ITERS, d.numIters()),
                or(b, NUM_ITERS_DECAY, d.numItersDecay()), or(b, LR_UPDATE_STEP, d.lrUpdateStep()),
                or(b, RESUME_ITERS, d.resumeIters()), or(b, LOG_STEP, d.logStep()), or(b, SAMPLE_STEP, d.sampleStep()),
                or(b, MODEL_SAVE_STEP, d.modelSaveStep()), or(b, TEST_ITERS, d.testIters()));
    }

    /**
     * The image folder a StarGAN run reads, reported as its {@code --dataroot}: {@code --rafd_image_dir} for RaFD,
     * otherwise {@code --celeba_image_dir}.
     *
     * @param b the given options
     * @return the folder, or null when the needed one is not given
     */
    static String dataroot(TrainOptions.Builder b) {
        StarGanDatasetKind kind = or(b, DATASET, StarGanOptions.DEFAULTS.dataset());
        return kind == StarGanDatasetKind.RAFD ? b.get(RAFD_IMAGE_DIR) : b.get(CELEBA_IMAGE_DIR);
    }

    /**
     * @param given the given options of a StarGAN run
     * @param so its resolved model options
     * @param train the training split with flips, or the test split in order
     * @param batchSize {@code --batch_size}
     * @param numThreads {@code --num_threads}
     * @return the data options
     * @throws io.transmute.core.InvalidOptionException when a folder the dataset needs is not given
     */
    static StarGanDataOptions dataOptions(Map<String, Object> given, StarGanOptions so, boolean train,
            int batchSize, int numThreads) {
        TrainOptions.Builder b = TrainOptions.Builder.fromGiven(given);
        return new StarGanDataOptions(so.dataset(), path(b.get(CELEBA_IMAGE_DIR)), path(b.get(ATTR_PATH)),
                path(b.get(RAFD_IMAGE_DIR)), so.selectedAttrs(), or(b, CELEBA_CROP_SIZE, 178),
                or(b, RAFD_CROP_SIZE, 256), so.imageSize(), train, batchSize, numThreads);
    }

    /**
     * Opens the dataset and checks that its labels fit {@code --c_dim}/{@code --c2_dim}, so a mismatch is a
     * one-line error before training rather than a failure in the first step.
     *
     * @param data the data options
     * @param so the model options
     * @return the dataset
     * @throws DataException when the dataset is empty or its domain count differs from the options
     */
    static Dataset open(StarGanDataOptions data, StarGanOptions so) {
        Dataset d = data.open();
        if (d.size() == 0) {
            throw new DataException(d.options().dataroot() + ": no images for --dataset " + so.dataset().cliName()
                    + (data.train() ? "" : " (test split)"));
        }
        Sample first = d.get(0, new Rng(0));
        int width = first.label() == null ? 0 : first.label().length;
        if (width != so.batchLabels()) {
            String fix = so.dataset() == StarGanDatasetKind.RAFD ? "give --c_dim " + width
                    : so.dataset() == StarGanDatasetKind.BOTH ? "give --c2_dim " + (width - so.cDim())
                    : "match --c_dim to --selected_attrs";
            throw new DataException(d.options().dataroot() + ": the images carry " + width + " labels but the options"
                    + " give " + so.batchLabels() + " (--c_dim " + so.cDim()
                    + (so.dataset() == StarGanDatasetKind.BOTH ? ", --c2_dim " + so.c2Dim() : "") + "); " + fix);
        }
        return d;
    }

    private static Path path(String s) {
        return s == null ? null : Path.of(s);
    }

    private static <T> T or(TrainOptions.Builder b, OptionKey<T> key, T fallback) {
        T v = b.get(key);
        return v == null ? fallback : v;
    }
}
