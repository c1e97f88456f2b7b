package io.transmute.core.torch;

import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Tensor;

/**
 * A module written in Java with one tensor in and one out. Children registered through
 * {@link #register_module} become dotted state-dict key paths, exactly as in PyTorch.
 */
public abstract class Net extends Module {
    /**
     * @param input the input batch
     * @return the output batch
     */
    public abstract Tensor forward(Tensor input);
}
