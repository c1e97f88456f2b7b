package io.transmute.core.model;

import io.transmute.core.InvalidOptionException;
import io.transmute.core.data.StarGanDataOptions;
import io.transmute.core.data.StarGanDatasetKind;
import java.util.List;
import java.util.Objects;

/**
 * StarGAN's own options, spelled and defaulted as yunjey/stargan {@code main.py}. The shared {@code --beta1}
 * comes from {@link ModelOptions}.
 *
 * @param dataset {@code --dataset}
 * @param cDim {@code --c_dim}: CelebA attributes (or RaFD domains when training on RaFD alone)
 * @param c2Dim {@code --c2_dim}: RaFD domains in {@code Both} mode
 * @param selectedAttrs {@code --selected_attrs}: CelebA attribute names in label order
 * @param imageSize {@code --image_size}
 * @param gConvDim {@code --g_conv_dim}
 * @param dConvDim {@code --d_conv_dim}
 * @param gRepeatNum {@code --g_repeat_num}
 * @param dRepeatNum {@code --d_repeat_num}
 * @param lambdaCls {@code --lambda_cls}
 * @param lambdaRec {@code --lambda_rec}
 * @param lambdaGp {@code --lambda_gp}
 * @param gLr {@code --g_lr}
 * @param dLr {@code --d_lr}
 * @param nCritic {@code --n_critic}: D updates per G update
 * @param beta2 {@code --beta2}
 * @param numIters {@code --num_iters}
 * @param numItersDecay {@code --num_iters_decay}: the last iterations over which the rates fall to zero (0: none)
 * @param lrUpdateStep {@code --lr_update_step}
 * @param resumeIters {@code --resume_iters}: 0 to start fresh
 * @param logStep {@code --log_step}
 * @param sampleStep {@code --sample_step}
 * @param modelSaveStep {@code --model_save_step}
 * @param testIters {@code --test_iters}
 */
