package io.transmute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.transmute.core.io.Npy;
import io.transmute.core.io.PthWriter;
import io.transmute.core.io.TensorData;
import io.transmute.core.nn.GeneratorSpec;
import io.transmute.core.nn.ModuleWeights;
import io.transmute.core.nn.NLayerDiscriminator;
import io.transmute.core.nn.NormType;
import io.transmute.core.nn.UpsampleType;
import io.transmute.core.torch.Torch;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Outputs are checked before anything is computed, and inputs are never lost. */
class TranslateOutputsTest {
    @TempDir
    static Path shared;
    static Path generator;

    @BeforeAll
    static void writeGenerator() {
        Torch.seed(7);
        generator = shared.resolve("run/latest_net_G.pth");
        TestWeights.generator(generator,
                GeneratorSpec.of("resnet_6blocks", 3, 3, 4, NormType.INSTANCE, false, UpsampleType.DECONV));
    }

    static Path png(Path file, int seed) throws IOException {
        BufferedImage img = new BufferedImage(12, 8, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 12; x++) {
                img.setRGB(x, y, (x * 20 + seed) << 16 | (y * 30) << 8 | seed);
            }
        }
        Files.createDirectories(file.getParent());
        ImageIO.write(img, file.getFileName().toString().endsWith(".jpg") ? "jpg" : "png", file.toFile());
        return file;
    }

    static CliRun translate(String... args) {
        String[] all = Stream.concat(Stream.of("translate", "--weights", generator.toString(), "--quiet"),
                Stream.of(args)).toArray(String[]::new);
        return CliRun.of(all);
    }

    static long files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).count();
        }
    }

    @Test
    void sameStemInOneFolder_isRefusedBeforeTranslating_andFormatSameKeepsBoth(@TempDir Path tmp)
            throws IOException {
        png(tmp.resolve("in/a.png"), 1);
        png(tmp.resolve("in/a.jpg"), 2);
        Path out = tmp.resolve("out");
        CliRun r = translate(tmp.resolve("in").toString(), "-o", out.toString());
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.errorLine()).contains("a.jpg and ").contains("a.png would both be written to")
                .contains("--format same");
        assertThat(files(out)).isZero();

        r = translate(tmp.resolve("in").toString(), "-o", out.toString(), "--format", "same");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(out.resolve("a.png")).exists();
        assertThat(out.resolve("a.jpg")).exists();
        assertThat(r.out()).contains("wrote 2 file(s)");
    }

    @Test
    void sameNameFromTwoFolders_isRefused(@TempDir Path tmp) throws IOException {
        png(tmp.resolve("dA/x.png"), 1);
        png(tmp.resolve("dB/x.png"), 2);
        CliRun r = translate(tmp.resolve("dA/x.png").toString(), tmp.resolve("dB/x.png").toString(), "-o",
                tmp.resolve("out").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.errorLine()).contains("would both be written to").contains("common parent folder");
        assertThat(files(tmp.resolve("out"))).isZero();

        r = translate(tmp.resolve("dA").toString(), tmp.resolve("dB").toString(), "-o",
                tmp.resolve("out").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void outputInsideAnInputFolder_needsOverwrite_andNeverReplacesAnInput(@TempDir Path tmp) throws IOException {
        Path in = tmp.resolve("in");
        png(in.resolve("a.png"), 1);
        png(in.resolve("b.jpg"), 2);
        byte[] original = Files.readAllBytes(in.resolve("a.png"));
        for (Path o : new Path[] {in, in.resolve("sub")}) {
            CliRun r = translate(in.toString(), "-o", o.toString());
            assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.USAGE);
            assertThat(r.errorLine()).contains("the input folder").contains("--overwrite");
        }
        CliRun r = translate(in.toString(), "-o", in.toString(), "--overwrite");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.errorLine()).contains("a.png").contains("would replace an input file");
        assertThat(Files.readAllBytes(in.resolve("a.png"))).isEqualTo(original);

        r = translate(in.resolve("b.jpg").toString(), "-o", in.toString(), "--format", "jpg");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.errorLine()).contains("would replace an input file");

        r = translate(in.toString(), "-o", in.resolve("sub").toString(), "--overwrite");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(in.resolve("sub/a.png")).exists();
        assertThat(in.resolve("sub/b.png")).exists();
        assertThat(Files.readAllBytes(in.resolve("a.png"))).isEqualTo(original);
    }

    @Test
    void outputThatIsAFile_isOneErrorBeforeComputing(@TempDir Path tmp) throws IOException {
        png(tmp.resolve("in/a.png"), 1);
        png(tmp.resolve("in/sub/b.png"), 2);
        Path file = Files.writeString(tmp.resolve("out.png"), "x");
        CliRun r = translate(tmp.resolve("in").toString(), "-o", file.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.errorLine()).contains("out.png is a file, not a folder");
        assertThat(r.out()).doesNotContain("translating");

        Path out = tmp.resolve("out");
        Files.createDirectories(out);
        Files.writeString(out.resolve("sub"), "in the way");
        r = translate(tmp.resolve("in").toString(), "-o", out.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.errorLine()).contains("sub is a file");
        assertThat(r.err()).doesNotContain("Exception");
    }

    @Test
    void symlinkLoop_isSkippedWithAWarning(@TempDir Path tmp) throws IOException {
        Path in = tmp.resolve("in");
        png(in.resolve("a.png"), 1);
        Files.createSymbolicLink(in.resolve("loop"), in);
        CliRun r = translate(in.toString(), "-o", tmp.resolve("out").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("warning: ").contains("loop").contains("symbolic link");
        assertThat(tmp.resolve("out/a.png")).exists();
    }

    @Test
    void weightsMessages_folderDiscriminatorAndChannels(@TempDir Path tmp) throws IOException {
        Path img = png(tmp.resolve("x.png"), 1);
        CliRun r = CliRun.of("translate", "--weights", generator.getParent().toString(), img.toString(), "-o",
                tmp.resolve("o").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.errorLine()).contains("is a folder, not a weights file").contains("latest_net_G.pth")
                .doesNotContain("no such file");

        Path d = tmp.resolve("latest_net_D.pth");
        try (NLayerDiscriminator net = new NLayerDiscriminator(6, 4, 3, NormType.BATCH)) {
            PthWriter.write(d, ModuleWeights.export(net));
        }
        r = CliRun.of("translate", "--weights", d.toString(), img.toString(), "-o", tmp.resolve("o").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.errorLine()).contains("discriminator").contains("latest_net_G.pth");

        Path four = tmp.resolve("four.npy");
        Npy.write(four, TensorData.ofFloats(new float[4 * 8 * 8], 4, 8, 8));
        r = translate(four.toString(), "-o", tmp.resolve("o").toString());
        assertThat(r.err()).contains("4 channels").doesNotContain("--input_nc");
    }

    @Test
    void unreadableInputs_sayWhatIsWrong_andArrayRangesAreChecked(@TempDir Path tmp) throws IOException {
        Files.createDirectories(tmp.resolve("in"));
        Path empty = Files.createFile(tmp.resolve("in/empty.png"));
        Files.writeString(tmp.resolve("in/junk.png"), "not a png");
        float[] big = new float[3 * 8 * 8];
        big[5] = 200f;
        Npy.write(tmp.resolve("in/big.npy"), TensorData.ofFloats(big, 3, 8, 8));
        float[] nan = new float[3 * 8 * 8];
        nan[7] = Float.NaN;
        Npy.write(tmp.resolve("in/nan.npy"), TensorData.ofFloats(nan, 3, 8, 8));
        png(tmp.resolve("in/ok.png"), 3);
        CliRun r = translate(tmp.resolve("in").toString(), "-o", tmp.resolve("out").toString());
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.PARTIAL);
        assertThat(r.err()).contains(empty + ": empty file").doesNotContain("ppm")
                .contains("junk.png: not a readable image")
                .contains("nan.npy: holds NaN")
                .contains("warning: " + tmp.resolve("in/big.npy") + ": 1 of 192 values lie outside [-1, 1]");
        assertThat(tmp.resolve("out/big.npy")).exists();
        assertThat(tmp.resolve("out/ok.png")).exists();
    }
}
