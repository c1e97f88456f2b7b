package io.transmute.core.torch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.transmute.core.InvalidOptionException;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

class TorchTest {
    @Test
    void cpuGeneratorState_restoreReplaysTheSameRandomNumbers() {
        Torch.seed(42);
        byte[] state = Torch.cpuGeneratorState();
        float[] first;
        try (Scope s = Scope.open()) {
            first = Tensors.toFloats(torch.rand(16));
        }
        Torch.restoreCpuGeneratorState(state);
        try (Scope s = Scope.open()) {
            assertThat(Tensors.toFloats(torch.rand(16))).containsExactly(first);
        }
    }

    @Test
    void device_parsesSpecs_andRejectsTyposWithTheFix() {
        assertThat(Device.parse("cpu")).isEqualTo(Device.CPU);
        assertThat(Device.parse("cuda").toString()).isEqualTo("cuda:0");
        assertThat(Device.parse("CUDA:1").index()).isEqualTo(1);
        assertThatThrownBy(() -> Device.parse("gpu")).isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("use cpu, cuda or cuda:N");
    }

    @Test
    void device_cuda_failsClearlyWhenUnavailable() {
        Torch.init();
        if (torch.cuda_is_available()) {
            assertThat(torch.cuda_device_count()).isPositive();
            return;
        }
        assertThatThrownBy(() -> Device.resolve("cuda")).isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("CUDA is not available").hasMessageContaining("--device cpu");
    }

    @Test
    void threads_areApplied() {
        int before = Torch.threads();
        try {
            Torch.setThreads(1);
            assertThat(Torch.threads()).isEqualTo(1);
        } finally {
            Torch.setThreads(before);
        }
        assertThatThrownBy(() -> Torch.setThreads(-1)).isInstanceOf(InvalidOptionException.class);
    }
}
