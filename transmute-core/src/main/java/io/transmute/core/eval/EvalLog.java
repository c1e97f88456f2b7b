package io.transmute.core.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.transmute.core.TransmuteException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code eval_log.txt}, in the manner of {@code loss_log.txt}: a header line per start (resumes append), then one
 * line per evaluation, e.g. {@code (epoch: 5, iters: 500, images: 106) l1: 0.412345 psnr: 14.2531 ssim: 0.3125}.
 * Lines are appended whole, as the loss log's are.
 */
final class EvalLog {
    private static final DateTimeFormatter CTIME = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy",
            Locale.US);
    private static final ObjectMapper JSON = new ObjectMapper();

    private EvalLog() {
    }

    static void appendHeader(Path file, TestSplit split, int max) {
        append(file, "================ Evaluation on " + split.inputs() + (split.paired() ? " (paired)" : " against "
                + split.reference()) + (max > 0 ? ", at most " + max + " images" : "") + " ("
                + CTIME.format(ZonedDateTime.now()) + ") ================");
    }

    static void append(Path file, TrainingEvaluation.Score s, int skipped) {
        append(file, line(s, skipped));
    }

    /** Six significant digits: enough to rank epochs, short enough to read. */
    static String line(TrainingEvaluation.Score s, int skipped) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "(epoch: %d, iters: %d, images: %d%s)",
                s.epoch(), s.totalIters(), s.images(), skipped > 0 ? ", skipped: " + skipped : ""));
        s.values().forEach((k, v) -> b.append(' ').append(k).append(": ")
                .append(String.format(Locale.ROOT, "%.6g", v)));
        return b.toString();
    }

    static String bestJson(TrainingEvaluation.Best best) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("metric", best.metric());
        m.put("score", best.score());
        m.put("epoch", best.epoch());
        m.put("total_iters", best.totalIters());
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(m) + "\n";
        } catch (JsonProcessingException e) {
            throw new TransmuteException("cannot encode " + TrainingEvaluation.BEST_RECORD + ": " + e.getMessage(), e);
        }
    }

    private static void append(Path file, String line) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new TransmuteException(file + ": cannot append to the evaluation log (" + e.getMessage() + ")", e);
        }
    }
}
