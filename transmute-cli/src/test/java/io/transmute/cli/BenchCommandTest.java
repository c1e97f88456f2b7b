package io.transmute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BenchCommandTest {
    @Test
    void starganTrain_checksTheSizeAgainstTheReferenceDiscriminator() {
        CliRun run = CliRun.of("bench", "--what", "stargan_train", "--size", "100", "--iters", "1", "--warmup", "0");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.errorLine()).contains("--image_size 100").contains("--d_repeat_num");
    }

    @Test
    void unknownWorkload_listsTheBenchmarks() {
        CliRun run = CliRun.of("bench", "--what", "gan_train");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.errorLine()).contains("stargan_train").contains("style_train");
    }
}
