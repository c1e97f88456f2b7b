package io.transmute.core.torch;

import static org.assertj.core.api.Assertions.assertThat;

import io.transmute.core.torch.Sequence.Layer;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

class SequenceReleaseTest {
    /** Remembers the tensor it was given and doubles it. */
    private static final class Recorder extends Net {
        Tensor seen;

        @Override
        public Tensor forward(Tensor input) {
            seen = input;
            return input.mul(Tensors.scalar(2));
        }
    }

    @Test
    void forward_freesEachIntermediate_butNeverTheCallersInput() {
        Torch.init();
        Recorder a = new Recorder();
        Recorder b = new Recorder();
        Recorder c = new Recorder();
        Sequence seq = new Sequence().add(a).add(b).add(c);
        try (Scope s = Scope.open()) {
            Tensor x = torch.ones(4);
            Tensor y = seq.forward(x);
            assertThat(a.seen).isSameAs(x);
            assertThat(x.isNull()).isFalse();
            assertThat(b.seen.isNull()).as("a's output, once b has run").isTrue();
            assertThat(c.seen.isNull()).as("b's output, once c has run").isTrue();
            assertThat(Tensors.toFloats(y)).containsExactly(8f, 8f, 8f, 8f);
            assertThat(Tensors.toFloats(x)).containsExactly(1f, 1f, 1f, 1f);
        }
    }

    /** Doubles its input and remembers what it returned. */
    private static final class Doubler extends Net {
        Tensor made;

        @Override
        public Tensor forward(Tensor input) {
            made = input.mul(Tensors.scalar(2));
            return made;
        }
    }

    @Test
    void activations_overwriteAnIntermediate_butNeverTheCallersInputOrAViewOfIt() {
        Torch.init();
        try (Scope s = Scope.open()) {
            Doubler d = new Doubler();
            Tensor y = new Sequence().add(d).add(Layers.relu()).forward(Tensors.fromFloats(new float[] {-1, 2}, 2));
            assertThat(y).as("relu ran in place on the doubler's output").isSameAs(d.made);
            assertThat(Tensors.toFloats(y)).containsExactly(0f, 4f);

            Tensor x = Tensors.fromFloats(new float[] {-1, 2}, 2);
            Tensor relu = new Sequence().add(Layers.relu()).forward(x);
            Tensor leaky = new Sequence().add(Layers.identity()).add(Layers.leakyRelu(0.5)).forward(x);
            assertThat(Tensors.toFloats(relu)).containsExactly(0f, 2f);
            assertThat(Tensors.toFloats(leaky)).containsExactly(-0.5f, 2f);
            assertThat(Tensors.toFloats(x)).as("the caller's input").containsExactly(-1f, 2f);
        }
    }

    @Test
    void leakyRelu_inPlace_givesTheSameGradientsAsOutOfPlace() {
        Torch.init();
        torch.manual_seed(5);
        Layer conv1 = Layers.conv(3, 8, 4, 2, 1, true);
        Layer leaky = Layers.leakyRelu(0.2);
        Layer conv2 = Layers.conv(8, 4, 4, 2, 1, true);
        Sequence seq = new Sequence().add(conv1).add(leaky).add(conv2);
        try (Scope s = Scope.open()) {
            Tensor values = torch.randn(2, 3, 16, 16);
            Tensor inPlace = values.clone().set_requires_grad(true);
            Tensor outOfPlace = values.clone().set_requires_grad(true);
            seq.forward(inPlace).pow(Tensors.scalar(2)).sum().backward();
            conv2.forward().apply(leaky.forward().apply(conv1.forward().apply(outOfPlace)))
                    .pow(Tensors.scalar(2)).sum().backward();
            assertThat(Tensors.toFloats(inPlace.grad())).containsExactly(Tensors.toFloats(outOfPlace.grad()));
            assertThat(Tensors.maxAbs(outOfPlace.grad())).isGreaterThan(0);
        }
    }

    @Test
    void advance_keepsAStepThatReturnsItsOwnInput() {
        Torch.init();
        try (Scope s = Scope.open()) {
            Tensor input = torch.ones(2);
            Tensor mid = input.add(Tensors.scalar(1));
            assertThat(Tensors.advance(mid, input, mid)).isSameAs(mid);
            assertThat(mid.isNull()).isFalse();
            Tensor next = Tensors.advance(mid, input, mid.mul(Tensors.scalar(3)));
            assertThat(mid.isNull()).isTrue();
            assertThat(Tensors.toFloats(next)).containsExactly(6f, 6f);
            Tensor fromInput = Tensors.advance(input, input, input.neg());
            assertThat(input.isNull()).isFalse();
            assertThat(Tensors.toFloats(fromInput)).containsExactly(-1f, -1f);
        }
    }

    @Test
    void gradients_areTheSame_whenIntermediatesAreFreedDuringTheForwardPass() {
        Torch.init();
        torch.manual_seed(3);
        Layer conv1 = Layers.conv(3, 8, 3, 1, 1, true);
        Layer norm = Layers.instanceNorm(8, false, false);
        Layer relu = Layers.relu();
        Layer conv2 = Layers.conv(8, 3, 3, 1, 1, true);
        Sequence seq = new Sequence().add(conv1).add(norm).add(relu).add(conv2);
        try (Scope s = Scope.open()) {
            Tensor values = torch.randn(2, 3, 12, 12);
            Tensor freed = values.clone().set_requires_grad(true);
            Tensor kept = values.clone().set_requires_grad(true);
            seq.forward(freed).pow(Tensors.scalar(2)).sum().backward();
            Tensor manual = conv2.forward().apply(relu.forward().apply(norm.forward().apply(
                    conv1.forward().apply(kept))));
            manual.pow(Tensors.scalar(2)).sum().backward();
            assertThat(Tensors.toFloats(freed.grad())).containsExactly(Tensors.toFloats(kept.grad()));
            assertThat(Tensors.maxAbs(kept.grad())).isGreaterThan(0);
        }
    }
}
