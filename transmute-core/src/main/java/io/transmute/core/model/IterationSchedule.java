package io.transmute.core.model;

import io.transmute.core.InvalidOptionException;
import io.transmute.core.optim.IterationDecaySchedule;
import io.transmute.core.optim.LrSchedule;

/**
 * How a model that trains by iterations rather than epochs (yunjey/stargan's {@code Solver}) is trained: the
 * data over and over, one iteration per batch, until {@code numIters}; losses, samples and checkpoints every so
 * many iterations; each optimizer's rate decayed per iteration. A model declares it in its {@link ModelSpec};
 * the trainer then runs its iteration plan instead of the reference's epochs.
 *
 * @param numIters iterations to train ({@code --num_iters})
 * @param numItersDecay the last iterations over which the rates fall to zero ({@code --num_iters_decay})
 * @param lrUpdateStep iterations between rate decrements ({@code --lr_update_step})
 * @param logStep iterations between loss lines ({@code --log_step})
 * @param sampleStep iterations between sample images ({@code --sample_step})
 * @param saveStep iterations between checkpoints ({@code --model_save_step})
 * @param resumeIters the iteration whose {@code <iter>-<net>.ckpt} files to start from ({@code --resume_iters});
 *     0 to start fresh
 */
public record IterationSchedule(long numIters, long numItersDecay, long lrUpdateStep, int logStep, int sampleStep,
        int saveStep, long resumeIters) {
    /** Rejects counts below their minimum. */
    public IterationSchedule {
        if (numIters < 1 || numItersDecay < 0 || lrUpdateStep < 1) {
            throw new InvalidOptionException("--num_iters and --lr_update_step must be at least 1 and"
                    + " --num_iters_decay >= 0, got " + numIters + ", " + lrUpdateStep + ", " + numItersDecay);
        }
        if (logStep < 1 || sampleStep < 1 || saveStep < 1) {
            throw new InvalidOptionException("--log_step, --sample_step and --model_save_step must be at least 1, got "
                    + logStep + ", " + sampleStep + ", " + saveStep);
        }
        if (resumeIters < 0) {
            throw new InvalidOptionException("--resume_iters " + resumeIters + " is negative; use 0 to start fresh");
        }
    }

    /**
     * @param initialLr an optimizer's initial rate
     * @return its schedule, stepped once per iteration
     */
    public LrSchedule learningRate(double initialLr) {
        return new IterationDecaySchedule(initialLr, numIters, numItersDecay, lrUpdateStep);
    }
}
