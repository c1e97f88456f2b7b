package io.transmute.core.torch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FasterKernelsTest {
    /** A pass that says which kernels it ran on, and takes 80 ms on the slow ones. */
    private static String pass(List<String> seen, boolean nativeIsSlow) {
        String kernels = ConvolutionKernels.oneDnn() ? "oneDNN" : "native";
        seen.add(kernels);
        if (kernels.equals("native") == nativeIsSlow) {
            try {
                Thread.sleep(80);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return kernels;
    }

    @Test
    void timesBothOnTheFirstBatch_returnsTheFasterResult_andKeepsTheFasterKernels() {
        Torch.init();
        assumeTrue(ConvolutionKernels.oneDnnVerified(), "oneDNN is off on this machine");
        for (boolean nativeIsSlow : new boolean[] {true, false}) {
            String faster = nativeIsSlow ? "oneDNN" : "native";
            FasterKernels kernels = new FasterKernels();
            List<String> seen = new ArrayList<>();
            assertThat(kernels.choice()).isEmpty();
            assertThat(kernels.run(() -> pass(seen, nativeIsSlow))).isEqualTo(faster);
            assertThat(seen).containsExactly("oneDNN", "native", "oneDNN");
            assertThat(kernels.choice()).hasValueSatisfying(c -> assertThat(c).startsWith(faster + " ("));
            seen.clear();
            for (int i = 0; i < 3; i++) {
                assertThat(kernels.run(() -> pass(seen, nativeIsSlow))).isEqualTo(faster);
            }
            assertThat(seen).containsExactly(faster, faster, faster);
            assertThat(ConvolutionKernels.oneDnn()).as("the process's kernels, restored").isTrue();
        }
    }

    @Test
    void worthTiming_onlyForAUnetOnTheCpuInFloat32_unlessTheKernelsArePinned() {
        assertThat(FasterKernels.worthTiming(true, Device.CPU, Precision.FLOAT32)).isTrue();
        assertThat(FasterKernels.worthTiming(false, Device.CPU, Precision.FLOAT32)).isFalse();
        assertThat(FasterKernels.worthTiming(true, Device.CPU, Precision.BFLOAT16)).isFalse();
        assertThat(FasterKernels.worthTiming(true, Device.parse("cuda"), Precision.FLOAT32)).isFalse();
        assertThat(FasterKernels.worthTiming(true, Device.CPU, Precision.FLOAT32, "1")).isFalse();
        assertThat(FasterKernels.worthTiming(true, Device.CPU, Precision.FLOAT32, "0")).isFalse();
        assertThat(FasterKernels.worthTiming(true, Device.CPU, Precision.FLOAT32, null)).isTrue();
    }
}
