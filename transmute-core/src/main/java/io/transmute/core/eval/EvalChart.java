package io.transmute.core.eval;

import io.transmute.core.io.AtomicFiles;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The scores of evaluation during training as a PNG: one panel per metric (their scales differ by orders of
 * magnitude, FID against KID, dB against SSIM) over a shared epoch or iteration axis.
 */
final class EvalChart {
    private static final int WIDTH = 900;
    private static final int PANEL_HEIGHT = 200;

    private EvalChart() {
    }

    static void write(Path png, String title, String xLabel, List<TrainingEvaluation.Score> scores) {
        Map<String, XYSeries> series = new LinkedHashMap<>();
        for (TrainingEvaluation.Score s : scores) {
            s.values().forEach((metric, v) -> {
                if (Double.isFinite(v)) {
                    series.computeIfAbsent(metric, n -> new XYSeries(n, false, true)).add(s.step(), v);
                }
            });
        }
        if (series.isEmpty()) {
            return;
        }
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(new NumberAxis(xLabel));
        for (XYSeries s : series.values()) {
            NumberAxis axis = new NumberAxis(s.getKey().toString());
            axis.setAutoRangeIncludesZero(false);
            plot.add(new XYPlot(new XYSeriesCollection(s), null, axis, new XYLineAndShapeRenderer(true, true)));
        }
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        int height = PANEL_HEIGHT * series.size() + 60;
        AtomicFiles.write(png, out -> ChartUtils.writeChartAsPNG(out, chart, WIDTH, height));
    }
}
