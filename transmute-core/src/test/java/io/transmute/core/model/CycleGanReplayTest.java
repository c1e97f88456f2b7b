package io.transmute.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.transmute.core.torch.Torch;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Replays recorded reference CycleGAN runs through Transmute with the reference's own draws. */
class CycleGanReplayTest {

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
                poolSize, steps, null);
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
