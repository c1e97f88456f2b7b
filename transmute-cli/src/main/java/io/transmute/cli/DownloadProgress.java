package io.transmute.cli;

import io.transmute.core.download.DownloadListener;
import java.io.PrintWriter;
import java.time.Duration;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Draws a download as a progress bar in MB with the rate in MB/s; says when a cut transfer is resumed. */
final class DownloadProgress implements DownloadListener {
    private static final long MB = 1_000_000;

    private final PrintWriter err;
    private ProgressBar bar;
    private long done;

    DownloadProgress(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void started(String what, long already, long total) {
        done = already;
        // the bar's unit is 1 byte shown as MB, so its speed column reads MB/s
        bar = new ProgressBarBuilder().setTaskName(what).setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setUnit(" MB", MB).showSpeed().startsFrom(already,
                        Duration.ZERO)
                .build();
    }

    @Override
    public void advanced(long bytes) {
        done += bytes;
        if (bar != null) {
            bar.stepTo(done);
        }
    }

    @Override
    public void retrying(String reason) {
        err.println("  " + reason + "; resuming");
        err.flush();
    }

    @Override
    public void finished() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
