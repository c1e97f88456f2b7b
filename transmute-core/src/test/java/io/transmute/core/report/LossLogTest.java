package io.transmute.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.transmute.core.model.Metric;
import io.transmute.core.train.IterationInfo;
import io.transmute.core.train.RunInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LossLogTest {
    @TempDir
    Path run;

    private static IterationInfo it(int epoch, int iters, double... values) {
        return new IterationInfo(epoch, iters, iters, 0.0524, 0.0011, 0.5, List.of(new Metric("G_GAN", values[0]),
                new Metric("G_L1", values[1]), new Metric("D_real", values[2]), new Metric("D_fake", values[3])));
    }

    @Test
    void message_matchesPrintCurrentLosses() {
        assertThat(LossLog.message(it(3, 400, 0.8321, 12.2019, 0.5, -0.0004)))
                .isEqualTo("(epoch: 3, iters: 400, time: 0.052, data: 0.001) G_GAN: 0.832 G_L1: 12.202 D_real: 0.500 "
                        + "D_fake: -0.000 ");
    }

    @Test
    void fixed3_roundsLikePython() {
        // 1.0005 is stored just below the tie, so Python prints 1.000; 0.0625 is an exact tie -> even
        assertThat(LossLog.fixed3(1.0005)).isEqualTo("1.000");
        assertThat(LossLog.fixed3(0.0625)).isEqualTo("0.062");
        assertThat(LossLog.fixed3(Double.NaN)).isEqualTo("nan");
        assertThat(LossLog.fixed3(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
    }

    @Test
    void file_startsWithTheHeader_andAppendsOnResume() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2026-11-03T14:05:09Z"), ZoneOffset.UTC);
        LossLog log = new LossLog(run, clock);
        RunInfo info = new RunInfo("facades", run, 1, 200, 400, 1);
        log.onStart(info);
        log.onIteration(it(1, 100, 1, 2, 3, 4));
        new LossLog(run, clock).onStart(new RunInfo("facades", run, 5, 200, 400, 1));
        List<String> lines = Files.readAllLines(run.resolve("loss_log.txt"));
        assertThat(lines).containsExactly(
                "================ Training Loss (Tue Nov  3 14:05:09 2026) ================",
                "(epoch: 1, iters: 100, time: 0.052, data: 0.001) G_GAN: 1.000 G_L1: 2.000 D_real: 3.000 D_fake: 4.000 ",
                "================ Training Loss (Tue Nov  3 14:05:09 2026) ================");
    }
}
