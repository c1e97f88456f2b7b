package io.transmute.cli;

import io.transmute.core.data.StarGanDatasetKind;
import io.transmute.core.train.StarGanOptionKeys;
import io.transmute.core.train.TrainOptions;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * yunjey/stargan's own options ({@code main.py}) for {@code --model stargan}, with the reference's names and
 * defaults. The shared ones ({@code --batch_size}, default 16 for StarGAN, {@code --beta1}, {@code --num_threads},
 * {@code --name}, {@code --checkpoints_dir}, {@code --seed}) come from the other mixins. Fields stay null unless
 * given.
 */
public final class StarGanOptionsMixin {
    @Option(names = "--dataset", paramLabel = "NAME",
            description = "stargan: the data, CelebA (attribute file), RaFD (one folder per domain) or Both "
                    + "(default: CelebA).")
    String dataset;

    @Option(names = "--celeba_image_dir", paramLabel = "DIR",
            description = "stargan: the CelebA images (needed for --dataset CelebA and Both; no default).")
    String celebaImageDir;

    @Option(names = "--attr_path", paramLabel = "FILE",
            description = "stargan: the CelebA attribute file, list_attr_celeba.txt (CelebA and Both; no default).")
    String attrPath;

    @Option(names = "--rafd_image_dir", paramLabel = "DIR",
            description = "stargan: one sub-folder of images per domain (needed for --dataset RaFD and Both; "
                    + "no default).")
    String rafdImageDir;

    @Option(names = "--selected_attrs", paramLabel = "ATTR", arity = "1..*",
            description = "stargan: the CelebA attributes to train on, in label order (default: Black_Hair "
                    + "Blond_Hair Brown_Hair Male Young).")
    List<String> selectedAttrs;

    @Option(names = "--c_dim", paramLabel = "N",
            description = "stargan: dimension of domain labels (1st dataset; RaFD alone: its domains) (default: 5).")
    Integer cDim;

    @Option(names = "--c2_dim", paramLabel = "N",
            description = "stargan: dimension of domain labels (2nd dataset, RaFD in Both) (default: 8).")
    Integer c2Dim;

    @Option(names = "--celeba_crop_size", paramLabel = "PX",
            description = "stargan: crop size for the CelebA dataset (default: 178).")
    Integer celebaCropSize;

    @Option(names = "--rafd_crop_size", paramLabel = "PX",
            description = "stargan: crop size for the RaFD dataset (default: 256).")
    Integer rafdCropSize;

    @Option(names = "--image_size", paramLabel = "PX", description = "stargan: image resolution (default: 128).")
    Integer imageSize;

    @Option(names = "--g_conv_dim", paramLabel = "N",
            description = "stargan: number of conv filters in the first layer of G (default: 64).")
    Integer gConvDim;

    @Option(names = "--d_conv_dim", paramLabel = "N",
            description = "stargan: number of conv filters in the first layer of D (default: 64).")
    Integer dConvDim;

    @Option(names = "--g_repeat_num", paramLabel = "N",
            description = "stargan: number of residual blocks in G (default: 6).")
    Integer gRepeatNum;

    @Option(names = "--d_repeat_num", paramLabel = "N",
            description = "stargan: number of strided conv layers in D (default: 6).")
    Integer dRepeatNum;

    @Option(names = "--lambda_cls", paramLabel = "X",
            description = "stargan: weight for the domain classification loss (default: 1).")
    Double lambdaCls;

    @Option(names = "--lambda_rec", paramLabel = "X",
            description = "stargan: weight for the reconstruction loss (default: 10).")
    Double lambdaRec;

    @Option(names = "--lambda_gp", paramLabel = "X",
            description = "stargan: weight for the gradient penalty (default: 10).")
    Double lambdaGp;

    @Option(names = "--num_iters", paramLabel = "N",
            description = "stargan: number of total iterations for training D (default: 200000).")
    Integer numIters;

    @Option(names = "--num_iters_decay", paramLabel = "N",
            description = "stargan: number of iterations for decaying the learning rates (default: 100000).")
    Integer numItersDecay;

    @Option(names = "--g_lr", paramLabel = "X", description = "stargan: learning rate for G (default: 0.0001).")
    Double gLr;

    @Option(names = "--d_lr", paramLabel = "X", description = "stargan: learning rate for D (default: 0.0001).")
    Double dLr;

    @Option(names = "--n_critic", paramLabel = "N",
            description = "stargan: number of D updates per each G update (default: 5).")
    Integer nCritic;

    @Option(names = "--beta2", paramLabel = "X", description = "stargan: beta2 for the Adam optimizers (default: 0.999).")
    Double beta2;

