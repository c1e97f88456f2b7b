package io.transmute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.transmute.core.data.SyntheticShapes;
import io.transmute.core.io.PthReader;
import io.transmute.core.io.PthWriter;
import io.transmute.core.io.StateDict;
import io.transmute.core.io.TensorData;
import io.transmute.core.nn.GeneratorSpec;
import io.transmute.core.nn.NormType;
import io.transmute.core.nn.UpsampleType;
import io.transmute.core.torch.Torch;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectCommandTest {
    @TempDir
    static Path shared;
    static Path generator;

    @BeforeAll
    static void writeGenerator() {
        Torch.seed(5);
        generator = shared.resolve("latest_net_G.pth");
        TestWeights.generator(generator,
                GeneratorSpec.of("resnet_6blocks", 3, 3, 8, NormType.INSTANCE, false, UpsampleType.DECONV));
    }

    static Path image(Path dir) throws IOException {
        Path img = dir.resolve("x.png");
        ImageIO.write(new BufferedImage(12, 12, BufferedImage.TYPE_INT_RGB), "png", img.toFile());
        return img;
    }

    /** Flips one bit inside the largest tensor's stored bytes, leaving the zip's structure intact. */
    static Path bitFlipped(Path dir) throws IOException {
        StateDict sd = PthReader.read(generator);
        String key = sd.keyList().stream().max(java.util.Comparator.comparingLong(k -> sd.get(k).numel()))
                .orElseThrow();
        byte[] data = sd.get(key).data();
        byte[] all = Files.readAllBytes(generator);
        int at = indexOf(all, java.util.Arrays.copyOfRange(data, 0, 64));
        assertThat(at).as("tensor bytes in the file").isPositive();
        all[at + data.length / 2] ^= 0x10;
        Path out = dir.resolve("flipped_net_G.pth");
        Files.write(out, all);
        return out;
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void bitFlippedWeights_areRefusedByTranslateInspectAndVerify(@TempDir Path tmp) throws IOException {
        Path flipped = bitFlipped(tmp);
        CliRun r = CliRun.of("translate", "--weights", flipped.toString(), image(tmp).toString(), "-o",
                tmp.resolve("out").toString());
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.errorLine()).contains("flipped_net_G.pth").contains("CRC-32");
        assertThat(tmp.resolve("out/x.png")).doesNotExist();

        r = CliRun.of("inspect", flipped.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.errorLine()).contains("CRC-32");

        r = CliRun.of("inspect", "--verify", flipped.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.errorLine()).contains("CRC-32");
    }

    @Test
    void verify_saysOkForAGoodFile_andNamesNonFiniteTensors(@TempDir Path tmp) throws IOException {
        CliRun r = CliRun.of("inspect", "--verify", generator.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("ok").contains("CRC-32").contains("all values finite");

        StateDict sd = PthReader.read(generator);
        float[] w = sd.get("model.1.weight").toFloats();
        w[3] = Float.NaN;
        sd.put("model.1.weight", TensorData.ofFloats(w, sd.get("model.1.weight").shape()));
        Path nan = tmp.resolve("nan_net_G.pth");
        PthWriter.write(nan, sd, Map.of());
        r = CliRun.of("inspect", "--verify", nan.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.errorLine()).contains("model.1.weight (1 of ");

        r = CliRun.of("translate", "--weights", nan.toString(), image(tmp).toString(), "-o",
                tmp.resolve("out").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.errorLine()).contains("NaN or infinite").contains("model.1.weight");
    }

    @Test
    void inspect_trainingState_showsPositionNetworksOptimizersAndOptions(@TempDir Path tmp) {
        Path data = tmp.resolve("shapes");
        SyntheticShapes.writeAligned(data, 4, 2, 32, 1);
        CliRun train = CliRun.of("train", "--dataroot", data.toString(), "--checkpoints_dir",
                tmp.resolve("ck").toString(), "--name", "tiny", "--model", "pix2pix", "--netG", "unet_32", "--ngf",
                "4", "--ndf", "4", "--load_size", "32", "--crop_size", "32", "--n_epochs", "1", "--n_epochs_decay",
                "0", "--num_threads", "0", "--threads", "1");
        assertThat(train.exitCode()).as(train.err()).isZero();
        Path state = tmp.resolve("ck/tiny/latest_train_state.pth");
        CliRun r = CliRun.of("inspect", state.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("training state of a pix2pix run")
                .contains("epoch 1, 4 batch(es) into it").contains("total_iters 4")
                .contains("network G: ").contains("network D: ")
                .contains("optimizer G: Adam").contains("step 4")
                .contains("--ngf 4");
        assertThat(CliRun.of("inspect", "--verify", state.toString()).out()).contains("ok");
    }
}
