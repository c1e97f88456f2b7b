package io.transmute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.transmute.core.train.IterationInfo;
import io.transmute.core.train.RunInfo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class BudgetForecastTest {
    private long now;

    private String run(double budgetMinutes, double secondsPerImage) {
        StringWriter text = new StringWriter();
        BudgetForecast f = new BudgetForecast(new PrintWriter(text), budgetMinutes, () -> now);
        now = 0;
        // the demo's cycle_gan plan: 5 epochs of 400 images
        f.onStart(new RunInfo("demo", Path.of("ck"), 1, 5, 400, 1));
        for (long iters = 100; iters <= 2000; iters += 100) {
            // the first 100 images include warming up: three times slower
            now += (long) ((iters == 100 ? 3 : 1) * 100 * secondsPerImage * 1e9);
            f.onIteration(new IterationInfo(1 + (int) ((iters - 1) / 400), (int) ((iters - 1) % 400) + 1, iters,
                    secondsPerImage, 0, 0, List.of()));
        }
        return text.toString();
    }

    @Test
    void aMachineTooSlowForTheBudget_isToldOnce_early_withTheBudgetThatWouldDo() {
        // 0.48 s per image: 2,000 images take 16 min plus the slow start, over a 10-minute budget
        String out = run(10, 0.48);
        assertThat(out.lines()).hasSize(1);
        assertThat(out).contains("0.48 s per image").contains("planned 2000 images need about 18 minutes")
                .contains("more than the 10.0-minute budget").contains("Rerun with --minutes 20");
    }

    @Test
    void aMachineFastEnough_isToldNothing() {
        // 0.2 s per image: 7 minutes, within 17
        assertThat(run(17, 0.2)).isEmpty();
    }
}
