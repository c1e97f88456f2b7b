package io.transmute.core.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.transmute.core.InvalidOptionException;
import io.transmute.core.io.ImageCodec;
import io.transmute.core.io.ImageData;
import io.transmute.core.io.TensorData;
import io.transmute.core.nn.GivenGeneratorOptions;
import io.transmute.core.nn.NormType;
import io.transmute.core.testing.Fixtures;
import io.transmute.core.torch.Device;
import io.transmute.core.torch.Precision;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class TranslatorTest {
    @Test
    void load_readsTheArchitectureFromReferenceWeights_andTranslatesABufferedImage() {
        try (Translator t = Translator.load(Fixtures.file("resnet6_ngf4_instance.pth"))) {
            assertThat(t.spec().netG()).isEqualTo("resnet_6blocks");
            assertThat(t.spec().ngf()).isEqualTo(4);
            assertThat(t.spec().norm()).isEqualTo(NormType.INSTANCE);
            BufferedImage in = new BufferedImage(50, 30, BufferedImage.TYPE_INT_ARGB);
            in.setRGB(3, 4, 0x80ff0000);
            BufferedImage out = t.translate(in);
            assertThat(out.getWidth()).isEqualTo(50);
            assertThat(out.getHeight()).isEqualTo(30);
            assertThat(out.getColorModel().hasAlpha()).isTrue();
            assertThat(out.getRGB(3, 4) >>> 24).isEqualTo(0x80);
        }
    }

    @Test
    void translate_imageData_equalsTheArrayPath() {
        try (Translator t = Translator.load(Fixtures.file("unet256_ngf4_batch.pth"),
                TranslatorOptions.defaults().withEval(true))) {
            float[] pixels = Fixtures.f32("unet256_ngf4_batch.input.f32");
            ImageData img = new ImageData(3, 256, 256, pixels, null, 8);
            float[] viaImage = t.translate(img).planes();
            float[] expected = Fixtures.f32("unet256_ngf4_batch.output_eval.f32");
            double max = 0;
            for (int i = 0; i < expected.length; i++) {
                max = Math.max(max, Math.abs(viaImage[i] - expected[i]));
            }
            assertThat(max).isLessThan(1e-4);
            assertThat(ImageCodec.toBufferedImage(t.translate(img)).getWidth()).isEqualTo(256);
        }
    }

    @Test
    void load_takesUnetDropoutFromTheRecordedArchitecture_andReadsSafetensors(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path tmp) {
        io.transmute.core.torch.Torch.seed(4);
        io.transmute.core.nn.GeneratorSpec spec = io.transmute.core.nn.GeneratorSpec.of("unet_64", 3, 3, 8,
                NormType.INSTANCE, false, io.transmute.core.nn.UpsampleType.DECONV);
        java.nio.file.Path recorded = tmp.resolve("recorded_net_G.pth");
        java.nio.file.Path bare = tmp.resolve("bare_net_G.safetensors");
        try (io.transmute.core.torch.Net g = spec.build()) {
            io.transmute.core.io.StateDict sd = io.transmute.core.nn.ModuleWeights.export(g);
            io.transmute.core.io.PthWriter.write(recorded, sd, java.util.Map.of(
                    io.transmute.core.nn.StoredArchitecture.RECORD, new io.transmute.core.nn.StoredArchitecture(
                            "pix2pix", "G", spec, java.util.Map.of()).toJson()));
            io.transmute.core.io.SafeTensors.write(bare, sd, java.util.Map.of());
        }
        float[] pixels = new float[3 * 64 * 64];
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = r.nextFloat() * 2 - 1;
        }
        TensorData x = TensorData.ofFloats(pixels, 3, 64, 64);
        try (Translator t = Translator.load(recorded)) {
            assertThat(t.spec().useDropout()).isFalse();
            assertThat(t.translate(x)).isEqualTo(t.translate(x));
        }
        try (Translator t = Translator.load(bare)) {
            assertThat(t.spec().useDropout()).isTrue();
            assertThat(t.translate(x)).isNotEqualTo(t.translate(x));
        }
    }

    @Test
    void bf16_staysWithinItsStatedErrorOfFloat32_onAResnetAndAUnet() {
        for (String fixture : new String[] {"resnet6_ngf4_instance.pth", "unet256_ngf4_batch.pth"}) {
            int side = fixture.startsWith("unet") ? 256 : 64;
            float[] pixels = new float[3 * side * side];
            java.util.Random r = new java.util.Random(3);
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = (float) Math.sin(i * 0.001) * 0.8f + (r.nextFloat() - 0.5f) * 0.2f;
            }
            TensorData x = TensorData.ofFloats(pixels, 3, side, side);
            TranslatorOptions f32 = TranslatorOptions.defaults().withEval(true);
            float[] exact;
            float[] bf16;
            try (Translator t = Translator.load(Fixtures.file(fixture), f32)) {
                exact = t.translate(x).toFloats();
            }
            try (Translator t = Translator.load(Fixtures.file(fixture), f32.withPrecision(Precision.BFLOAT16))) {
                assertThat(t.description()).endsWith(", bf16");
                bf16 = t.translate(x).toFloats();
                assertThat(t.translate(x).toFloats()).isEqualTo(bf16);
            }
            double sum = 0;
            double max = 0;
            for (int i = 0; i < exact.length; i++) {
                double d = Math.abs(exact[i] - bf16[i]);
                sum += d;
                max = Math.max(max, d);
            }
            // one 8-bit level is 2/255 = 0.0078 in [-1, 1]
            assertThat(sum / exact.length).as(fixture + " mean error").isBetween(1e-5, 0.0078);
            assertThat(max).as(fixture + " max error").isLessThan(0.1);
        }
    }

    @Test
    void load_rejectsContradictingFlags_andArraysWithTheWrongChannelCount() {
        GivenGeneratorOptions given = new GivenGeneratorOptions("unet_256", null, null, null, null, null, null,
                null, null);
        assertThatThrownBy(() -> Translator.load(Fixtures.file("resnet6_ngf4_instance.pth"),
                new TranslatorOptions(Device.CPU, true, null, given, 1)))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("resnet_6blocks")
                .hasMessageContaining("unet_256");
        try (Translator t = Translator.load(Fixtures.file("resnet6_ngf4_instance.pth"))) {
            assertThatThrownBy(() -> t.translate(TensorData.ofFloats(new float[4 * 8 * 8], 4, 8, 8)))
                    .isInstanceOf(InvalidOptionException.class).hasMessageContaining("4 channels");
        }
    }
}
