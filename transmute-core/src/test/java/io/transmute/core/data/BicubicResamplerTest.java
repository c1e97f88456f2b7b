package io.transmute.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BicubicResamplerTest {
    private static int[] bytes(Picture p) {
        int[] out = new int[p.pixels().length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.round(p.pixels()[i] * 255f);
        }
        return out;
    }

    private static Picture row(int... values) {
        float[] px = new float[values.length];
        for (int i = 0; i < px.length; i++) {
            px[i] = values[i] / 255f;
        }
        return new Picture(1, values.length, 1, px, 8);
    }

    @Test
    void constantImage_staysConstant_upAndDown_8And16Bit() {
        for (int bits : new int[] {8, 16}) {
            float v = bits == 8 ? 77 / 255f : 40000 / 65535f;
            float[] px = new float[3 * 13 * 9];
            java.util.Arrays.fill(px, v);
            Picture p = new Picture(3, 13, 9, px, bits);
            for (int[] size : new int[][] {{40, 31}, {5, 3}, {13, 20}, {1, 1}}) {
                Picture out = BicubicResampler.resize(p, size[0], size[1]);
                assertThat(out.width()).isEqualTo(size[0]);
                assertThat(out.height()).isEqualTo(size[1]);
                for (float f : out.pixels()) {
                    assertThat(f).isCloseTo(v, within(bits == 8 ? 0f : 1e-6f));
                }
            }
        }
    }

    @Test
    void upsample_matchesHandComputedKeysWeights() {
        // output 1 centres at 0.75: taps cubic(0.25) = 0.8671875 and cubic(0.75) = 0.2265625, normalised by their
        // sum 1.09375, give 255 * 0.20714 = 52.8 -> 53; output 0 overshoots below 0 and is clipped
        assertThat(bytes(BicubicResampler.resize(row(0, 255), 4, 1))).containsExactly(0, 53, 202, 255);
    }

    @Test
    void downsample_widensTheKernelByTheScale() {
        // scale 2: taps at distances 0.25, 0.25, 0.75, 1.25 -> weights 0.8672, 0.8672, 0.2266, -0.0703 over
        // 1.8906; 255 * (0.2266 - 0.0703) / 1.8906 = 21.07
        assertThat(bytes(BicubicResampler.resize(row(0, 0, 255, 255), 2, 1))).containsExactly(21, 234);
    }

    @Test
    void verticalPass_equalsHorizontalPassTransposed() {
        Picture col = new Picture(1, 1, 2, new float[] {0f, 1f}, 8);
        assertThat(bytes(BicubicResampler.resize(col, 1, 4))).containsExactly(0, 53, 202, 255);
    }

    @Test
    void sameSize_returnsTheInput() {
        Picture p = row(1, 2, 3);
        assertThat(BicubicResampler.resize(p, 3, 1)).isSameAs(p);
    }

    @Test
    void sixteenBit_keepsFractionalPrecision() {
        Picture p = new Picture(1, 2, 1, new float[] {0f, 1f}, 16);
        Picture out = BicubicResampler.resize(p, 4, 1);
        assertThat(out.bitDepth()).isEqualTo(16);
        assertThat(out.pixels()[1]).isCloseTo(0.2265625f / 1.09375f, within(1e-6f));
        assertThat(out.pixels()[0]).isZero();
    }
}
