package io.transmute.core.train;

import io.transmute.core.DataException;
import io.transmute.core.data.Dataset;
import io.transmute.core.data.Sample;
import io.transmute.core.data.StarGanDataOptions;
import io.transmute.core.data.StarGanDatasetKind;
import io.transmute.core.model.StarGanOptions;
import io.transmute.core.option.OptionKey;
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
    private static final StarGanOptions D = StarGanOptions.DEFAULTS;

    /** {@code --dataset}. */
    public static final OptionKey<StarGanDatasetKind> DATASET = OptionKey.choice("--dataset", StarGanDatasetKind.class,
            D.dataset(), "NAME", "The data: CelebA (attribute file), RaFD (one folder per domain) or Both.");
    /** {@code --celeba_image_dir}, no default (needed for CelebA and Both). */
    public static final OptionKey<String> CELEBA_IMAGE_DIR = OptionKey.text("--celeba_image_dir", null, "DIR",
            "The CelebA images (needed for --dataset CelebA and Both; no default).").resumable();
    /** {@code --attr_path}, no default (needed for CelebA and Both). */
    public static final OptionKey<String> ATTR_PATH = OptionKey.text("--attr_path", null, "FILE",
            "The CelebA attribute file, list_attr_celeba.txt (CelebA and Both; no default).").resumable();
    /** {@code --rafd_image_dir}, no default (needed for RaFD and Both). */
    public static final OptionKey<String> RAFD_IMAGE_DIR = OptionKey.text("--rafd_image_dir", null, "DIR",
            "One sub-folder of images per domain (needed for --dataset RaFD and Both; no default).").resumable();
    /** {@code --selected_attrs}. */
    public static final OptionKey<List<String>> SELECTED_ATTRS = OptionKey.words("--selected_attrs",
            D.selectedAttrs(), "ATTR", "The CelebA attributes to train on, in label order.");
    /** {@code --c_dim}. */
    public static final OptionKey<Integer> C_DIM = OptionKey.integer("--c_dim", D.cDim(),
            "Dimension of domain labels (1st dataset; RaFD alone: its domains).");
    /** {@code --c2_dim}. */
    public static final OptionKey<Integer> C2_DIM = OptionKey.integer("--c2_dim", D.c2Dim(),
            "Dimension of domain labels (2nd dataset, RaFD in Both).");
    /** {@code --celeba_crop_size}. */
    public static final OptionKey<Integer> CELEBA_CROP_SIZE = OptionKey.integer("--celeba_crop_size", 178,
            "Crop size for the CelebA dataset.").label("PX");
    /** {@code --rafd_crop_size}. */
    public static final OptionKey<Integer> RAFD_CROP_SIZE = OptionKey.integer("--rafd_crop_size", 256,
            "Crop size for the RaFD dataset.").label("PX");
    /** {@code --image_size}. */
    public static final OptionKey<Integer> IMAGE_SIZE = OptionKey.integer("--image_size", D.imageSize(),
            "Image resolution.").label("PX");
    /** {@code --g_conv_dim}. */
    public static final OptionKey<Integer> G_CONV_DIM = OptionKey.integer("--g_conv_dim", D.gConvDim(),
            "Number of conv filters in the first layer of G.");
    /** {@code --d_conv_dim}. */
    public static final OptionKey<Integer> D_CONV_DIM = OptionKey.integer("--d_conv_dim", D.dConvDim(),
            "Number of conv filters in the first layer of D.");
    /** {@code --g_repeat_num}. */
    public static final OptionKey<Integer> G_REPEAT_NUM = OptionKey.integer("--g_repeat_num", D.gRepeatNum(),
            "Number of residual blocks in G.");
    /** {@code --d_repeat_num}. */
    public static final OptionKey<Integer> D_REPEAT_NUM = OptionKey.integer("--d_repeat_num", D.dRepeatNum(),
            "Number of strided conv layers in D.");
    /** {@code --lambda_cls}. */
    public static final OptionKey<Double> LAMBDA_CLS = OptionKey.real("--lambda_cls", D.lambdaCls(),
            "Weight for the domain classification loss.");
    /** {@code --lambda_rec}. */
    public static final OptionKey<Double> LAMBDA_REC = OptionKey.real("--lambda_rec", D.lambdaRec(),
            "Weight for the reconstruction loss.");
    /** {@code --lambda_gp}. */
    public static final OptionKey<Double> LAMBDA_GP = OptionKey.real("--lambda_gp", D.lambdaGp(),
            "Weight for the gradient penalty.");
    /** {@code --num_iters}. */
    public static final OptionKey<Integer> NUM_ITERS = OptionKey.integer("--num_iters", D.numIters(),
            "Number of total iterations for training D.").resumable();
    /** {@code --num_iters_decay}. */
    public static final OptionKey<Integer> NUM_ITERS_DECAY = OptionKey.integer("--num_iters_decay",
            D.numItersDecay(), "Number of iterations for decaying the learning rates.").resumable();
    /** {@code --g_lr}. */
    public static final OptionKey<Double> G_LR = OptionKey.real("--g_lr", D.gLr(), "Learning rate for G.");
    /** {@code --d_lr}. */
    public static final OptionKey<Double> D_LR = OptionKey.real("--d_lr", D.dLr(), "Learning rate for D.");
    /** {@code --n_critic}. */
    public static final OptionKey<Integer> N_CRITIC = OptionKey.integer("--n_critic", D.nCritic(),
            "Number of D updates per each G update.");
    /** {@code --beta2}. */
    public static final OptionKey<Double> BETA2 = OptionKey.real("--beta2", D.beta2(),
            "beta2 for the Adam optimizers.");
    /** {@code --resume_iters}: 0 starts fresh (the reference's None). */
    public static final OptionKey<Integer> RESUME_ITERS = OptionKey.integer("--resume_iters", D.resumeIters(),
            "Resume training from the weights <N>-G.ckpt and <N>-D.ckpt in the run folder, as the reference;"
                    + " 0 = start fresh.").resumable();
    /** {@code --test_iters}. */
    public static final OptionKey<Integer> TEST_ITERS = OptionKey.integer("--test_iters", D.testIters(),
            "Test the model from this iteration, <N>-G.ckpt.").resumable();
    /** {@code --log_step}. */
    public static final OptionKey<Integer> LOG_STEP = OptionKey.integer("--log_step", D.logStep(),
            "Iterations between loss lines.").resumable();
    /** {@code --sample_step}. */
    public static final OptionKey<Integer> SAMPLE_STEP = OptionKey.integer("--sample_step", D.sampleStep(),
            "Iterations between sample images on the web page.").resumable();
    /** {@code --model_save_step}. */
    public static final OptionKey<Integer> MODEL_SAVE_STEP = OptionKey.integer("--model_save_step",
            D.modelSaveStep(), "Iterations between checkpoints: <iter>-G.ckpt, <iter>-D.ckpt and latest.")
            .resumable();
    /** {@code --lr_update_step}. */
    public static final OptionKey<Integer> LR_UPDATE_STEP = OptionKey.integer("--lr_update_step",
            D.lrUpdateStep(), "Iterations between learning-rate decrements during the decay.");

    /** Every StarGAN option, in the reference's {@code main.py} order; only {@code --model stargan} takes them. */
    public static final List<OptionKey<?>> KEYS = List.of(C_DIM, C2_DIM, CELEBA_CROP_SIZE, RAFD_CROP_SIZE,
            IMAGE_SIZE, G_CONV_DIM, D_CONV_DIM, G_REPEAT_NUM, D_REPEAT_NUM, LAMBDA_CLS, LAMBDA_REC, LAMBDA_GP, DATASET,
            NUM_ITERS, NUM_ITERS_DECAY, G_LR, D_LR, N_CRITIC, BETA2, RESUME_ITERS, SELECTED_ATTRS, TEST_ITERS,
            CELEBA_IMAGE_DIR, ATTR_PATH, RAFD_IMAGE_DIR, LOG_STEP, SAMPLE_STEP, MODEL_SAVE_STEP, LR_UPDATE_STEP);

    private StarGanOptionKeys() {
    }

    /**
     * @param b the given options
     * @return StarGAN's model options: the given values over the reference defaults
     * @throws io.transmute.core.InvalidOptionException for an invalid value
     */
    static StarGanOptions modelOptions(TrainOptions.Builder b) {
        StarGanOptions d = D;
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
        StarGanDatasetKind kind = or(b, DATASET, DATASET.defaultValue());
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
                path(b.get(RAFD_IMAGE_DIR)), so.selectedAttrs(),
                or(b, CELEBA_CROP_SIZE, CELEBA_CROP_SIZE.defaultValue()),
                or(b, RAFD_CROP_SIZE, RAFD_CROP_SIZE.defaultValue()), so.imageSize(), train, batchSize, numThreads);
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
