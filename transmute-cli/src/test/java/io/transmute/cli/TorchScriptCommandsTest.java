package io.transmute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TorchScriptCommandsTest {
    /** Written by PyTorch 1.13 (tools/make_torchscript_fixtures.py); kept once, in the core module's resources. */
    private static final Path ARCHIVE =
            Path.of("../transmute-core/src/test/resources/fixtures/torchscript/tiny_scripted.pt");

    @TempDir
    Path dir;

    @Test
    void inspect_ofATorchScriptArchive_listsChannelsMethodsAndParameters() {
        CliRun r = CliRun.of("inspect", ARCHIVE.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("TorchScript archive, 6 parameters, 267 values", "3 -> 3 channels",
                "forward", "channels", "decode.0.weight", "[3, 8, 1, 1]");
    }

    @Test
    void translate_takesATorchScriptArchive_andChecksTheGivenChannels() throws Exception {
        Path img = dir.resolve("in.png");
        ImageIO.write(new BufferedImage(15, 9, BufferedImage.TYPE_INT_RGB), "png", img.toFile());
        CliRun r = CliRun.of("translate", "--weights", ARCHIVE.toString(), img.toString(), "-o",
                dir.resolve("out").toString(), "--threads", "1");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("TorchScript 3 -> 3 channels");
        assertThat(ImageIO.read(dir.resolve("out/in.png").toFile()).getWidth()).isEqualTo(15);

        CliRun bad = CliRun.of("translate", "--weights", ARCHIVE.toString(), img.toString(), "-o",
                dir.resolve("out2").toString(), "--input_nc", "4");
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.errorLine()).contains("--input_nc 4");
    }
}
