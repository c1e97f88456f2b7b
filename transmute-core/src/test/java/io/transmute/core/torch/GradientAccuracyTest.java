package io.transmute.core.torch;

import static org.assertj.core.api.Assertions.assertThat;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

class GradientAccuracyTest {
    @Test
    void stackedConvolutions_float32GradientsAgreeWithFloat64() {
        Torch.init();
        Torch.seed(0);
        Sequence net = new Sequence().add(Layers.conv(6, 64, 4, 2, 1, true)).add(Layers.leakyRelu(0.2))
                .add(Layers.conv(64, 1, 4, 1, 1, true));
        try (Scope s = Scope.open()) {
            Tensor x = torch.randn(1, 6, 64, 64);
            Tensor y = net.forward(x);
            y.mul(y).mean().backward();
            Tensor g32 = net.parameters().get(0).grad().to(torch.ScalarType.Double);
            net.to(torch.ScalarType.Double, false);
            for (long i = 0; i < net.parameters().size(); i++) {
                net.parameters().get(i).grad().zero_();
            }
            Tensor y64 = net.forward(x.to(torch.ScalarType.Double));
            y64.mul(y64).mean().backward();
            Tensor g64 = net.parameters().get(0).grad();
            // float32 rounding alone stays near 1e-8 here; oneDNN's backward was off by 1.5e-3
            assertThat(g32.sub(g64).abs().max().item_double()).isLessThan(1e-6);
        }
    }
}
