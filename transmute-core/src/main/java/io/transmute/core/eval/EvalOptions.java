package io.transmute.core.eval;

import io.transmute.core.InvalidOptionException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

/**
 * What {@code transmute eval} computes.
 *
 * @param real the reference images: a folder, or an {@code .npz} of FID statistics
 * @param fake the images to score: a folder or an {@code .npz}; null to only compute (and save) {@code real}'s
 *     statistics
 * @param metrics what to compute
 * @param dims the FID-Inception features
 * @param fidWeights pytorch-fid's weights file, or null to take {@link FidInception#WEIGHTS_ENV}
 * @param batchSize images per forward pass
 * @param kidSubsets KID's number of subsets
 * @param kidSubsetSize KID's subset size (capped at the smaller set)
 * @param seed draws KID's subsets
 * @param saveStats where to write {@code real}'s statistics, or null
 * @param lpipsWeights the lpips package's {@code vgg.pth}, or null
 * @param vggWeights torchvision's VGG-16 weights, or null
 * @param decodeThreads background threads decoding images
 */
public record EvalOptions(Path real, Path fake, Set<EvalMetric> metrics, FidDims dims, Path fidWeights,
        int batchSize, int kidSubsets, int kidSubsetSize, long seed, Path saveStats, Path lpipsWeights,
        Path vggWeights, int decodeThreads) {
    /** Validates the options. */
    public EvalOptions {
        metrics = metrics.isEmpty() ? EnumSet.noneOf(EvalMetric.class) : EnumSet.copyOf(metrics);
        if (batchSize < 1) {
            throw new InvalidOptionException("--batch_size " + batchSize + " must be at least 1");
        }
        if (kidSubsets < 1 || kidSubsetSize < 2) {
            throw new InvalidOptionException("--kid_subsets must be at least 1 and --kid_subset_size at least 2, got "
                    + kidSubsets + " and " + kidSubsetSize);
        }
        if (fake == null && saveStats == null) {
            throw new InvalidOptionException("give two inputs (REAL FAKE) to compare, or one with --save_stats"
                    + " out.npz to save its statistics");
        }
        if (fake == null && StatsFile.isStatsFile(real)) {
            throw new InvalidOptionException(real + " already is a statistics file; give a folder to --save_stats");
        }
        if (metrics.contains(EvalMetric.LPIPS) && (lpipsWeights == null || vggWeights == null)) {
            throw new InvalidOptionException("lpips needs --lpips_weights (the lpips package's weights/v0.1/"
                    + Lpips.LIN_FILE + ") and --vgg_weights (torchvision's vgg16-397923af.pth)");
        }
        if (fake != null && (StatsFile.isStatsFile(real) || StatsFile.isStatsFile(fake))) {
            for (EvalMetric m : metrics) {
                if (m != EvalMetric.FID) {
                    throw new InvalidOptionException(m.cliName() + " needs image folders; a statistics file (.npz)"
                            + " only gives fid");
                }
            }
        }
        decodeThreads = Math.max(1, decodeThreads);
    }

    /**
     * @param newReal the reference images
     * @param newFake the images to score
     * @return these options for other inputs
     */
    public EvalOptions withInputs(Path newReal, Path newFake) {
        return new EvalOptions(newReal, newFake, metrics, dims, fidWeights, batchSize, kidSubsets, kidSubsetSize,
                seed, saveStats, lpipsWeights, vggWeights, decodeThreads);
    }

    /** @return whether FID-Inception features are needed */
    public boolean needsFeatures() {
        return fake == null || metrics.contains(EvalMetric.FID) || metrics.contains(EvalMetric.KID);
    }
}
