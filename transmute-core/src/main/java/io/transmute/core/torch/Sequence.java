package io.transmute.core.torch;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Tensor;

/**
 * The equivalent of {@code nn.Sequential}: children are registered under their index ("0", "1", ...), so
 * state-dict keys match PyTorch's, and parameter-free layers take up an index as they do there. Unlike the
 * JavaCPP {@code SequentialImpl} it accepts our own {@link Net} subclasses.
 */
public class Sequence extends Net {
    private final List<BinaryOperator<Tensor>> steps = new ArrayList<>();

    /**
     * Appends a layer.
     *
     * @param layer a layer made by {@link Layers}
     * @return this
     */
    public Sequence add(Layer layer) {
        register_module(Integer.toString(steps.size()), layer.module());
        steps.add(layer::apply);
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
        steps.add((x, input) -> net.forward(x));
        return this;
    }

    /** @return the number of layers */
    public int length() {
        return steps.size();
    }

    @Override
    public Tensor forward(Tensor input) {
        Tensor x = input;
        for (BinaryOperator<Tensor> step : steps) {
            x = Tensors.advance(x, input, step.apply(x, input));
        }
        return x;
    }

    /**
     * A built-in module and its forward function, as produced by {@link Layers}.
     *
     * @param module the module to register
     * @param forward its forward pass
     * @param inPlace the same pass overwriting its input and returning it, or null where the layer has none
     */
    public record Layer(Module module, UnaryOperator<Tensor> forward, UnaryOperator<Tensor> inPlace) {
        /**
         * @param module the module to register
         * @param forward its forward pass
         */
        public Layer(Module module, UnaryOperator<Tensor> forward) {
            this(module, forward, null);
        }

        /**
         * Runs the layer on an intermediate of the caller's forward pass, in place when the layer can: never on
         * {@code input} itself or a view of it, which belong to the caller's caller.
         *
         * @param x the previous layer's output
         * @param input what the caller's forward pass received
         * @return the output; {@code x} itself when it was overwritten
         */
        public Tensor apply(Tensor x, Tensor input) {
            return inPlace != null && x != input && !x.is_alias_of(input) ? inPlace.apply(x) : forward.apply(x);
        }
    }
}
