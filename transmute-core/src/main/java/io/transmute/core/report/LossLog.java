package io.transmute.core.report;

import io.transmute.core.TransmuteException;
import io.transmute.core.model.Metric;
import io.transmute.core.train.IterationInfo;
import io.transmute.core.train.RunInfo;
import io.transmute.core.train.TrainingListener;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Appends to {@code <checkpoints_dir>/<name>/loss_log.txt} in the reference's format, so existing scripts
 * that parse it keep working: a header line per start (resumes append), then one line per print.
 *
 * <p>The log is appended one whole line per write rather than replaced atomically: rewriting a growing
 * file on every print would cost more than the torn last line a crash can leave.
 */
public final class LossLog implements TrainingListener {
    /** Python's {@code time.strftime('%c')} in the C locale, e.g. {@code Tue Nov  3 14:05:09 2026}. */
    private static final DateTimeFormatter CTIME = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy",
            Locale.US);

    private final Path file;
    private final Clock clock;

    /**
     * @param runDir {@code <checkpoints_dir>/<name>}
     * @param clock the time shown in the header
     */
    public LossLog(Path runDir, Clock clock) {
        this.file = runDir.resolve("loss_log.txt");
        this.clock = clock;
    }

    /** @param runDir {@code <checkpoints_dir>/<name>} */
    public LossLog(Path runDir) {
        this(runDir, Clock.systemDefaultZone());
    }

    /** @return the log file */
    public Path file() {
        return file;
    }

    /**
     * The reference's {@code print_current_losses} message, without the newline; the console uses it too.
     *
     * @param it the iteration
     * @return e.g. {@code (epoch: 1, iters: 100, time: 0.052, data: 0.001) G_GAN: 0.832 G_L1: 12.201 }
     */
    public static String message(IterationInfo it) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "(epoch: %d, iters: %d, time: %s, data: %s) ",
                it.epoch(), it.epochIter(), fixed3(it.computeSeconds()), fixed3(it.dataSeconds())));
        for (Metric m : it.losses()) {
            s.append(m.name()).append(": ").append(fixed3(m.value())).append(' ');
        }
        return s.toString();
    }

    /**
     * @param header the moment the run starts
     * @return the header line the reference writes at every start
     */
    public static String header(ZonedDateTime header) {
        return "================ Training Loss (" + CTIME.format(header) + ") ================";
    }

    /** Python's {@code '%.3f'}, including its spelling of non-finite values, which a diverged GAN produces. */
    static String fixed3(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        // exact binary value, ties to even: what Python's float formatting does (Formatter rounds the
        // shortest decimal half-up, which differs near ties such as 1.0005)
        String digits = new BigDecimal(v).setScale(3, RoundingMode.HALF_EVEN).toPlainString();
        boolean negative = v < 0 || (v == 0 && 1 / v < 0);
        return negative && !digits.startsWith("-") ? "-" + digits : digits;
    }

    @Override
    public void onStart(RunInfo run) {
        append(header(ZonedDateTime.now(clock)));
    }

    @Override
    public void onIteration(IterationInfo iteration) {
        append(message(iteration));
    }

    private void append(String line) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new TransmuteException(file + ": cannot append to the loss log (" + e.getMessage() + ")", e);
        }
    }
}
