package io.transmute.core.torch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.StringTensorDict;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

class LayersTest {
    static List<String> keys(StringTensorDict d) {
        List<String> out = new ArrayList<>();
        for (long i = 0; i < d.size(); i++) {
            out.add(d.get(i).key().getString());
        }
        return out;
    }

    @Test
    void sequence_registersChildrenUnderIndices_likeNnSequential() {
        Torch.init();
        Sequence seq = new Sequence()
                .add(Layers.reflectionPad(3))
                .add(Layers.conv(3, 8, 7, 1, 0, true))
                .add(Layers.batchNorm(8))
                .add(Layers.relu())
                .add(Layers.convTranspose(8, 4, 3, 2, 1, 1, false));
        assertThat(keys(seq.named_parameters())).containsExactly(
                "1.weight", "1.bias", "2.weight", "2.bias", "4.weight");
        assertThat(keys(seq.named_buffers())).containsExactly(
                "2.running_mean", "2.running_var", "2.num_batches_tracked");
        try (Scope s = Scope.open()) {
            Tensor y = seq.forward(torch.randn(2, 3, 16, 16));
            assertThat(Tensors.shape(y)).containsExactly(2, 4, 32, 32);
        }
    }

    @Test
    void scope_keep_handsTensorToEnclosingScope() {
        Torch.init();
        Tensor kept;
        try (Scope outer = Scope.open()) {
            try (Scope inner = Scope.open()) {
                kept = inner.keep(torch.ones(3));
            }
            assertThat(kept.isNull()).isFalse();
            assertThat(Tensors.toFloats(kept)).containsExactly(1f, 1f, 1f);
        }
        assertThat(kept.isNull()).isTrue();
    }
}
