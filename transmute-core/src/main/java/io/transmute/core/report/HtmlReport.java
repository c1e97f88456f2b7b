package io.transmute.core.report;

import io.transmute.core.TransmuteException;
import io.transmute.core.model.Metric;
import io.transmute.core.model.Visual;
import io.transmute.core.train.IterationInfo;
import io.transmute.core.train.RunInfo;
import io.transmute.core.train.TrainingListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The training web page of the reference's visualizer: {@code <run>/web/index.html}, newest epoch first, one
 * row of captioned images per epoch saved as {@code web/images/epoch%03d_<label>.png}, and above them a loss
 * plot {@code web/loss.png} redrawn at every print. On resume, earlier epochs' images and the losses already in
 * loss_log.txt are picked up again. Every file is replaced atomically.
 */
public final class HtmlReport implements TrainingListener {
    /** The reference's {@code --display_winsize} default. */
    public static final int DEFAULT_WIN_SIZE = 256;

    // drawn by evaluation during training, which this page shows when it is there
    private static final String EVAL_CHART = "eval.png";
    private static final Pattern IMAGE = Pattern.compile("epoch(\\d{3,})_([A-Za-z0-9_.-]+)\\.png");
    private static final Pattern LOG_LINE = Pattern.compile("\\(epoch: (\\d+), iters: (\\d+), [^)]*\\) (.*)");
    private static final Pattern LOSS = Pattern.compile("(\\S+): (\\S+)");

    private final Path runDir;
    private final Path webDir;
    private final Path imageDir;
    private final String name;
    private final int winSize;
    private final NavigableMap<Integer, Set<String>> epochs = new TreeMap<>();
    private final LossChart chart;
    private List<String> currentLabels = List.of();
    private int datasetSize = 1;

    /**
     * @param runDir {@code <checkpoints_dir>/<name>}
     * @param name {@code --name}, shown in the title
     * @param winSize {@code --display_winsize}: shown width of each image in pixels
     */
    public HtmlReport(Path runDir, String name, int winSize) {
        if (winSize < 1) {
            throw new IllegalArgumentException("--display_winsize must be positive, got " + winSize);
        }
        this.runDir = runDir;
        this.webDir = runDir.resolve("web");
        this.imageDir = webDir.resolve("images");
        this.name = name;
        this.winSize = winSize;
        this.chart = new LossChart(name + " loss over time");
    }

    /** @return {@code <run>/web/index.html} */
    public Path indexFile() {
        return webDir.resolve("index.html");
    }

    /** @return {@code <run>/web/loss.png} */
    public Path lossChartFile() {
        return webDir.resolve("loss.png");
    }

    /**
     * @param epoch an epoch
     * @param label a visual's label
     * @return the image file for it, in the reference's naming
     */
    public Path imageFile(int epoch, String label) {
        return imageDir.resolve(String.format(Locale.ROOT, "epoch%03d_%s.png", epoch, label));
    }

    @Override
    public void onStart(RunInfo run) {
        datasetSize = run.datasetSize();
        try {
            Files.createDirectories(imageDir);
            try (Stream<Path> files = Files.list(imageDir)) {
                files.map(p -> IMAGE.matcher(p.getFileName().toString())).filter(Matcher::matches).sorted(
                        (a, b) -> a.group(0).compareTo(b.group(0))).forEach(m -> epochs.computeIfAbsent(
                        Integer.parseInt(m.group(1)), e -> new LinkedHashSet<>()).add(m.group(2)));
            }
            Path log = runDir.resolve("loss_log.txt");
            if (Files.isRegularFile(log)) {
                for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                    replay(line);
                }
            }
        } catch (IOException e) {
            throw new TransmuteException(webDir + ": cannot prepare the web folder (" + e.getMessage() + ")", e);
        }
        if (chart.points() > 0) {
            chart.write(lossChartFile());
        }
    }

    private void replay(String line) {
        Matcher m = LOG_LINE.matcher(line.strip());
        if (!m.matches()) {
            return;
        }
        List<Metric> losses = new ArrayList<>();
        Matcher loss = LOSS.matcher(m.group(3));
        while (loss.find()) {
            try {
                losses.add(new Metric(loss.group(1), Double.parseDouble(loss.group(2))));
            } catch (NumberFormatException e) {
                // a torn last line from a crash; the rest of the history is still worth plotting
            }
        }
        chart.add(Integer.parseInt(m.group(1)) + (double) Integer.parseInt(m.group(2)) / datasetSize, losses);
    }

    @Override
    public void onIteration(IterationInfo iteration) {
        chart.add(iteration.epoch() + iteration.epochProgress(), iteration.losses());
        chart.write(lossChartFile());
    }

    @Override
    public void onVisuals(int epoch, long totalIters, List<Visual> visuals) {
        List<String> labels = new ArrayList<>();
        for (Visual v : visuals) {
            VisualPng.write(v.image(), imageFile(epoch, v.label()));
            labels.add(v.label());
        }
        currentLabels = List.copyOf(labels);
        epochs.computeIfAbsent(epoch, e -> new LinkedHashSet<>()).addAll(labels);
        page().save(indexFile());
    }

    @Override
    public void onFinish() {
        // the last evaluation's chart comes after the last visuals; the page should show it
        if (Files.exists(webDir.resolve(EVAL_CHART))) {
            page().save(indexFile());
        }
    }

    private HtmlPage page() {
        // the reference asks for a 1 s reload but misspells the tag, so its page never reloads; a live report
        // wants reloads, but every second makes it unreadable
        HtmlPage page = new HtmlPage("Experiment name = " + name, 30);
        if (Files.exists(lossChartFile())) {
            page.image("loss.png", name + " loss over time");
        }
        if (Files.exists(webDir.resolve(EVAL_CHART))) {
            page.image(EVAL_CHART, name + " evaluation scores (--eval_freq)");
        }
        for (var e : epochs.descendingMap().entrySet()) {
            // the newest visuals fix the column order; labels only older epochs had go last
            List<String> order = new ArrayList<>();
            currentLabels.stream().filter(e.getValue()::contains).forEach(order::add);
            e.getValue().stream().filter(l -> !order.contains(l)).forEach(order::add);
            List<HtmlPage.Cell> cells = order.stream().map(l -> new HtmlPage.Cell(
                    imageFile(e.getKey(), l).getFileName().toString(), l)).toList();
            page.section("epoch [" + e.getKey() + "]", cells, winSize);
        }
        return page;
    }
}
