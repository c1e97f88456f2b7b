package io.transmute.core.model;

import io.transmute.core.optim.Adam;
import java.util.List;
import java.util.Map;
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
     * Tells a model trained by iterations how many are done before its next step, when a run continues from
     * weights alone (yunjey/stargan's {@code --resume_iters}); models whose updates depend on the iteration
     * (StarGAN's {@code --n_critic}) continue from it. Does nothing by default.
     *
     * @param iterations iterations done
     */
    default void setIterationsDone(long iterations) {
    }

    /**
     * What a weight file of one network records besides its tensors, so that the file alone can be used (StarGAN:
     * its dataset and label names).
     *
     * @param network a name from {@link #networks()}
     * @return records to store; empty by default
     */
    default Map<String, String> weightRecords(String network) {
        return Map.of();
    }

    /** Frees the networks, optimizers and pools. */
    @Override
    void close();
}
