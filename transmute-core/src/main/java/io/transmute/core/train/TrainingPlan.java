package io.transmute.core.train;

import io.transmute.core.model.ModelRegistry;
import io.transmute.core.model.TranslationModel;
import java.util.List;

/**
 * When a training run logs, shows visuals, saves, decays its learning rates and stops: the reference's epochs
 * ({@link EpochPlan}, junyanz {@code train.py}) or yunjey/stargan's iterations ({@link IterationPlan}). The
 * {@link Trainer}'s one loop asks its plan; the model declares which plan it trains by in its
 * {@link io.transmute.core.model.ModelSpec}.
 *
 * <p>The loop counts samples ({@code total_iters}, which {@code --max_iters} and the checkpoint position use)
 * and iterations (one per batch); {@link #counter} says which of the two the plan's frequencies and the reports
 * count.
 */
sealed interface TrainingPlan permits EpochPlan, IterationPlan {
    /**
     * @param options the run's options
     * @return the plan the run's model declares
     */
    static TrainingPlan of(TrainOptions options) {
        return ModelRegistry.get(options.model()).iterationSchedule(options.modelOptions())
                .<TrainingPlan>map(IterationPlan::new).orElseGet(() -> new EpochPlan(options));
    }

    /**
     * @param model the model, before any step
     * @return one schedule per optimizer, at its start
     */
    LearningRates learningRates(TranslationModel model);

    /**
     * @param start where the run starts
     * @return the first and last epoch for the run's reports
     */
    int[] epochRange(TrainingCheckpoint.Position start);

    /**
     * @param epoch the epoch about to be read
     * @param iteration iterations done
     * @return whether the plan trains in it
     */
    boolean hasEpoch(int epoch, long iteration);

    /** @return whether the rates are decayed at the beginning of every epoch (else after every step) */
    boolean decaysPerEpoch();

    /**
     * @param iteration iterations done
     * @return whether the plan is complete, whatever epoch the data is in
     */
    boolean isOver(long iteration);

    /**
     * @param actual images in the batch just trained
     * @param batchSize {@code --batch_size}
     * @return the samples it counts for: the reference's epochs count {@code --batch_size} per step even for a
     *     short last batch, yunjey's solver the images
     */
    int samples(int actual, int batchSize);

    /**
     * @param totalIters samples trained
     * @param iteration iterations done
     * @return what the plan's frequencies and the reports count
     */
    long counter(long totalIters, long iteration);

    /**
     * @param counter the value of {@link #counter} after a step
     * @return whether to report the step's losses
     */
    boolean logAt(long counter);

    /**
     * @param counter the value of {@link #counter} after a step
     * @param shownThisEpoch whether visuals were shown earlier in this epoch
     * @return whether to show the step's visuals
     */
    boolean visualsAt(long counter, boolean shownThisEpoch);

    /** @return whether shown visuals include the model's samples ({@link TranslationModel#evaluate}) */
    boolean showsSamples();

    /**
     * @param counter the value of {@link #counter} after a step
     * @return the checkpoint label to save after the step, or null for none
     */
    String saveAt(long counter);

    /**
     * @param epoch an epoch just finished
     * @return the checkpoint labels to save at its end
     */
    List<String> endOfEpoch(int epoch);

    /** @return whether the end of an epoch is reported and a run stopped early shows its last visuals */
    boolean reportsEpochs();

    /** @return whether every checkpoint also writes the reference's {@code <iteration>-<net>.ckpt} files */
    boolean savesIterationFiles();

    /**
     * @param epoch the epoch the loop ended in
     * @param epochDone whether that epoch's data is all trained
     * @param iteration iterations done
     * @return whether the whole plan is trained
     */
    boolean completed(int epoch, boolean epochDone, long iteration);
}
