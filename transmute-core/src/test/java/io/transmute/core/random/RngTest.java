package io.transmute.core.random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RngTest {
    private static long[] draw(Rng rng, int n) {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = rng.nextLong();
        }
        return out;
    }

    @Test
    void sameSeed_givesSameSequence_differentSeedDoesNot() {
        assertThat(draw(new Rng(42), 100)).isEqualTo(draw(new Rng(42), 100));
        assertThat(draw(new Rng(42), 100)).isNotEqualTo(draw(new Rng(43), 100));
    }

    @Test
    void restore_continuesTheSameSequence_includingASpareGaussian() {
        Rng rng = new Rng(7);
        rng.nextInt(10);
        rng.nextGaussian();
        long[] saved = rng.state();
        double[] expected = {rng.nextGaussian(), rng.nextDouble(), rng.nextInt(1000), rng.nextGaussian()};
        Rng restored = Rng.restore(saved);
        double[] actual = {restored.nextGaussian(), restored.nextDouble(), restored.nextInt(1000),
            restored.nextGaussian()};
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void restore_rejectsWrongLengthAndZeroState() {
        assertThatThrownBy(() -> Rng.restore(new long[4])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Rng.restore(new long[6])).hasMessageContaining("all-zero");
    }

    @Test
    void split_isDeterministic_differsByKey_andDoesNotAdvanceTheParent() {
        Rng parent = new Rng(1);
        long[] before = parent.state();
        long[] a = draw(parent.split(3), 20);
        assertThat(parent.state()).isEqualTo(before);
        assertThat(draw(parent.split(3), 20)).isEqualTo(a);
        assertThat(draw(parent.split(4), 20)).isNotEqualTo(a);
        assertThat(draw(new Rng(1), 20)).isNotEqualTo(a);
        parent.nextLong();
        assertThat(draw(parent.split(3), 20)).as("a child depends on the parent's current state").isNotEqualTo(a);
    }

    @Test
    void nextInt_staysInBound_andCoversIt() {
        Rng rng = new Rng(5);
        int[] counts = new int[7];
        for (int i = 0; i < 70_000; i++) {
            counts[rng.nextInt(7)]++;
        }
        for (int c : counts) {
            assertThat(c).isBetween(9_000, 11_000);
        }
        assertThatThrownBy(() -> rng.nextInt(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nextDouble_andGaussian_haveTheExpectedMoments() {
        Rng rng = new Rng(11);
        double sum = 0;
        double sumSq = 0;
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            double d = rng.nextDouble();
            assertThat(d).isGreaterThanOrEqualTo(0).isLessThan(1);
            double g = rng.nextGaussian();
            sum += g;
            sumSq += g * g;
        }
        assertThat(sum / n).isCloseTo(0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(sumSq / n).isCloseTo(1, org.assertj.core.data.Offset.offset(0.02));
    }

    @Test
    void shuffle_permutes_deterministically() {
        int[] a = IntStream.range(0, 50).toArray();
        int[] b = a.clone();
        new Rng(9).shuffle(a);
        new Rng(9).shuffle(b);
        assertThat(a).isEqualTo(b).isNotEqualTo(IntStream.range(0, 50).toArray());
        int[] sorted = a.clone();
        Arrays.sort(sorted);
        assertThat(sorted).isEqualTo(IntStream.range(0, 50).toArray());
    }
}
