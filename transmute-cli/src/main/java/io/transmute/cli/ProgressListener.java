package io.transmute.cli;

import io.transmute.core.report.LossLog;
import io.transmute.core.train.CheckpointInfo;
import io.transmute.core.train.IterationInfo;
import io.transmute.core.train.RunInfo;
import io.transmute.core.train.TrainingListener;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.stream.Collectors;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The console side of training, in the role of the reference's console prints: on a terminal, a progress bar
 * per epoch showing samples done, the latest losses, seconds per step and data time; otherwise (pipes, tests)
 * the reference's loss lines every {@code --print_freq}. Epoch ends and checkpoints are printed as the
 * reference prints them.
 */
final class ProgressListener implements TrainingListener {
    private final PrintWriter out;
    private final PrintStream terminal;
    private final String header;
    private RunInfo run;
    private ProgressBar bar;

    /**
     * @param out where lines go
     * @param terminal where the bar is drawn, or null for plain lines only
     */
    ProgressListener(PrintWriter out, PrintStream terminal) {
        this(out, terminal, "");
    }

    /**
     * @param out where lines go
     * @param terminal where the bar is drawn, or null for plain lines only
     * @param header printed when the run starts, once its data and checkpoints are found valid
     */
    ProgressListener(PrintWriter out, PrintStream terminal, String header) {
        this.out = out;
        this.terminal = terminal;
        this.header = header;
    }

    @Override
    public void onStart(RunInfo info) {
        run = info;
        out.print(header);
        out.println("The number of training images = " + info.datasetSize());
        out.flush();
    }

    @Override
    public void onStep(IterationInfo step) {
        if (terminal == null) {
            return;
        }
        if (bar == null) {
            bar = new ProgressBarBuilder()
                    .setTaskName(String.format(Locale.ROOT, "epoch %d/%d", step.epoch(), run.lastEpoch()))
                    .setInitialMax(run.datasetSize())
                    .setUnit(" img", 1)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setMaxRenderedLength(150)
                    .setConsumer(new ConsoleProgressBarConsumer(terminal))
                    .startsFrom(Math.max(0, step.epochIter() - run.batchSize()), java.time.Duration.ZERO)
                    .build();
        }
        bar.stepTo(Math.min(step.epochIter(), run.datasetSize()));
        String losses = step.losses().stream()
                .map(m -> m.name() + " " + String.format(Locale.ROOT, "%.3f", m.value()))
                .collect(Collectors.joining(" "));
        bar.setExtraMessage(String.format(Locale.ROOT, "it %d | %s | %.3f s/it, data %.3f s", step.totalIters(),
                losses, step.computeSeconds() * run.batchSize(), step.dataSeconds()));
    }

    @Override
    public void onIteration(IterationInfo iteration) {
        if (terminal == null) {
            out.println(LossLog.message(iteration));
            out.flush();
        }
    }

    private void closeBar() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    @Override
    public void onEpochEnd(int epoch, double seconds, double learningRate) {
        closeBar();
        out.printf(Locale.ROOT, "End of epoch %d / %d \t Time Taken: %d sec, learning rate %.7f%n", epoch,
                run.lastEpoch(), (long) seconds, learningRate);
        out.flush();
    }

    @Override
    public void onCheckpoint(CheckpointInfo checkpoint) {
        if (terminal != null) {
            return;
        }
        out.printf(Locale.ROOT, "saving the model %s (epoch %d, total_iters %d)%n", checkpoint.tag(),
                checkpoint.epoch(), checkpoint.totalIters());
        out.flush();
    }

    @Override
    public void onFinish() {
        closeBar();
    }
}
