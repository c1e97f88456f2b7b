package io.transmute.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LabColorTest {
    @Test
    void pureColours_matchScikitImage() {
        assertThat(LabColor.toLab(1, 1, 1)).containsExactly(new double[] {100, 0, 0}, within(0.01));
        assertThat(LabColor.toLab(0, 0, 0)).containsExactly(new double[] {0, 0, 0}, within(1e-9));
        assertThat(LabColor.toLab(1, 0, 0)).containsExactly(new double[] {53.2408, 80.0925, 67.2032}, within(1e-3));
        assertThat(LabColor.toLab(0, 1, 0)).containsExactly(new double[] {87.7347, -86.1827, 83.1793},
                within(1e-3));
    }

    @Test
    void toRgb_invertsToLab() {
        double[][] colours = {{0.2, 0.5, 0.9}, {1, 0, 0}, {0.01, 0.02, 0.03}, {0.5, 0.5, 0.5}};
        for (double[] c : colours) {
            double[] lab = LabColor.toLab(c[0], c[1], c[2]);
            assertThat(LabColor.toRgb(lab[0], lab[1], lab[2])).containsExactly(c, within(1e-6));
        }
    }
}
