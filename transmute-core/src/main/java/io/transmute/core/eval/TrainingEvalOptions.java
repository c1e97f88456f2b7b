package io.transmute.core.eval;

import io.transmute.core.InvalidOptionException;
import io.transmute.core.train.EvalOptionKeys;
import io.transmute.core.train.TrainOptions;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

/**
 * Evaluation during training, resolved from a run's options.
 *
 * @param freq {@code --eval_freq}: epochs (iterations for an iteration-based model) between evaluations, 0 = off
 * @param phase {@code --eval_phase}
 * @param max {@code --eval_max}: images per side, 0 = all
 * @param fidWeights {@code --fid_weights}, or null for the file {@link FidInception#WEIGHTS_ENV} names
 * @param lpipsWeights {@code --lpips_weights}, or null
 * @param vggWeights {@code --vgg_weights} (torchvision's VGG-16, for LPIPS), or null
 * @param keepBest {@code --keep_best}, or null
 */
public record TrainingEvalOptions(int freq, String phase, int max, Path fidWeights, Path lpipsWeights,
        Path vggWeights, EvalMetric keepBest) {
    /** What {@code --keep_best} takes: lower is better for each. */
    public static final Set<EvalMetric> KEEP_BEST_METRICS = EnumSet.of(EvalMetric.FID, EvalMetric.KID,
            EvalMetric.LPIPS, EvalMetric.L1);

    /** Checks the values. */
    public TrainingEvalOptions {
        if (freq < 0) {
            throw new InvalidOptionException("--eval_freq " + freq + " is negative; use 0 for no evaluation");
        }
        if (max < 0) {
            throw new InvalidOptionException("--eval_max " + max + " is negative; use 0 for every image");
        }
        if (phase == null || phase.isBlank() || phase.contains("/") || phase.contains("\\")) {
            throw new InvalidOptionException("--eval_phase '" + phase + "' must be a split name such as test or val");
        }
        if (keepBest != null && !KEEP_BEST_METRICS.contains(keepBest)) {
            throw new InvalidOptionException("--keep_best " + keepBest.cliName() + " is not lower-is-better; use one"
                    + " of fid, kid, lpips, l1");
        }
        if (freq == 0 && keepBest != null) {
            throw new InvalidOptionException("--keep_best needs --eval_freq N to score the generator every N epochs");
        }
        if (keepBest == EvalMetric.LPIPS && (lpipsWeights == null || vggWeights == null)) {
            throw new InvalidOptionException("--keep_best lpips needs --lpips_weights (the lpips package's"
                    + " weights/v0.1/" + Lpips.LIN_FILE + ") and --vgg_weights (torchvision's vgg16-397923af.pth)");
        }
    }

    /**
     * @param options a training run's options
     * @return its evaluation options
     * @throws InvalidOptionException for invalid values
     */
    public static TrainingEvalOptions of(TrainOptions options) {
        String best = options.value(EvalOptionKeys.KEEP_BEST);
        EvalMetric keep = null;
        if (best != null) {
            Set<EvalMetric> parsed = EvalMetric.parseList(best);
            if (parsed.size() != 1) {
                throw new InvalidOptionException("--keep_best takes one of fid, kid, lpips, l1, got '" + best + "'");
            }
            keep = parsed.iterator().next();
        }
        return new TrainingEvalOptions(options.value(EvalOptionKeys.EVAL_FREQ),
                options.value(EvalOptionKeys.EVAL_PHASE), options.value(EvalOptionKeys.EVAL_MAX),
                path(options.value(EvalOptionKeys.FID_WEIGHTS)), path(options.value(EvalOptionKeys.LPIPS_WEIGHTS)),
                options.modelOptions().perceptual().vggWeights(), keep);
    }

    private static Path path(String p) {
        return p == null ? null : Path.of(p);
    }

    /** @return whether evaluation is on */
    public boolean enabled() {
        return freq > 0;
    }

    /**
     * @param paired whether the split has ground truth
     * @return FID and KID for unpaired data; L1, PSNR, SSIM (and LPIPS when its weights are given) for paired
     *     data; plus the {@code --keep_best} metric
     */
    public Set<EvalMetric> metrics(boolean paired) {
        Set<EvalMetric> m = GeneratorEvaluation.defaultMetrics(paired, lpipsWeights != null && vggWeights != null);
        if (keepBest != null) {
            m.add(keepBest);
        }
        return m;
    }

    /**
     * @param paired whether the split has ground truth
     * @param real placeholder reference input, replaced per evaluation
     * @param fake placeholder scored input, replaced per evaluation
     * @param seed draws KID's subsets
     * @return the scoring settings: pytorch-fid's defaults (2048 dims, batch 50), KID with 100 subsets
     */
    public EvalOptions scoring(boolean paired, Path real, Path fake, long seed) {
        return new EvalOptions(real, fake, metrics(paired), FidDims.of(2048), fidWeights, 50, 100, 1000, seed,
                null, lpipsWeights, vggWeights, 2);
    }
}
