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
    void unetWorkloads_checkTheSizeAgainstTheDepth() {
        CliRun infer = CliRun.of("bench", "--what", "infer", "--netG", "unet_256", "--size", "128", "--iters", "1");
        assertThat(infer.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(infer.errorLine()).contains("--size 128 does not fit --netG unet_256").contains("unet_128");
        CliRun train = CliRun.of("bench", "--what", "p2p_train", "--size", "96", "--iters", "1", "--warmup", "0");
        assertThat(train.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(train.errorLine()).contains("--size 96 does not fit --netG unet_256").contains("--size 256");
    }

    @Test
    void unknownWorkload_listsTheBenchmarks() {
        CliRun run = CliRun.of("bench", "--what", "gan_train");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.errorLine()).contains("stargan_train").contains("style_train");
    }
}
