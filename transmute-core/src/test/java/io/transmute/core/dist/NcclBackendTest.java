package io.transmute.core.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.transmute.core.torch.Torch;
import java.time.Duration;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

/** {@code --dist_backend nccl} where there is no CUDA: refused up front, before any rendezvous. */
class NcclBackendTest {
    @Test
    void nccl_withoutCuda_isAOneLineErrorSayingWhatItNeeds_andJoinsNothing() {
        Torch.init();
        assumeFalse(torch.cuda_is_available(), "this machine has CUDA: the NCCL group would be built");
        // nobody serves this port: an attempt to rendezvous would wait out the timeout instead of failing at once
        DistOptions o = new DistOptions("127.0.0.1", 1, 2, 1, Backend.NCCL, Duration.ofSeconds(60));
        long start = System.nanoTime();
        assertThatThrownBy(() -> DistributedContext.join(o)).isInstanceOf(DistributedException.class)
                .hasMessageStartingWith("rank 1: --dist_backend nccl needs")
                .hasMessageContaining("--dist_backend gloo")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(30);
    }
}