    @Option(names = "--resume_iters", paramLabel = "N",
            description = "stargan: resume training from the weights <N>-G.ckpt and <N>-D.ckpt in the run folder, "
                    + "as the reference (default: none, start fresh).")
    Integer resumeIters;

    @Option(names = "--test_iters", paramLabel = "N",
            description = "stargan: test the model from this iteration, <N>-G.ckpt (default: 200000).")
    Integer testIters;

    @Option(names = "--log_step", paramLabel = "N",
            description = "stargan: iterations between loss lines (default: 10).")
    Integer logStep;

    @Option(names = "--sample_step", paramLabel = "N",
            description = "stargan: iterations between sample images on the web page (default: 1000).")
    Integer sampleStep;

    @Option(names = "--model_save_step", paramLabel = "N",
            description = "stargan: iterations between checkpoints: <iter>-G.ckpt, <iter>-D.ckpt and latest "
                    + "(default: 10000).")
    Integer modelSaveStep;

    @Option(names = "--lr_update_step", paramLabel = "N",
            description = "stargan: iterations between learning-rate decrements during the decay (default: 1000).")
    Integer lrUpdateStep;

    /**
     * Copies the given options into a builder; options not given are left out.
     *
     * @param b the builder
     * @return {@code b}
     */
    TrainOptions.Builder applyTo(TrainOptions.Builder b) {
        BaseOptionsMixin.put(b, StarGanOptionKeys.DATASET, BaseOptionsMixin.parse(dataset,
                StarGanDatasetKind::fromCliName));
        BaseOptionsMixin.put(b, StarGanOptionKeys.CELEBA_IMAGE_DIR, celebaImageDir);
        BaseOptionsMixin.put(b, StarGanOptionKeys.ATTR_PATH, attrPath);
        BaseOptionsMixin.put(b, StarGanOptionKeys.RAFD_IMAGE_DIR, rafdImageDir);
        BaseOptionsMixin.put(b, StarGanOptionKeys.SELECTED_ATTRS, selectedAttrs == null ? null
                : List.copyOf(selectedAttrs));
        BaseOptionsMixin.put(b, StarGanOptionKeys.C_DIM, cDim);
        BaseOptionsMixin.put(b, StarGanOptionKeys.C2_DIM, c2Dim);
        BaseOptionsMixin.put(b, StarGanOptionKeys.CELEBA_CROP_SIZE, celebaCropSize);
        BaseOptionsMixin.put(b, StarGanOptionKeys.RAFD_CROP_SIZE, rafdCropSize);
        BaseOptionsMixin.put(b, StarGanOptionKeys.IMAGE_SIZE, imageSize);
        BaseOptionsMixin.put(b, StarGanOptionKeys.G_CONV_DIM, gConvDim);
        BaseOptionsMixin.put(b, StarGanOptionKeys.D_CONV_DIM, dConvDim);
        BaseOptionsMixin.put(b, StarGanOptionKeys.G_REPEAT_NUM, gRepeatNum);
        BaseOptionsMixin.put(b, StarGanOptionKeys.D_REPEAT_NUM, dRepeatNum);
        BaseOptionsMixin.put(b, StarGanOptionKeys.LAMBDA_CLS, lambdaCls);
        BaseOptionsMixin.put(b, StarGanOptionKeys.LAMBDA_REC, lambdaRec);
        BaseOptionsMixin.put(b, StarGanOptionKeys.LAMBDA_GP, lambdaGp);
        BaseOptionsMixin.put(b, StarGanOptionKeys.NUM_ITERS, numIters);
        BaseOptionsMixin.put(b, StarGanOptionKeys.NUM_ITERS_DECAY, numItersDecay);
        BaseOptionsMixin.put(b, StarGanOptionKeys.G_LR, gLr);
        BaseOptionsMixin.put(b, StarGanOptionKeys.D_LR, dLr);
        BaseOptionsMixin.put(b, StarGanOptionKeys.N_CRITIC, nCritic);
        BaseOptionsMixin.put(b, StarGanOptionKeys.BETA2, beta2);
        BaseOptionsMixin.put(b, StarGanOptionKeys.RESUME_ITERS, resumeIters);
        BaseOptionsMixin.put(b, StarGanOptionKeys.TEST_ITERS, testIters);
        BaseOptionsMixin.put(b, StarGanOptionKeys.LOG_STEP, logStep);
        BaseOptionsMixin.put(b, StarGanOptionKeys.SAMPLE_STEP, sampleStep);
        BaseOptionsMixin.put(b, StarGanOptionKeys.MODEL_SAVE_STEP, modelSaveStep);
        BaseOptionsMixin.put(b, StarGanOptionKeys.LR_UPDATE_STEP, lrUpdateStep);
        return b;
    }
}
