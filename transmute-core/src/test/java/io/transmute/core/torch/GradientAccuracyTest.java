package io.transmute.core.torch;

import static org.assertj.core.api.Assertions.assertThat;

import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GradientAccuracyTest {
    private static Sequence net(String layout) {
        Sequence first = new Sequence().add(Layers.conv(6, 64, 4, 2, 1, true)).add(Layers.leakyRelu(0.2));
        return switch (layout) {
            case "patchgan_tail" -> first.add(Layers.conv(64, 1, 4, 1, 1, true));
            case "stargan_class_head" -> first.add(Layers.conv(64, 5, 2, 1, 0, false));
            case "resnet_3x3" -> new Sequence().add(Layers.conv(6, 64, 3, 1, 1, true)).add(Layers.relu())
                    .add(Layers.conv(64, 64, 3, 1, 1, true));
            case "small_3x3" -> new Sequence().add(Layers.conv(6, 8, 3, 1, 1, true)).add(Layers.relu())
                    .add(Layers.conv(8, 8, 3, 1, 1, true));
            case "resnet_out" -> new Sequence().add(Layers.conv(6, 64, 3, 1, 1, true)).add(Layers.relu())
                    .add(Layers.conv(64, 3, 7, 1, 3, true));
            case "stargan_src_head" -> first.add(Layers.conv(64, 1, 3, 1, 1, false));
            case "unet_up" -> first.add(Layers.convTranspose(64, 32, 4, 2, 1, 0, true));
            case "resnet_up" -> first.add(Layers.convTranspose(64, 32, 3, 2, 1, 1, true));
            default -> throw new IllegalArgumentException(layout);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"patchgan_tail", "stargan_class_head", "stargan_src_head", "resnet_3x3", "resnet_out",
        "small_3x3", "unet_up", "resnet_up"})
    void float32FirstLayerGradients_agreeWithFloat64(String layout) {
        Torch.init();
        Torch.seed(0);
        Sequence net = net(layout);
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
            // float32 rounding alone stays near 1e-8 here; oneDNN's input gradient through a stride-1 layer with
            // fewer than 16 output channels (patchgan_tail, stargan heads, resnet_out, small_3x3) was off by 1e-3
            // or NaN before Layers.conv padded those channels
            assertThat(g32.sub(g64).abs().max().item_double()).isLessThan(1e-6);
        }
    }
}
