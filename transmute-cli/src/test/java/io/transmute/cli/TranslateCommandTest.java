package io.transmute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.transmute.core.io.ImageCodec;
import io.transmute.core.io.ImageData;
import io.transmute.core.io.Npy;
import io.transmute.core.io.TensorData;
import io.transmute.core.nn.GeneratorSpec;
import io.transmute.core.nn.NormType;
import io.transmute.core.nn.UpsampleType;
import io.transmute.core.torch.Torch;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TranslateCommandTest {
    @TempDir
    static Path shared;
    static Path smallG;
    static Path grayG;

    @BeforeAll
    static void writeSmallGenerators() {
        Torch.seed(3);
        smallG = shared.resolve("latest_net_G.pth");
        TestWeights.generator(smallG,
                GeneratorSpec.of("resnet_6blocks", 3, 3, 8, NormType.INSTANCE, false, UpsampleType.DECONV));
        grayG = shared.resolve("gray_net_G.pth");
        TestWeights.generator(grayG,
                GeneratorSpec.of("resnet_6blocks", 1, 1, 8, NormType.INSTANCE, false, UpsampleType.DECONV));
    }

    private static double maxAbsDiff(float[] a, float[] b) {
        assertThat(a).hasSameSizeAs(b);
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    @ParameterizedTest
    @CsvSource({"unet256_ngf4_batch,--eval,output_eval", "unet256_ngf4_batch,--no_dropout,output_trainbn",
        "resnet6_ngf4_instance,--eval,output", "unet128_ngf4_instance_in1_out2,--no_dropout,output"})
    void translate_npy_matchesReferenceOutput(String fixture, String mode, String output, @TempDir Path tmp)
            throws IOException {
        com.fasterxml.jackson.databind.JsonNode shapeNode = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(CliFixtures.file("small_fixtures.json").toFile()).path("fixtures").path(fixture).path("input")
                .path("shape");
        long[] shape = new long[shapeNode.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = shapeNode.get(i).asLong();
        }
        float[] in = CliFixtures.f32(fixture + ".input.f32");
        float[] expected = CliFixtures.f32(fixture + "." + output + ".f32");
        Path input = tmp.resolve("in.npy");
        Npy.write(input, TensorData.ofFloats(in, shape));
        CliRun run = CliRun.of("translate", "--weights", CliFixtures.file(fixture + ".pth").toString(),
                input.toString(), "-o", tmp.resolve("out").toString(), mode, "--threads", "2");
        assertThat(run.exitCode()).as(run.err()).isZero();
        float[] actual = Npy.read(tmp.resolve("out/in.npy")).toFloats();
        assertThat(maxAbsDiff(actual, expected)).isLessThanOrEqualTo(1e-4);
    }

    private static void writePng(Path file, int w, int h, int type) throws IOException {
        BufferedImage img = new BufferedImage(w, h, type);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, 0x80000000 | (x * 7 % 256) << 16 | (y * 5 % 256) << 8 | ((x + y) % 256));
            }
        }
        Files.createDirectories(file.getParent());
        ImageIO.write(img, "png", file.toFile());
    }

    @Test
    void translate_folder_keepsSizesStemsAndAlpha_andReportsTheCorruptFile(@TempDir Path tmp) throws IOException {
        Path in = tmp.resolve("in");
        writePng(in.resolve("a.png"), 37, 29, BufferedImage.TYPE_INT_RGB);
        writePng(in.resolve("sub/b.png"), 64, 48, BufferedImage.TYPE_INT_ARGB);
        writePng(in.resolve("c.png"), 37, 29, BufferedImage.TYPE_BYTE_GRAY);
        Files.writeString(in.resolve("broken.jpg"), "not really a jpeg");
        CliRun run = CliRun.of("translate", "--weights", smallG.toString(), in.toString(), "-o",
                tmp.resolve("out").toString(), "--batch_size", "4", "--quiet");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.PARTIAL);
        assertThat(run.err()).contains("1 of 4 file(s) failed").contains("broken.jpg");
        ImageData a = ImageCodec.read(tmp.resolve("out/a.png"), 3);
        assertThat(a.width()).isEqualTo(37);
        assertThat(a.height()).isEqualTo(29);
        ImageData b = ImageCodec.read(tmp.resolve("out/sub/b.png"), 3);
        assertThat(b.width()).isEqualTo(64);
        assertThat(b.hasAlpha()).isTrue();
        assertThat(Files.exists(tmp.resolve("out/c.png"))).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"resize_and_crop,40,32,32,32", "scale_width,40,32,40,32", "crop,40,32,32,32", "none,40,32,64,48"})
    void translate_preprocess_appliesTheReferenceTestTimeSizes(String mode, int load, int crop, int w, int h,
            @TempDir Path tmp) throws IOException {
        Path in = tmp.resolve("in.png");
        writePng(in, 64, 48, BufferedImage.TYPE_INT_RGB);
        CliRun run = CliRun.of("translate", "--weights", smallG.toString(), in.toString(), "-o",
                tmp.resolve("out").toString(), "--preprocess", mode, "--load_size", "" + load, "--crop_size",
                "" + crop);
        assertThat(run.exitCode()).as(run.err()).isZero();
        ImageData out = ImageCodec.read(tmp.resolve("out/in.png"), 3);
        assertThat(out.width()).isEqualTo(w);
        assertThat(out.height()).isEqualTo(h);
    }

    @Test
    void translate_precisionBf16_isCloseToFloat32_andAnUnknownPrecisionIsAUsageError(@TempDir Path tmp)
            throws IOException {
        Path in = tmp.resolve("in");
        writePng(in.resolve("img.png"), 48, 40, BufferedImage.TYPE_INT_RGB);
        assertThat(CliRun.of("translate", "--weights", smallG.toString(), in.toString(), "-o",
                tmp.resolve("f32").toString(), "--quiet").exitCode()).isZero();
        CliRun bf16 = CliRun.of("translate", "--weights", smallG.toString(), in.toString(), "-o",
                tmp.resolve("bf16").toString(), "--quiet", "--precision", "bf16");
        assertThat(bf16.exitCode()).isZero();
        assertThat(bf16.out()).contains("instance norm, bf16");
        BufferedImage a = javax.imageio.ImageIO.read(tmp.resolve("f32/img.png").toFile());
        BufferedImage b = javax.imageio.ImageIO.read(tmp.resolve("bf16/img.png").toFile());
        int worst = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                for (int shift = 0; shift < 24; shift += 8) {
                    int d = (a.getRGB(x, y) >> shift & 0xff) - (b.getRGB(x, y) >> shift & 0xff);
                    worst = Math.max(worst, Math.abs(d));
                }
            }
        }
        assertThat(worst).isLessThanOrEqualTo(12);
        CliRun bad = CliRun.of("translate", "--weights", smallG.toString(), in.toString(), "-o",
                tmp.resolve("x").toString(), "--precision", "fp16");
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.errorLine()).isEqualTo("error: --precision 'fp16' is unknown; use float32 or bf16");
    }

    @Test
    void translate_batching_givesTheSameOutputAsOneImageAtATime(@TempDir Path tmp) throws IOException {
        Path in = tmp.resolve("in");
        for (int i = 0; i < 3; i++) {
            writePng(in.resolve("img" + i + ".png"), 40 + i, 40 + i, BufferedImage.TYPE_INT_RGB);
        }
        writePng(in.resolve("img3.png"), 40, 40, BufferedImage.TYPE_INT_RGB);
        assertThat(CliRun.of("translate", "--weights", smallG.toString(), in.toString(), "-o",
                tmp.resolve("one").toString(), "--quiet", "--format", "tif").exitCode()).isZero();
        assertThat(CliRun.of("translate", "--weights", smallG.toString(), in.toString(), "-o",
                tmp.resolve("four").toString(), "--quiet", "--batch_size", "4", "--format", "tif").exitCode())
                .isZero();
        for (int i = 0; i < 4; i++) {
            assertThat(Files.readAllBytes(tmp.resolve("four/img" + i + ".tif")))
                    .isEqualTo(Files.readAllBytes(tmp.resolve("one/img" + i + ".tif")));
        }
    }

    @Test
    void translate_grayscaleModel_reads16BitAndWrites16Bit(@TempDir Path tmp) throws IOException {
        Path in = tmp.resolve("in.png");
        BufferedImage img = new BufferedImage(30, 20, BufferedImage.TYPE_USHORT_GRAY);
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 30; x++) {
                img.getRaster().setSample(x, y, 0, x * 2000 + y);
            }
        }
        ImageIO.write(img, "png", in.toFile());
        CliRun run = CliRun.of("translate", "--weights", grayG.toString(), in.toString(), "-o",
                tmp.resolve("out").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        ImageData out = ImageCodec.read(tmp.resolve("out/in.png"), 1);
        assertThat(out.bitDepth()).isEqualTo(16);
        assertThat(out.channels()).isEqualTo(1);
    }

    @Test
    void translate_badInputs_oneLineErrorsAndExitCodes(@TempDir Path tmp) throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        CliRun r = CliRun.of("translate", "--weights", smallG.toString(), empty.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.errorLine()).contains("empty").contains("no images found");

        Path img = tmp.resolve("x.png");
        writePng(img, 8, 8, BufferedImage.TYPE_INT_RGB);
        Path cut = tmp.resolve("cut_net_G.pth");
        byte[] all = Files.readAllBytes(smallG);
        Files.write(cut, java.util.Arrays.copyOf(all, all.length / 3));
        r = CliRun.of("translate", "--weights", cut.toString(), img.toString(), "-o", tmp.resolve("o").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.errorLine()).contains("cut_net_G.pth").contains("truncated or corrupt");
        assertThat(r.err()).doesNotContain("\tat ");

        r = CliRun.of("translate", "--weights", smallG.toString(), img.toString(), "--ngf", "16");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.errorLine()).contains("--ngf 8").contains("--ngf 16");

        r = CliRun.of("translate", "--weights", smallG.toString(), img.toString(), "--batch_size", "0");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.errorLine()).contains("--batch_size");

        r = CliRun.of("translate", "--weights", smallG.toString(), img.toString(), "--format", "gif");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.errorLine()).contains("--format gif");

        r = CliRun.of("translate", "--weights", tmp.resolve("missing.pth").toString(), img.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.errorLine()).contains("missing.pth").contains("no such file");

        r = CliRun.of("translate", "--weights", smallG.toString(), tmp.resolve("nope.png").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.errorLine()).contains("nope.png");

        r = CliRun.of("translate", "--weights", smallG.toString(), img.toString(), "--threads", "-2");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);

        r = CliRun.of("translate", "--weights", smallG.toString(), img.toString(), "--device", "tpu");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.errorLine()).contains("use cpu, cuda or cuda:N");

        r = CliRun.of("translate", "--weights", smallG.toString(), img.toString(), "--preprocess", "zoom");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.errorLine()).contains("--preprocess zoom").contains("resize_and_crop");

        r = CliRun.of("translate", "--bogus");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void translate_wrongChannelArray_failsThatFileOnly(@TempDir Path tmp) {
        Path good = tmp.resolve("good.npy");
        Path bad = tmp.resolve("bad.npy");
        Npy.write(good, TensorData.ofFloats(new float[3 * 12 * 12], 3, 12, 12));
        Npy.write(bad, TensorData.ofFloats(new float[2 * 12 * 12], 2, 12, 12));
        CliRun r = CliRun.of("translate", "--weights", smallG.toString(), good.toString(), bad.toString(), "-o",
                tmp.resolve("out").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.PARTIAL);
        assertThat(r.err()).contains("bad.npy").contains("2 channels");
        assertThat(Npy.read(tmp.resolve("out/good.npy")).shape()).containsExactly(3, 12, 12);
    }
}
