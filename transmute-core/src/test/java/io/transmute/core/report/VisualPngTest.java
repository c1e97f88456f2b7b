package io.transmute.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.transmute.core.data.ImagePlane;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class VisualPngTest {
    @Test
    void toByte_followsTensor2im_truncatingAfterClamping() {
        assertThat(VisualPng.toByte(-1f)).isZero();
        assertThat(VisualPng.toByte(1f)).isEqualTo(255);
        assertThat(VisualPng.toByte(0f)).isEqualTo(127);
        assertThat(VisualPng.toByte(0.999f)).isEqualTo(254);
        assertThat(VisualPng.toByte(3f)).isEqualTo(255);
        assertThat(VisualPng.toByte(-7f)).isZero();
        assertThat(VisualPng.toByte(Float.NaN)).isZero();
    }

    @Test
    void toImage_keepsChannelOrder_andReplicatesGray() {
        ImagePlane rgb = new ImagePlane(3, 1, 1, new float[] {1f, -1f, 0f});
        BufferedImage img = VisualPng.toImage(rgb);
        assertThat(img.getRGB(0, 0) & 0xFFFFFF).isEqualTo(0xFF007F);
        BufferedImage gray = VisualPng.toImage(new ImagePlane(1, 1, 2, new float[] {1f, -1f}));
        assertThat(gray.getRGB(0, 0) & 0xFFFFFF).isEqualTo(0xFFFFFF);
        assertThat(gray.getRGB(1, 0) & 0xFFFFFF).isZero();
    }
}
