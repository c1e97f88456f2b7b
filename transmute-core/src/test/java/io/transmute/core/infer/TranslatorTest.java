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
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class TranslatorTest {
    @Test
    void load_readsTheArchitectureFromReferenceWeights_andTranslatesABufferedImage() {
        try (Translator t = Translator.load(Fixtures.file("resnet6_ngf16_instance.pth"))) {
            assertThat(t.spec().netG()).isEqualTo("resnet_6blocks");
            assertThat(t.spec().ngf()).isEqualTo(16);
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
        try (Translator t = Translator.load(Fixtures.file("unet256_ngf16_batch.pth"),
                TranslatorOptions.defaults().withEval(true))) {
            float[] pixels = Fixtures.f32("unet256_ngf16_batch.input.f32");
            ImageData img = new ImageData(3, 256, 256, pixels, null, 8);
            float[] viaImage = t.translate(img).planes();
            float[] expected = Fixtures.f32("unet256_ngf16_batch.output_eval.f32");
            double max = 0;
            for (int i = 0; i < expected.length; i++) {
                max = Math.max(max, Math.abs(viaImage[i] - expected[i]));
            }
            assertThat(max).isLessThan(1e-4);
            assertThat(ImageCodec.toBufferedImage(t.translate(img)).getWidth()).isEqualTo(256);
        }
    }

    @Test
    void load_rejectsContradictingFlags_andArraysWithTheWrongChannelCount() {
        GivenGeneratorOptions given = new GivenGeneratorOptions("unet_256", null, null, null, null, null, null,
                null, null);
        assertThatThrownBy(() -> Translator.load(Fixtures.file("resnet6_ngf16_instance.pth"),
                new TranslatorOptions(Device.CPU, true, null, given, 1)))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("resnet_6blocks")
                .hasMessageContaining("unet_256");
        try (Translator t = Translator.load(Fixtures.file("resnet6_ngf16_instance.pth"))) {
            assertThatThrownBy(() -> t.translate(TensorData.ofFloats(new float[4 * 8 * 8], 4, 8, 8)))
                    .isInstanceOf(InvalidOptionException.class).hasMessageContaining("4 channels");
        }
    }
}