public record StarGanOptions(StarGanDatasetKind dataset, int cDim, int c2Dim, List<String> selectedAttrs,
        int imageSize, int gConvDim, int dConvDim, int gRepeatNum, int dRepeatNum, double lambdaCls,
        double lambdaRec, double lambdaGp, double gLr, double dLr, int nCritic, double beta2, int numIters,
        int numItersDecay, int lrUpdateStep, int resumeIters, int logStep, int sampleStep, int modelSaveStep,
        int testIters) {

    /** The reference defaults (CelebA, 5 attributes, 128 px, 200000 iterations). */
    public static final StarGanOptions DEFAULTS = new StarGanOptions(StarGanDatasetKind.CELEBA, 5, 8,
            StarGanDataOptions.DEFAULT_ATTRS, 128, 64, 64, 6, 6, 1, 10, 10, 1e-4, 1e-4, 5, 0.999, 200000, 100000,
            1000, 0, 10, 1000, 10000, 200000);

    /** Validates every value and the consistency of labels with attributes and sizes. */
    public StarGanOptions {
        Objects.requireNonNull(dataset, "dataset");
        selectedAttrs = List.copyOf(selectedAttrs);
        atLeast("--c_dim", cDim, 1);
        atLeast("--c2_dim", c2Dim, 1);
        atLeast("--g_conv_dim", gConvDim, 1);
        atLeast("--d_conv_dim", dConvDim, 1);
        atLeast("--g_repeat_num", gRepeatNum, 0);
        atLeast("--d_repeat_num", dRepeatNum, 1);
        atLeast("--n_critic", nCritic, 1);
        atLeast("--num_iters", numIters, 1);
        atLeast("--num_iters_decay", numItersDecay, 0);
        atLeast("--lr_update_step", lrUpdateStep, 1);
        atLeast("--resume_iters", resumeIters, 0);
        atLeast("--log_step", logStep, 1);
        atLeast("--sample_step", sampleStep, 1);
        atLeast("--model_save_step", modelSaveStep, 1);
        atLeast("--test_iters", testIters, 0);
        if (imageSize < 4 || imageSize % (1 << dRepeatNum) != 0) {
            throw new InvalidOptionException("--image_size " + imageSize + " must be a multiple of 2^--d_repeat_num"
                    + " = " + (1 << Math.min(dRepeatNum, 30)) + "; e.g. --image_size 128 with --d_repeat_num 6");
        }
        nonNegative("--lambda_cls", lambdaCls);
        nonNegative("--lambda_rec", lambdaRec);
        nonNegative("--lambda_gp", lambdaGp);
        nonNegative("--g_lr", gLr);
        nonNegative("--d_lr", dLr);
        if (!(beta2 >= 0 && beta2 < 1)) {
            throw new InvalidOptionException("--beta2 must lie in [0, 1), got " + beta2);
        }
        if (dataset != StarGanDatasetKind.RAFD && selectedAttrs.size() != cDim) {
            throw new InvalidOptionException("--c_dim " + cDim + " but " + selectedAttrs.size()
                    + " --selected_attrs (" + String.join(" ", selectedAttrs) + "); give one attribute per label");
        }
    }

    private static void atLeast(String option, int value, int min) {
        if (value < min) {
            throw new InvalidOptionException(option + " must be at least " + min + ", got " + value);
        }
    }

    private static void nonNegative(String option, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new InvalidOptionException(option + " must be a non-negative number, got " + value);
        }
    }

    /** @return how the trainer runs {@code Solver.train()}'s iterations, from these options */
    public IterationSchedule iterationSchedule() {
        return new IterationSchedule(numIters, numItersDecay, lrUpdateStep, logStep, sampleStep, modelSaveStep,
                resumeIters);
    }

    /** @return the generator's label width: c_dim, or c_dim + c2_dim + 2 (mask) for Both */
    public int generatorLabels() {
        return dataset == StarGanDatasetKind.BOTH ? cDim + c2Dim + 2 : cDim;
    }

    /** @return the discriminator's class outputs: c_dim, or c_dim + c2_dim for Both */
    public int discriminatorLabels() {
        return dataset == StarGanDatasetKind.BOTH ? cDim + c2Dim : cDim;
    }

    /** @return the label width a batch carries: c_dim, or c_dim + c2_dim for Both */
    public int batchLabels() {
        return discriminatorLabels();
    }

    /**
     * @return a builder-like copy path for the few values tests and small runs change
     * @param size {@code --image_size}
     * @param gDim {@code --g_conv_dim}
     * @param dDim {@code --d_conv_dim}
     * @param gRepeat {@code --g_repeat_num}
     * @param dRepeat {@code --d_repeat_num}
     */
    public StarGanOptions withNetworks(int size, int gDim, int dDim, int gRepeat, int dRepeat) {
        return new StarGanOptions(dataset, cDim, c2Dim, selectedAttrs, size, gDim, dDim, gRepeat, dRepeat,
                lambdaCls, lambdaRec, lambdaGp, gLr, dLr, nCritic, beta2, numIters, numItersDecay, lrUpdateStep,
                resumeIters, logStep, sampleStep, modelSaveStep, testIters);
    }

    /**
     * @param kind {@code --dataset}
     * @param c {@code --c_dim}
     * @param c2 {@code --c2_dim}
     * @param attrs {@code --selected_attrs}
     * @return a copy with these labels
     */
    public StarGanOptions withLabels(StarGanDatasetKind kind, int c, int c2, List<String> attrs) {
        return new StarGanOptions(kind, c, c2, attrs, imageSize, gConvDim, dConvDim, gRepeatNum, dRepeatNum,
                lambdaCls, lambdaRec, lambdaGp, gLr, dLr, nCritic, beta2, numIters, numItersDecay, lrUpdateStep,
                resumeIters, logStep, sampleStep, modelSaveStep, testIters);
    }

    /**
     * @param iters {@code --num_iters}
     * @param decay {@code --num_iters_decay}
     * @param updateStep {@code --lr_update_step}
     * @param critic {@code --n_critic}
     * @return a copy with this schedule
     */
    public StarGanOptions withSchedule(int iters, int decay, int updateStep, int critic) {
        return new StarGanOptions(dataset, cDim, c2Dim, selectedAttrs, imageSize, gConvDim, dConvDim, gRepeatNum,
                dRepeatNum, lambdaCls, lambdaRec, lambdaGp, gLr, dLr, critic, beta2, iters, decay, updateStep,
                resumeIters, logStep, sampleStep, modelSaveStep, testIters);
    }

    /**
     * @param g {@code --g_lr}
     * @param d {@code --d_lr}
     * @return a copy with these rates
     */
    public StarGanOptions withLearningRates(double g, double d) {
        return new StarGanOptions(dataset, cDim, c2Dim, selectedAttrs, imageSize, gConvDim, dConvDim, gRepeatNum,
                dRepeatNum, lambdaCls, lambdaRec, lambdaGp, g, d, nCritic, beta2, numIters, numItersDecay,
                lrUpdateStep, resumeIters, logStep, sampleStep, modelSaveStep, testIters);
    }
}
