package io.transmute.core.optim;

import java.util.List;
import org.bytedeco.pytorch.Tensor;

/**
 * Makes the gradients of an optimizer's parameters agree across the processes of a data-parallel run before
 * the optimizer applies them, as PyTorch's {@code DistributedDataParallel} does during {@code backward()}.
 * Called by {@link Adam#step()} with the parameters in the optimizer's fixed order.
 */
@FunctionalInterface
public interface GradientSync {
    /**
     * Replaces every defined gradient by its average over all processes, in place.
     *
     * @param parameters the optimizer's parameters; those without a gradient are left alone
     */
    void synchronize(List<Tensor> parameters);
}
