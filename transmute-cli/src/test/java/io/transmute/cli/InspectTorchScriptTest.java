package io.transmute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class InspectTorchScriptTest {
    /** Written by PyTorch 1.13 (tools/make_torchscript_fixtures.py); kept once, in the core module's resources. */
    private static final Path ARCHIVE =
            Path.of("../transmute-core/src/test/resources/fixtures/torchscript/tiny_scripted.pt");

    @Test
    void inspect_ofATorchScriptArchive_listsChannelsMethodsAndParameters() {
        CliRun r = CliRun.of("inspect", ARCHIVE.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("TorchScript archive, 6 parameters, 267 values", "3 -> 3 channels",
                "forward", "channels", "decode.0.weight", "[3, 8, 1, 1]");
    }
}
