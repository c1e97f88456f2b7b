package io.transmute.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.transmute.core.InvalidOptionException;
import io.transmute.core.data.StarGanDatasetKind;
import io.transmute.core.random.Rng;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StarGanLabelsTest {
    private static final List<String> ATTRS = List.of("Black_Hair", "Blond_Hair", "Brown_Hair", "Male", "Young");

    @Test
    void shuffledRows_permutesWholeRows_andVariesWithTheGenerator() {
        float[] labels = new float[8 * 2];
        for (int r = 0; r < 8; r++) {
            labels[2 * r] = r;
            labels[2 * r + 1] = 100 + r;
        }
        Rng rng = new Rng(3);
        Set<String> orders = new HashSet<>();
        for (int k = 0; k < 5; k++) {
            float[] out = StarGanLabels.shuffledRows(labels, 2, rng);
            List<Float> firsts = new ArrayList<>();
            for (int r = 0; r < 8; r++) {
                assertThat(out[2 * r + 1]).isEqualTo(out[2 * r] + 100);
                firsts.add(out[2 * r]);
            }
            assertThat(firsts).containsExactlyInAnyOrder(0f, 1f, 2f, 3f, 4f, 5f, 6f, 7f);
            orders.add(firsts.toString());
        }
        assertThat(orders).hasSizeGreaterThan(1);
        assertThat(StarGanLabels.shuffledRows(labels, 2, new Rng(9)))
                .containsExactly(StarGanLabels.shuffledRows(labels, 2, new Rng(9)));
    }

    @Test
    void createLabels_celeba_setsOneHairColourExclusively_andFlipsOthers() {
        float[] cOrg = {1, 0, 0, 1, 0, /* row 2 */ 0, 0, 1, 0, 1};
        List<float[]> t = StarGanLabels.createLabels(cOrg, 2, 5, StarGanDatasetKind.CELEBA, ATTRS);
        assertThat(t).hasSize(5);
        assertThat(t.get(0)).containsExactly(1, 0, 0, 1, 0, 1, 0, 0, 0, 1);
        assertThat(t.get(1)).containsExactly(0, 1, 0, 1, 0, 0, 1, 0, 0, 1);
        assertThat(t.get(2)).containsExactly(0, 0, 1, 1, 0, 0, 0, 1, 0, 1);
        assertThat(t.get(3)).containsExactly(1, 0, 0, 0, 0, 0, 0, 1, 1, 1);
        assertThat(t.get(4)).containsExactly(1, 0, 0, 1, 1, 0, 0, 1, 0, 0);
        assertThat(cOrg).containsExactly(1, 0, 0, 1, 0, 0, 0, 1, 0, 1);
    }

    @Test
    void createLabels_rafd_givesEachDomainsOneHot() {
        List<float[]> t = StarGanLabels.createLabels(null, 2, 3, StarGanDatasetKind.RAFD, List.of());
        assertThat(t.get(1)).containsExactly(0, 1, 0, 0, 1, 0);
    }

    @Test
    void withMask_placesPartsAndMaskAsReference() {
        assertThat(StarGanLabels.withMask(new float[] {1, 0}, 1, 2, 3, true)).containsExactly(1, 0, 0, 0, 0, 1, 0);
        assertThat(StarGanLabels.withMask(new float[] {0, 0, 1}, 1, 2, 3, false))
                .containsExactly(0, 0, 0, 0, 1, 0, 1);
    }

    @Test
    void parseTargets_keepsUnnamedAttributes_andRejectsUnknownNames() {
        float[] out = StarGanLabels.parseTargets("Blond_Hair=1, Male=0", ATTRS, new float[] {1, 0, 0, 1, 1});
        assertThat(out).containsExactly(1, 1, 0, 0, 1);
        assertThatThrownBy(() -> StarGanLabels.parseTargets("Bald=1", ATTRS, null))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessage("--attrs Bald is not an attribute of this model; available: "
                        + String.join(" ", ATTRS));
        assertThatThrownBy(() -> StarGanLabels.parseTargets("Male=2", ATTRS, null))
                .isInstanceOf(InvalidOptionException.class);
        assertThat(Arrays.toString(StarGanLabels.argmax(new float[] {0, 1, 0, 0, 0, 1}, 3))).isEqualTo("[1, 2]");
    }
}
