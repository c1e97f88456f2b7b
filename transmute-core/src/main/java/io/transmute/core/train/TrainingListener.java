package io.transmute.core.train;

import io.transmute.core.model.TranslationModel;
import io.transmute.core.model.Visual;
import java.util.List;
import java.util.Map;

/**
 * Receives what a training run produces, in the role of the reference's {@code util/visualizer.py}: the loss
 * log, HTML page, loss plot and progress display implement it, so the trainer itself never writes output.
 * Calls come from the training thread, in order; every method does nothing unless overridden.
 */
public interface TrainingListener {
    /**
     * Called once before {@link #onStart}, with the model being trained, for listeners that look at it between
     * steps (evaluation during training); the model stays owned by the trainer.
     *
     * @param model the model, built and, when resuming, restored
     * @param restored what {@link #checkpointState} returned when the checkpoint this run continues from was
     *     written; empty for a new run
     */
    default void onModel(TranslationModel model, Map<String, Object> restored) {
    }

    /**
     * What this listener needs to continue after {@code --continue_train}: saved in every checkpoint's training
     * state and in {@code run.json}, and handed back through {@link #onModel}. Top-level keys name the listener's
     * own entries; values are plain: maps with string keys, lists, strings, numbers, booleans.
     *
     * @return the state, empty for a listener without any
     */
    default Map<String, Object> checkpointState() {
        return Map.of();
    }

    /**
     * Called once before the first step, also when resuming.
     *
     * @param run the run
     */
    default void onStart(RunInfo run) {
    }

    /**
     * Called after every step, for progress displays; keep it cheap. The timings are this step's: compute time
     * per sample and the wait for its batch.
     *
     * @param step counters, timings and losses of the step just done
     */
    default void onStep(IterationInfo step) {
    }

    /**
     * Called every {@code --print_freq} samples.
     *
     * @param iteration counters, timings and losses
     */
    default void onIteration(IterationInfo iteration) {
    }

    /**
     * Called every {@code --display_freq} samples with the current images. Listeners copy what they keep.
     *
     * @param epoch current epoch
     * @param totalIters samples seen so far
     * @param visuals labelled images in the model's order
     */
    default void onVisuals(int epoch, long totalIters, List<Visual> visuals) {
    }

    /**
     * Called when an epoch ends.
     *
     * @param epoch the epoch that ended
     * @param seconds its wall-clock duration
     * @param learningRate the learning rate after the scheduler step
     */
    default void onEpochEnd(int epoch, double seconds, double learningRate) {
    }

    /**
     * Called after a checkpoint is written.
     *
     * @param checkpoint what was saved
     */
    default void onCheckpoint(CheckpointInfo checkpoint) {
    }

    /** Called once after the last epoch, or when training stops early without an error. */
    default void onFinish() {
    }
}
