package io.transmute.core.model;

import io.transmute.core.InvalidOptionException;

/**
 * How a model that runs its own iteration schedule (StarGAN) wants the trainer to report and save, in the
 * model's iterations: the trainer loops over the data until {@link TranslationModel#finished()}, with no epoch
 * learning-rate schedule.
 *
 * @param logStep iterations between loss lines ({@code --log_step})
 * @param sampleStep iterations between sample images ({@code --sample_step})
 * @param saveStep iterations between checkpoints ({@code --model_save_step})
 * @param resumeIters the iteration whose checkpoint to start from ({@code --resume_iters}); 0 to start fresh
 */
public record IterationSchedule(int logStep, int sampleStep, int saveStep, long resumeIters) {
    /** Rejects steps below 1 and a negative resume point. */
    public IterationSchedule {
        if (logStep < 1 || sampleStep < 1 || saveStep < 1) {
            throw new InvalidOptionException("--log_step, --sample_step and --model_save_step must be at least 1, got "
                    + logStep + ", " + sampleStep + ", " + saveStep);
        }
        if (resumeIters < 0) {
            throw new InvalidOptionException("--resume_iters " + resumeIters + " is negative; use 0 to start fresh");
        }
    }
}
