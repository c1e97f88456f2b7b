package io.transmute.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.transmute.core.DataException;
import io.transmute.core.UnsupportedFormatException;
import io.transmute.core.io.ImageCodec.Quantization;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageCodecTest {
    @TempDir
    Path tmp;

    /** Every 8-bit value at least once, per channel in a different order. */
    static ImageData all8BitValues(int channels) {
        int w = 32;
        int h = 9;
        float[] planes = new float[channels * w * h];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < w * h; i++) {
                int x = (i * (2 * c + 1) + 17 * c) % 256;
                planes[c * w * h + i] = (x / 255f - 0.5f) / 0.5f;
            }
        }
        return new ImageData(channels, h, w, planes, null, 8);
    }

    static ImageData random16Bit(int channels, boolean alpha, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int w = 13;
        int h = 7;
        float[] planes = new float[channels * w * h];
        for (int i = 0; i < planes.length; i++) {
            int x = i < 3 ? new int[] {0, 65535, 1}[i] : rnd.nextInt(65536);
            planes[i] = (x / 65535f - 0.5f) / 0.5f;
        }
        float[] a = null;
        if (alpha) {
            a = new float[w * h];
            for (int i = 0; i < a.length; i++) {
                a[i] = rnd.nextInt(65536) / 65535f;
            }
        }
        return new ImageData(channels, h, w, planes, a, 16);
    }

    @ParameterizedTest
    @ValueSource(strings = {"png", "tif", "tiff", "bmp"})
    void write_thenRead_8bit_isExact_withRounding(String ext) {
        for (int channels : new int[] {1, 3}) {
            ImageData img = all8BitValues(channels);
            Path f = tmp.resolve("img" + channels + "." + ext);

            ImageCodec.write(f, img, Quantization.ROUND);
            ImageData back = ImageCodec.read(f, channels);

            assertThat(back.bitDepth()).isEqualTo(8);
            assertThat(back.width()).isEqualTo(32);
            assertThat(back.height()).isEqualTo(9);
            assertThat(back.planes()).as(ext + " " + channels).containsExactly(img.planes());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"png", "tiff"})
    void write_thenRead_16bit_keepsFullPrecision_andAlpha(String ext) {
        for (int channels : new int[] {1, 3}) {
            for (boolean alpha : new boolean[] {false, true}) {
                ImageData img = random16Bit(channels, alpha, channels * 2L + (alpha ? 1 : 0));
                Path f = tmp.resolve("deep" + channels + alpha + "." + ext);

                ImageCodec.write(f, img);
                ImageData back = ImageCodec.read(f, channels);

                String what = ext + " " + channels + (alpha ? "+alpha" : "");
                assertThat(back.bitDepth()).as(what).isEqualTo(16);
                assertThat(back.planes()).as(what).containsExactly(img.planes());
                if (alpha) {
                    assertThat(back.alpha()).as(what).containsExactly(img.alpha());
                } else {
                    assertThat(back.hasAlpha()).as(what).isFalse();
                }
            }
        }
    }

    @Test
    void write_truncatesLikeTensor2im_by8bitDefault() {
        float v58 = (58 / 255f - 0.5f) / 0.5f;
        // (v + 1) / 2 * 255 is 57.999996 in float32, which astype(np.uint8) truncates to 57
        assertThat(ImageCodec.quantize(v58, 255, Quantization.TRUNCATE)).isEqualTo(57);
        assertThat(ImageCodec.quantize(v58, 255, Quantization.ROUND)).isEqualTo(58);
        assertThat(ImageCodec.quantize(1.5f, 255, Quantization.TRUNCATE)).isEqualTo(255);
        assertThat(ImageCodec.quantize(-3f, 255, Quantization.TRUNCATE)).isZero();
        assertThat(ImageCodec.quantize(Float.NaN, 255, Quantization.ROUND)).isZero();

        ImageData img = new ImageData(1, 1, 2, new float[] {v58, 0.5f}, null, 8);
        Path f = tmp.resolve("fake_B.png");
        ImageCodec.write(f, img);
        BufferedImage written = readRaw(f);
        assertThat(written.getRaster().getSample(0, 0, 0)).isEqualTo(57);
        assertThat(written.getRaster().getSample(1, 0, 0)).isEqualTo(191);
    }

    @Test
    void read_mapsSamplesTo_minusOneToOne_likeToTensorAndNormalize() throws IOException {
        BufferedImage gray = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_GRAY);
        gray.getRaster().setSamples(0, 0, 3, 1, 0, new int[] {0, 128, 255});
        Path f = tmp.resolve("g.png");
        ImageIO.write(gray, "png", f.toFile());

        ImageData img = ImageCodec.read(f, 1);

        assertThat(img.planes()).containsExactly(-1f, 0.003921628f, 1f);
        assertThat(img.bitDepth()).isEqualTo(8);
    }

    @Test
    void read_convertsRgbToGray_withPilLuma_andGrayToRgb_byReplication() throws IOException {
        int[][] rgb = {{255, 0, 0}, {0, 255, 0}, {0, 0, 255}, {12, 200, 77}, {250, 251, 3}, {99, 98, 97}};
        BufferedImage color = new BufferedImage(rgb.length, 1, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < rgb.length; i++) {
            color.setRGB(i, 0, rgb[i][0] << 16 | rgb[i][1] << 8 | rgb[i][2]);
        }
        Path f = tmp.resolve("c.png");
        ImageIO.write(color, "png", f.toFile());

        ImageData gray = ImageCodec.read(f, 1);

        for (int i = 0; i < rgb.length; i++) {
            long luma = Math.round(rgb[i][0] * 0.299 + rgb[i][1] * 0.587 + rgb[i][2] * 0.114);
            assertThat(ImageCodec.quantize(gray.get(0, 0, i), 255, Quantization.ROUND)).as("pixel " + i)
                    .isEqualTo((int) luma);
        }
        assertThat(ImageCodec.quantize(gray.get(0, 0, 0), 255, Quantization.ROUND)).isEqualTo(76);

        Path g = tmp.resolve("gray.png");
        ImageCodec.write(g, gray, Quantization.ROUND);
        ImageData replicated = ImageCodec.read(g, 3);
        for (int c = 0; c < 3; c++) {
            assertThat(Arrays.copyOfRange(replicated.planes(), c * rgb.length, (c + 1) * rgb.length))
                    .containsExactly(gray.planes());
        }
    }

    @Test
    void read_keepsAlphaAside_forRgbaAndGrayAlphaPng() throws IOException {
        BufferedImage argb = new BufferedImage(2, 2, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(0, 0, 0x00ff0000);
        argb.setRGB(1, 0, 0x80_00ff00);
        argb.setRGB(0, 1, 0xff_0000ff);
        argb.setRGB(1, 1, 0x01_102030);
        Path f = tmp.resolve("rgba.png");
        ImageIO.write(argb, "png", f.toFile());

        ImageData img = ImageCodec.read(f, 3);

        assertThat(img.alpha()).containsExactly(0f, 128 / 255f, 1f, 1 / 255f);
        assertThat(img.get(0, 0, 0)).isEqualTo(1f);
        assertThat(img.get(1, 0, 1)).isEqualTo(1f);

        Path out = tmp.resolve("out.png");
        ImageCodec.write(out, img, Quantization.ROUND);
        BufferedImage back = readRaw(out);
        assertThat(back.getColorModel().hasAlpha()).isTrue();
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 2; x++) {
                assertThat(back.getRGB(x, y)).isEqualTo(argb.getRGB(x, y));
            }
        }

        ImageData grayAlpha = ImageCodec.read(f, 1);
        Path ga = tmp.resolve("ga.png");
        ImageCodec.write(ga, grayAlpha, Quantization.ROUND);
        ImageData gaBack = ImageCodec.read(ga, 1);
        assertThat(gaBack.alpha()).containsExactly(img.alpha());
        assertThat(gaBack.planes()).containsExactly(grayAlpha.planes());
        assertThat(readRaw(ga).getRaster().getNumBands()).isEqualTo(2);
    }

    @Test
    void read_resolvesPaletteImages() throws IOException {
        byte[] r = {0, (byte) 255, 10};
        byte[] g = {0, 0, 20};
        byte[] b = {0, 0, 30};
        BufferedImage indexed = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_INDEXED,
                new IndexColorModel(2, 3, r, g, b));
        indexed.getRaster().setSamples(0, 0, 3, 1, 0, new int[] {2, 1, 0});
        Path f = tmp.resolve("p.png");
        ImageIO.write(indexed, "png", f.toFile());

        ImageData img = ImageCodec.read(f, 3);

        assertThat(img.get(0, 0, 0)).isEqualTo((10 / 255f - 0.5f) / 0.5f);
        assertThat(img.get(2, 0, 0)).isEqualTo((30 / 255f - 0.5f) / 0.5f);
        assertThat(img.get(0, 0, 1)).isEqualTo(1f);
        assertThat(img.get(1, 0, 1)).isEqualTo(-1f);
        assertThat(img.hasAlpha()).isFalse();
    }

    @Test
    void read_decodesJpeg_closeToWhatWasWritten() {
        int w = 48;
        int h = 32;
        float[] planes = new float[3 * w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                planes[y * w + x] = x / (w - 1f) * 2 - 1;
                planes[w * h + y * w + x] = y / (h - 1f) * 2 - 1;
                planes[2 * w * h + y * w + x] = 0.2f;
            }
        }
        ImageData img = new ImageData(3, h, w, planes, null, 8);
        for (String ext : new String[] {"jpg", "jpeg"}) {
            Path f = tmp.resolve("photo." + ext);
            ImageCodec.write(f, img);

            ImageData back = ImageCodec.read(f, 3);

            assertThat(back.width()).isEqualTo(w);
            assertThat(back.height()).isEqualTo(h);
            double err = 0;
            for (int i = 0; i < planes.length; i++) {
                err += Math.abs(back.planes()[i] - planes[i]);
            }
            assertThat(err / planes.length).as(ext).isLessThan(0.03);
            ImageData gray = ImageCodec.read(f, 1);
            assertThat(gray.channels()).isEqualTo(1);
        }
    }

    @Test
    void read_decodesBinaryPpm_8And16Bit() throws IOException {
        // P6 header, then RGB samples: one byte each up to maxval 255, two bytes big-endian above
        byte[] header8 = "P6\n2 1\n255\n".getBytes(StandardCharsets.US_ASCII);
        byte[] pixels8 = {(byte) 255, 0, 10, 0, (byte) 128, (byte) 200};
        Path f8 = Files.write(tmp.resolve("two.ppm"), concat(header8, pixels8));

        ImageData rgb = ImageCodec.read(f8, 3);

        assertThat(rgb.width()).isEqualTo(2);
        assertThat(rgb.height()).isEqualTo(1);
        assertThat(rgb.bitDepth()).isEqualTo(8);
        assertThat(rgb.planes()).containsExactly(1f, -1f, -1f, (128 / 255f - 0.5f) / 0.5f,
                (10 / 255f - 0.5f) / 0.5f, (200 / 255f - 0.5f) / 0.5f);
        ImageSamples samples = ImageCodec.readSamples(f8);
        assertThat(samples.color()[2]).containsExactly(10, 200);
        assertThat(samples.hasAlpha()).isFalse();

        byte[] header16 = "P6\n1 1\n65535\n".getBytes(StandardCharsets.US_ASCII);
        byte[] pixels16 = {0, 1, (byte) 0xff, (byte) 0xfe, (byte) 0x80, 0};
        Path f16 = Files.write(tmp.resolve("deep.ppm"), concat(header16, pixels16));

        ImageSamples deep = ImageCodec.readSamples(f16);

        assertThat(deep.bitDepth()).isEqualTo(16);
        assertThat(deep.color()[0]).containsExactly(1);
        assertThat(deep.color()[1]).containsExactly(65534);
        assertThat(deep.color()[2]).containsExactly(32768);
    }

    @Test
    void readSamples_andRead_shareOneLuma_integerFor8Bit_fullPrecisionFor16Bit() {
        assertThat(ImageSamples.luma(200, 100, 50, 8)).isEqualTo(124f);
        assertThat(ImageSamples.luma(200, 100, 50, 16)).isCloseTo(124.2f, within(1e-4f));
        ImageSamples s = new ImageSamples(1, 1, new int[][] {{200}, {100}, {50}}, 65535, null, 255);
        assertThat(s.unitPlanes(1)).containsExactly(ImageSamples.luma(200, 100, 50, 16) / 65535f);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void bufferedImageConversions_roundTrip_16bitRgb() {
        ImageData img = random16Bit(3, true, 99);

        BufferedImage bi = ImageCodec.toBufferedImage(img);
        ImageData back = ImageCodec.fromBufferedImage(bi, 3);

        assertThat(bi.getColorModel().getComponentSize(0)).isEqualTo(16);
        assertThat(back.planes()).containsExactly(img.planes());
        assertThat(back.alpha()).containsExactly(img.alpha());
        assertThat(back.bitDepth()).isEqualTo(16);
    }

    @Test
    void write_dropsAlphaAnd16Bits_forJpegAndBmp() {
        ImageData img = random16Bit(3, true, 5);
        Path f = tmp.resolve("x.bmp");

        ImageCodec.write(f, img);
        ImageData back = ImageCodec.read(f, 3);

        assertThat(back.bitDepth()).isEqualTo(8);
        assertThat(back.hasAlpha()).isFalse();
        for (int i = 0; i < img.planes().length; i++) {
            assertThat(back.planes()[i]).isCloseTo(img.planes()[i], within(2.5f / 255));
        }
    }

    @Test
    void read_reportsCorruptAndUnknownFiles_asOneLineDataException() throws IOException {
        Path good = tmp.resolve("good.png");
        ImageCodec.write(good, all8BitValues(3));
        byte[] bytes = Files.readAllBytes(good);
        Path truncated = Files.write(tmp.resolve("truncated.png"), Arrays.copyOf(bytes, bytes.length / 2));
        Path text = Files.writeString(tmp.resolve("notes.jpg"), "not an image at all");

        for (Path bad : new Path[] {truncated, text}) {
            assertThatThrownBy(() -> ImageCodec.read(bad, 3)).isInstanceOf(DataException.class)
                    .hasMessageStartingWith(bad + ": not a readable image (")
                    .hasMessageEndingWith("; supported: png, jpg, jpeg, bmp, tif, tiff")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
        assertThatThrownBy(() -> ImageCodec.read(tmp.resolve("missing.png"), 3))
                .isInstanceOf(DataException.class).hasMessageContaining("no such image file");
        assertThatThrownBy(() -> ImageCodec.write(tmp.resolve("x.gif"), all8BitValues(1)))
                .isInstanceOf(UnsupportedFormatException.class).hasMessageContaining("supported: png");
    }

    static BufferedImage readRaw(Path f) {
        try {
            return ImageIO.read(f.toFile());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
