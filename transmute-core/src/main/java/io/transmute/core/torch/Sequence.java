package io.transmute.core.torch;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Tensor;

/**
 * The equivalent of {@code nn.Sequential}: children are registered under their index ("0", "1", ...), so
 * state-dict keys match PyTorch's, and parameter-free layers take up an index as they do there. Unlike the
 * JavaCPP {@code SequentialImpl} it accepts our own {@link Net} subclasses.
 */
public class Sequence extends Net {
    private final List<UnaryOperator<Tensor>> steps = new ArrayList<>();

    /**
     * Appends a layer.
     *
     * @param layer a layer made by {@link Layers}
     * @return this
     */
    public Sequence add(Layer layer) {
        register_module(Integer.toString(steps.size()), layer.module());
        steps.add(layer.forward());
        return this;
    }

    /**
     * Appends a Java module.
     *
     * @param net the module
     * @return this
     */
    public Sequence add(Net net) {
        register_module(Integer.toString(steps.size()), net);
        steps.add(net::forward);
        return this;
    }

    /** @return the number of layers */
    public int length() {
        return steps.size();
    }

    @Override
    public Tensor forward(Tensor input) {
        Tensor x = input;
        for (UnaryOperator<Tensor> step : steps) {
            x = Tensors.advance(x, input, step.apply(x));
        }
        return x;
    }

    /**
     * A built-in module and its forward function, as produced by {@link Layers}.
     *
     * @param module the module to register
     * @param forward its forward pass
     */
    public record Layer(Module module, UnaryOperator<Tensor> forward) {
    }
}
