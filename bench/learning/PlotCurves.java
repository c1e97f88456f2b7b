import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Ellipse2D;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Draws the learning curves that the comparison scripts write (compare.py, stargan_compare.py: a CSV of
 * {@code x,implementation,loss,value}) as one PNG: a panel per loss, the reference and Transmute in each.
 *
 * <pre>java -cp ~/.m2/repository/org/jfree/jfreechart/1.5.5/jfreechart-1.5.5.jar bench/learning/PlotCurves.java \
 *     CURVES_CSV OUT_PNG X_LABEL TITLE</pre>
 */
public final class PlotCurves {
    private PlotCurves() {
    }

    /**
     * @param args the CSV, the PNG to write, the x axis' label and the chart's title
     * @throws IOException when the CSV cannot be read or the PNG written
     */
    public static void main(String[] args) throws IOException {
        Map<String, Map<String, XYSeries>> panels = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(Path.of(args[0]));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            panels.computeIfAbsent(f[2], k -> new LinkedHashMap<>())
                    .computeIfAbsent(f[1], k -> new XYSeries(k, false, true))
                    .add(Double.parseDouble(f[0]), Double.parseDouble(f[3]));
        }
        NumberAxis x = new NumberAxis(args[2]);
        x.setAutoRangeIncludesZero(false);
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(x);
        Ellipse2D.Double dot = new Ellipse2D.Double(-3, -3, 6, 6);
        XYPlot first = null;
        for (Map.Entry<String, Map<String, XYSeries>> panel : panels.entrySet()) {
            XYSeriesCollection data = new XYSeriesCollection();
            panel.getValue().values().forEach(data::addSeries);
            NumberAxis y = new NumberAxis(panel.getKey());
            y.setAutoRangeIncludesZero(false);
            XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
            renderer.setSeriesPaint(0, new Color(0x1f, 0x77, 0xb4));
            renderer.setSeriesPaint(1, new Color(0xd6, 0x27, 0x28));
            renderer.setSeriesStroke(0, new BasicStroke(2f));
            renderer.setSeriesStroke(1, new BasicStroke(2f));
            renderer.setSeriesShape(0, dot);
            renderer.setSeriesShape(1, dot);
            XYPlot panelPlot = new XYPlot(data, null, y, renderer);
            first = first == null ? panelPlot : first;
            plot.add(panelPlot);
        }
        JFreeChart chart = new JFreeChart(args[3], JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        // one legend for all panels: each panel holds the same two implementations
        LegendTitle legend = new LegendTitle(first);
        legend.setPosition(RectangleEdge.BOTTOM);
        chart.addLegend(legend);
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(Path.of(args[1]).toFile(), chart, 800, 130 * panels.size() + 100);
    }
}
