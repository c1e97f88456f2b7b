package io.transmute.core.report;

import io.transmute.core.io.AtomicFiles;
import io.transmute.core.model.Metric;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The reference's visdom loss plot as a PNG: one line per loss against epoch + fraction of the epoch. */
final class LossChart {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 500;

    /** Insertion order is the model's loss order, which fixes the legend and colours across redraws. */
    private final Map<String, XYSeries> series = new LinkedHashMap<>();
    private final String title;

    LossChart(String title) {
        this.title = title;
    }

    void add(double x, List<Metric> losses) {
        for (Metric m : losses) {
            if (Double.isFinite(m.value())) {
                series.computeIfAbsent(m.name(), n -> new XYSeries(n, false, true)).add(x, m.value());
            }
        }
    }

    int points() {
        return series.values().stream().mapToInt(XYSeries::getItemCount).sum();
    }

    void write(Path png) {
        XYSeriesCollection data = new XYSeriesCollection();
        series.values().forEach(data::addSeries);
        JFreeChart chart = ChartFactory.createXYLineChart(title, "epoch", "loss", data, PlotOrientation.VERTICAL,
                true, false, false);
        AtomicFiles.write(png, out -> ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT));
    }
}
