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
