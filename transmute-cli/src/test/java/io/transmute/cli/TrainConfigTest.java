package io.transmute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.transmute.core.data.SyntheticShapes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --config FILE}: options from YAML or JSON, the command line winning. */
class TrainConfigTest {
    @TempDir
    Path tmp;

    @Test
    void yamlConfig_givesTheOptions_andTheCommandLineWins() throws IOException {
        Path data = tmp.resolve("shapes");
        SyntheticShapes.writeAligned(data, 4, 1, 32, 1);
        Path yaml = Files.writeString(tmp.resolve("tiny.yaml"), String.join("\n",
                "# a tiny pix2pix", "dataroot: " + data, "checkpoints_dir: " + tmp.resolve("ck"), "name: from_file",
                "model: pix2pix", "netG: unet_32", "ngf: 4", "ndf: 4", "load_size: 32", "crop_size: 32",
                "n_epochs: 1", "n_epochs_decay: 0", "num_threads: 0", "threads: 1", "no_html: true",
                "no_flip: false", ""));
        CliRun r = CliRun.of("train", "--config", yaml.toString(), "--name", "from_cli", "--ngf", "8");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(tmp.resolve("ck/from_file")).doesNotExist();
        String opts = Files.readString(tmp.resolve("ck/from_cli/train_opt.txt"));
        assertThat(opts).contains("ngf: 8").contains("netG: unet_32").contains("n_epochs: 1")
                .contains("no_html: True");
    }

    @Test
    void badConfigs_areOneLineUsageErrors() throws IOException {
        Path json = Files.writeString(tmp.resolve("c.json"), "{\"n_epochz\": 3}");
        CliRun r = CliRun.of("train", "--config", json.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("n_epochz");

        Path broken = Files.writeString(tmp.resolve("c.yaml"), "n_epochs: [1, 2\n");
        r = CliRun.of("train", "--config", broken.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.errorLine()).contains("c.yaml: not valid YAML");

        r = CliRun.of("train", "--config", tmp.resolve("missing.yaml").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.errorLine()).contains("missing.yaml: no such file");
    }
}
