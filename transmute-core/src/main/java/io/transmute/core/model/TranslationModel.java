package io.transmute.core.model;

import io.transmute.core.optim.Adam;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bytedeco.pytorch.Tensor;

/**
 * An image-to-image translation model: its networks, one training step, and translation. The reference's
 * {@code BaseModel} surface, with everything a step produces returned instead of left in fields.
 *
 * <p>Networks and optimizers are created by the constructor, outside any step scope, and freed by
 * {@link #close()}. Each call that computes runs inside the caller's {@code Scope}.
 */
public interface TranslationModel extends AutoCloseable {
    /** @return the registry name, e.g. {@code pix2pix} */
    String name();

    /** @return the options the model was built with */
    ModelOptions options();

    /** @return the networks by reference name; saved as {@code <epoch>_net_<name>.pth} */
    NetworkSet networks();

    /**
     * Every discriminator and generator update for one batch (the reference's {@code optimize_parameters}).
     *
     * @param input the batch
     * @return the losses computed in the step and the visuals, copied to the heap
     * @throws io.transmute.core.InvalidOptionException for a model that cannot train
     */
    StepResult trainStep(ModelInput input);

    /**
     * The reference's {@code test()}: forward without gradients, networks in their current mode (train mode
     * unless {@code --eval}), then the current visuals.
     *
     * @param input the batch; B may be absent
     * @return the visuals
     */
    List<Visual> evaluate(ModelInput input);

    /**
     * Runs the main generator in eval mode without gradients, restoring its mode afterwards.
     *
     * @param input {@code [N, input_nc, H, W]} in [-1, 1]
     * @return {@code [N, output_nc, H, W]} in [-1, 1], in the current scope
     */
    Tensor translate(Tensor input);

    /**
     * Puts every network in eval or train mode (the reference's {@code --eval} at test time).
     *
     * @param eval true for eval mode
     */
    void setEvalMode(boolean eval);

    /** @return the optimizers by name ({@code G}, {@code D}); empty for a model that does not train */
    Map<String, Adam> optimizers();

    /**
     * Sets the learning rate of every optimizer (what the reference's schedulers do each epoch).
     *
     * @param lr the new rate
     */
    void setLearningRate(double lr);

    /** @return the current learning rate of the first optimizer, or the option's value without optimizers */
    double learningRate();

    /** @return everything exact resume needs besides the weights */
    TrainingState state();

    /**
     * Continues from a saved state; the weights are loaded separately.
     *
     * @param state a value from {@link #state()} of a model with the same options
     */
    void loadState(TrainingState state);

    /**
     * Whether the model counts its own iterations and schedules its own learning rates (yunjey/stargan), and
     * how the trainer should report and save. Epoch-based models (the default) return empty, and the trainer runs
     * the reference's epochs with {@code --lr_policy}.
     *
     * @return the model's iteration schedule, or empty for an epoch-based model
     */
    default Optional<IterationSchedule> iterationSchedule() {
        return Optional.empty();
    }

    /** @return whether the model trains by its own iteration schedule ({@link #iterationSchedule()} present) */
    default boolean iterationBased() {
        return iterationSchedule().isPresent();
    }

    /** @return iterations done by an iteration-based model; 0 for an epoch-based one */
    default long iteration() {
        return 0;
    }

    /** @return whether an iteration-based model has done all its iterations; always false for epoch-based ones */
    default boolean finished() {
        return false;
    }

    /**
     * Writes the model's own checkpoint files for the current iteration (StarGAN: {@code <iter>-G.ckpt} and
     * {@code <iter>-D.ckpt}), besides the trainer's training state.
     *
     * @param dir the run folder
     * @return the files written; empty for a model without its own files (the default)
     */
    default List<Path> saveIterationCheckpoint(Path dir) {
        return List.of();
    }

    /**
     * Loads the model's own checkpoint of iteration {@code iters} and continues from there (StarGAN's
     * {@code --resume_iters}).
     *
     * @param dir the run folder
     * @param iters the iteration to resume from
     * @throws io.transmute.core.CheckpointException when the files are missing or do not fit
     * @throws UnsupportedOperationException for a model without its own checkpoints (the default)
     */
    default void restoreIterationCheckpoint(Path dir, long iters) {
        throw new UnsupportedOperationException(name() + " has no iteration checkpoints");
    }

    /** Frees the networks, optimizers and pools. */
    @Override
    void close();
}
