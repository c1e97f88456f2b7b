package io.transmute.core.torch;

import static org.assertj.core.api.Assertions.assertThat;

import io.transmute.core.torch.Sequence.Layer;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

class ConvolutionKernelsTest {
    @Test
    void selfCheck_passesForEveryLayerKind_andLeavesTheRandomGeneratorAsFound() {
        Torch.init();
        Torch.seed(42);
        byte[] before = Torch.cpuGeneratorState();
        double error = ConvolutionKernels.selfCheckError();
        assertThat(error).isLessThan(ConvolutionKernels.TOLERANCE);
        assertThat(Torch.cpuGeneratorState()).isEqualTo(before);
    }

    @Test
    void gradientError_flagsALayerWhoseFloat32GradientIsOffByOnePercent() {
        Torch.init();
        Torch.seed(0);
        Layer conv = Layers.conv(8, 32, 3, 1, 1, true);
        Layer skewed = new Layer(conv.module(), x -> {
            Tensor y = conv.forward().apply(x);
            return x.element_size() == 4 ? y.mul(new org.bytedeco.pytorch.Scalar(1.01)) : y;
        });
        assertThat(ConvolutionKernels.gradientError(skewed, 8)).isGreaterThan(1e-2);
        assertThat(ConvolutionKernels.gradientError(Layers.conv(8, 32, 3, 1, 1, true), 8))
                .isLessThan(ConvolutionKernels.TOLERANCE);
    }

    @Test
    void nativeOnly_switchesOneDnnOffUntilTheLastHandleCloses() {
        Torch.init();
        boolean before = ConvolutionKernels.oneDnn();
        try (ConvolutionKernels.NativeOnly outer = ConvolutionKernels.nativeOnly()) {
            try (ConvolutionKernels.NativeOnly inner = ConvolutionKernels.nativeOnly()) {
                assertThat(ConvolutionKernels.oneDnn()).isFalse();
            }
            assertThat(ConvolutionKernels.oneDnn()).isFalse();
        }
        assertThat(ConvolutionKernels.oneDnn()).isEqualTo(before);
    }

    @Test
    void channelPaddedConvolution_keepsItsParameterShapesAndComputesTheSameOutput() {
        Torch.init();
        Torch.seed(0);
        Layer conv = Layers.conv(16, 3, 7, 1, 3, true);
        assertThat(conv.module().parameters().get(0).sizes().vec().get()).containsExactly(3, 16, 7, 7);
        assertThat(conv.module().parameters().get(1).sizes().vec().get()).containsExactly(3);
        try (Scope s = Scope.open()) {
            Tensor x = torch.randn(2, 16, 32, 32);
            Tensor padded = conv.forward().apply(x);
            Tensor plain;
            try (NoGradGuard g = new NoGradGuard()) {
                plain = conv.forward().apply(x);
            }
            assertThat(padded.sizes().vec().get()).containsExactly(2, 3, 32, 32);
            assertThat(padded.sub(plain).abs().max().item_double()).isLessThan(1e-5);
        }
    }
}
