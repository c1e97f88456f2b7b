package io.transmute.core.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LrScheduleTest {
    private static List<Double> run(LrSchedule s, int steps) {
        List<Double> out = new ArrayList<>(List.of(s.lr()));
        for (int i = 0; i < steps; i++) {
            out.add(s.step(0.0));
        }
        return out;
    }

    @Test
    void linear_keepsRateForNEpochs_thenDecaysToZero() {
        LrSchedule s = LrSchedule.create(new ScheduleOptions(LrPolicy.LINEAR, 1.0, 1, 2, 2, 50));
        assertThat(run(s, 4)).containsExactly(1.0, 1.0, 1.0 - 1.0 / 3, 1.0 - 2.0 / 3, 0.0);
    }

    @Test
    void linear_continuedRun_startsFromEpochCount() {
        LrSchedule s = LrSchedule.create(new ScheduleOptions(LrPolicy.LINEAR, 1.0, 3, 2, 2, 50));
        assertThat(s.lr()).isEqualTo(1.0 - 1.0 / 3);
    }

    @Test
    void step_multipliesByGammaEveryDecayIters() {
        LrSchedule s = LrSchedule.create(new ScheduleOptions(LrPolicy.STEP, 1.0, 1, 1, 1, 2));
        List<Double> lrs = run(s, 4);
        assertThat(lrs.get(1)).isEqualTo(1.0);
        assertThat(lrs.get(2)).isCloseTo(0.1, within(1e-15));
        assertThat(lrs.get(4)).isCloseTo(0.01, within(1e-15));
    }

    @Test
    void cosine_followsHalfCosineToZero() {
        LrSchedule s = LrSchedule.create(new ScheduleOptions(LrPolicy.COSINE, 2.0, 1, 4, 0, 50));
        List<Double> lrs = run(s, 4);
        for (int e = 0; e <= 4; e++) {
            assertThat(lrs.get(e)).isCloseTo(2.0 * (1 + Math.cos(Math.PI * e / 4)) / 2, within(1e-12));
        }
    }

    @Test
    void plateau_withTheReferencesConstantMetric_reducesAfterPatience() {
        LrSchedule s = LrSchedule.create(new ScheduleOptions(LrPolicy.PLATEAU, 1.0, 1, 1, 1, 1));
        List<Double> lrs = run(s, 7);
        assertThat(lrs.subList(0, 7)).containsOnly(1.0);
        assertThat(lrs.get(7)).isCloseTo(0.2, within(1e-15));
    }

    @Test
    void restore_continuesTheSameSequence() {
        for (LrPolicy p : LrPolicy.values()) {
            ScheduleOptions o = new ScheduleOptions(p, 1.0, 1, 3, 3, 2);
            LrSchedule a = LrSchedule.create(o);
            run(a, 4);
            LrSchedule b = LrSchedule.create(o);
            b.restore(a.state());
            assertThat(run(b, 5)).as(p.cliName()).isEqualTo(run(a, 5));
        }
    }

    @Test
    void iterationDecay_subtractsEveryUpdateStepInTheLastIterations_andRestoresBitExactly() {
        // 10 iterations, every 2nd after iteration 10 - 4 = 6 decays (the reference's strict >): after 8 and 10
        LrSchedule a = new IterationDecaySchedule(0.3, 10, 4, 2);
        List<Double> rates = run(a, 10);
        double d = 0.3 / 4;
        assertThat(rates).containsExactly(0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3 - d, 0.3 - d, 0.3 - d - d);
        LrSchedule b = new IterationDecaySchedule(0.3, 10, 4, 2);
        b.restore(new ScheduleState(7, 123.0, 0, 0, 0));
        LrSchedule c = new IterationDecaySchedule(0.3, 10, 4, 2);
        run(c, 7);
        assertThat(b.lr()).isEqualTo(c.lr());
        assertThat(run(b, 3)).isEqualTo(run(c, 3));
    }

    @Test
    void iterationDecay_toTheEnd_clampsAtZero() {
        LrSchedule s = new IterationDecaySchedule(1e-4, 6, 6, 1);
        List<Double> rates = run(s, 8);
        assertThat(rates.get(6)).isCloseTo(0.0, within(1e-18));
        assertThat(rates.get(7)).isZero();
        assertThat(rates.get(8)).isZero();
        assertThat(rates).allMatch(r -> r >= 0);
    }
}
