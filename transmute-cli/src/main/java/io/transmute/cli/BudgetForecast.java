package io.transmute.cli;

import io.transmute.core.train.IterationInfo;
import io.transmute.core.train.RunInfo;
import io.transmute.core.train.TrainingListener;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Tells the user of a time-boxed run, early, when this machine is too slow to finish the planned epochs within
 * the budget: from the pace between the first two loss reports it projects the whole run and, when that is
 * over the budget, says so once, with the budget that would do and how to continue afterwards. The first
 * report is only the starting mark, as the first steps include warming up.
 */
final class BudgetForecast implements TrainingListener {
    // a projection within this share of the budget is not worth a warning: the budget is a limit, not a plan
    private static final double SLACK = 1.05;

    private final PrintWriter out;
    private final double budgetMinutes;
    private final LongSupplier clock;
    private long plannedSamples;
    private long markSamples = -1;
    private long markNanos;
    private long startNanos;
    private boolean told;

    /**
     * @param out where the forecast is printed
     * @param budgetMinutes the run's time budget
     * @param clock nanoseconds, {@link System#nanoTime} but in tests
     */
    BudgetForecast(PrintWriter out, double budgetMinutes, LongSupplier clock) {
        this.out = out;
        this.budgetMinutes = budgetMinutes;
        this.clock = clock;
    }

    @Override
    public void onStart(RunInfo run) {
        startNanos = clock.getAsLong();
        plannedSamples = (long) (run.lastEpoch() - run.startEpoch() + 1) * run.datasetSize();
    }

    @Override
    public void onIteration(IterationInfo iteration) {
        long now = clock.getAsLong();
        if (markSamples < 0) {
            markSamples = iteration.totalIters();
            markNanos = now;
            return;
        }
        if (told || iteration.totalIters() <= markSamples) {
            return;
        }
        told = true;
        double secondsPerSample = (now - markNanos) / 1e9 / (iteration.totalIters() - markSamples);
        double elapsedMinutes = (now - startNanos) / 6e10;
        double neededMinutes = elapsedMinutes + secondsPerSample * (plannedSamples - iteration.totalIters()) / 60;
        if (neededMinutes > budgetMinutes * SLACK) {
            out.printf(Locale.ROOT, "This machine trains at %.2f s per image, so the planned %d images need about"
                    + " %.0f minutes, more than the %.1f-minute budget: training will stop early with a partly"
                    + " trained model. Rerun with --minutes %.0f for the full result, or continue afterwards with"
                    + " the command printed at the end.%n", secondsPerSample, plannedSamples, neededMinutes,
                    budgetMinutes, Math.ceil(neededMinutes * 1.1));
            out.flush();
        }
    }
}
