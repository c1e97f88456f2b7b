package io.transmute.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.transmute.core.testing.Fixtures;
import io.transmute.core.torch.Torch;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Replays recorded reference CycleGAN runs through Transmute with the reference's own inputs, image-pool choices
 * and learning rates ({@link CycleGanReplay}).
 */
class CycleGanReplayTest {
    private static final String SHORT = "cycle_replay/";

    /**
     * Four steps with {@code --pool_size 2} from the {@code cycle_small} fixture's weights on 32x32 glyph pairs, so
     * the pools are full from step 3 and steps 3 and 4 exchange images (fake_A's slot 1, then slots 1 and 0). The
     * losses follow the reference: steps 1-2 within 1e-4 relative; steps 3-4 within 2e-2, the discriminator losses
     * within 2e-3 (on the earlier ngf-16 recording, the reference against itself in float64 on the same draws was
     * 3e-2 apart at step 3, G_B: training parts float runs within a few steps). Replayed with pools that ignore the
     * exchanges, the discriminator losses of steps 3-4 leave those bounds, so the comparison sees the pool's choices.
     */
    @Test
    void fourStepsWithFullPools_followTheReference() throws IOException {
        Torch.init(1);
        Path dir = Fixtures.file(SHORT + "replay.json").getParent();
        List<CycleGanReplay.Step> steps = CycleGanReplay.run(dir,
                net -> Fixtures.file("cycle_small/cycle_small." + net + "_init.pth"), 2, 4, true);
        assertThat(steps).hasSize(4);
        for (CycleGanReplay.Step s : steps) {
            System.out.printf("replay step %d: worst relative difference %.2e, D_A %.6f/%.6f, D_B %.6f/%.6f%n",
                    s.index(), s.worstRelative(), s.reference().get("D_A"), s.ours().get("D_A"),
                    s.reference().get("D_B"), s.ours().get("D_B"));
        }
        assertThat(steps.get(0).worstRelative()).as("step 1").isLessThan(1e-4);
        assertThat(steps.get(1).worstRelative()).as("step 2").isLessThan(1e-4);
        for (CycleGanReplay.Step s : steps.subList(2, 4)) {
            assertThat(s.worstRelative()).as("step %d", s.index()).isLessThan(2e-2);
            assertThat(relative(s, "D_A")).as("step %d D_A", s.index()).isLessThan(2e-3);
            assertThat(relative(s, "D_B")).as("step %d D_B", s.index()).isLessThan(2e-3);
        }

        List<CycleGanReplay.Step> control = CycleGanReplay.run(dir,
                net -> Fixtures.file("cycle_small/cycle_small." + net + "_init.pth"), 2, 4, false);
        double worstControl = Math.max(Math.max(relative(control.get(2), "D_B"), relative(control.get(3), "D_A")),
                relative(control.get(3), "D_B"));
        System.out.printf("replay without the exchanges: D_B step 3 %.2e, D_A step 4 %.2e, D_B step 4 %.2e%n",
                relative(control.get(2), "D_B"), relative(control.get(3), "D_A"), relative(control.get(3), "D_B"));
        assertThat(worstControl).as("pools that ignore the exchanges").isGreaterThan(2e-2);
    }

    private static double relative(CycleGanReplay.Step s, String loss) {
        double r = s.reference().get(loss);
        return Math.abs(s.ours().get(loss) - r) / Math.abs(r);
    }

    /**
     * A long recording named by {@code -Dtransmute.cycleReplay=DIR} (made by
     * {@code bench/learning/cycle_gan_replay_dump.py}); writes {@code DIR/replay_compare.csv} with both runs' losses
     * step by step. Skipped without the property.
     */
    @Test
    void recordedRun_replayedWithTheReferenceDraws() throws IOException {
        String dirName = System.getProperty("transmute.cycleReplay");
        Assumptions.assumeTrue(dirName != null, "no -Dtransmute.cycleReplay=DIR: no long recording to replay");
        Path dir = Path.of(dirName);
        int poolSize = Integer.getInteger("transmute.cycleReplay.pool", 50);
        int steps = Integer.getInteger("transmute.cycleReplay.steps", Integer.MAX_VALUE);
        Torch.init(1);
        List<CycleGanReplay.Step> result = CycleGanReplay.run(dir, net -> dir.resolve("init_" + net + ".pth"),
                poolSize, steps, true);
        try (PrintWriter csv = new PrintWriter(Files.newBufferedWriter(dir.resolve("replay_compare.csv")))) {
            csv.print("step");
            for (String k : result.get(0).reference().keySet()) {
                csv.print("," + k + "_ref," + k + "_ours");
            }
            csv.println();
            for (CycleGanReplay.Step s : result) {
                csv.print(s.index());
                for (Map.Entry<String, Double> e : s.reference().entrySet()) {
                    csv.print("," + e.getValue() + "," + s.ours().get(e.getKey()));
                }
                csv.println();
            }
        }
        for (CycleGanReplay.Step s : result) {
            if (s.index() <= 10 || s.index() % 10 == 0) {
                System.out.printf("step %4d worst relative difference %.2e  G_A %.5f/%.5f  D_A %.5f/%.5f%n",
                        s.index(), s.worstRelative(), s.reference().get("G_A"), s.ours().get("G_A"),
                        s.reference().get("D_A"), s.ours().get("D_A"));
            }
        }
        assertThat(result.get(0).worstRelative()).as("step 1").isLessThan(1e-4);
    }
}
