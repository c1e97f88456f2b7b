package io.transmute.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.transmute.core.data.ImagePlane;
import io.transmute.core.model.Metric;
import io.transmute.core.model.Visual;
import io.transmute.core.train.IterationInfo;
import io.transmute.core.train.RunInfo;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
    @TempDir
    Path run;

    static ImagePlane rgb(int w, int h, float value) {
        float[] v = new float[3 * w * h];
        java.util.Arrays.fill(v, value);
        return new ImagePlane(3, h, w, v);
    }

    @Test
    void page_listsEachEpochNewestFirst_withEveryLabelAndItsImage() throws Exception {
        HtmlReport report = new HtmlReport(run, "facades", 256);
        report.onStart(new RunInfo("facades", run, 1, 10, 4, 1));
        List<Visual> visuals = List.of(new Visual("real_A", rgb(8, 6, -1f)), new Visual("fake_B", rgb(8, 6, 0f)),
                new Visual("real_B", new ImagePlane(1, 6, 8, new float[48])));
        report.onVisuals(1, 4, visuals);
        report.onVisuals(2, 8, visuals);
        String html = Files.readString(report.indexFile());
        assertThat(html).contains("<title>Experiment name = facades</title>", "http-equiv=\"refresh\"");
        assertThat(html.indexOf("epoch [2]")).isLessThan(html.indexOf("epoch [1]")).isPositive();
        for (String label : List.of("real_A", "fake_B", "real_B")) {
            assertThat(html).contains("<p>" + label + "</p>", "images/epoch001_" + label + ".png");
            assertThat(run.resolve("web/images/epoch002_" + label + ".png")).isRegularFile();
        }
        BufferedImage saved = ImageIO.read(run.resolve("web/images/epoch001_fake_B.png").toFile());
        assertThat(saved.getWidth()).isEqualTo(8);
        assertThat(saved.getHeight()).isEqualTo(6);
        assertThat(saved.getRGB(0, 0) & 0xFFFFFF).as("0 maps to 127 in every channel").isEqualTo(0x7F7F7F);
        assertThat(ImageIO.read(run.resolve("web/images/epoch001_real_B.png").toFile()).getRGB(3, 3) & 0xFFFFFF)
                .as("gray replicated").isEqualTo(0x7F7F7F);
        try (var files = Files.list(run.resolve("web"))) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void lossChart_isWrittenAndRebuiltFromTheLogOnResume() throws Exception {
        HtmlReport report = new HtmlReport(run, "facades", 256);
        report.onStart(new RunInfo("facades", run, 1, 10, 4, 1));
        for (int i = 1; i <= 3; i++) {
            report.onIteration(new IterationInfo(1, i, i, 0.1, 0.01, i / 4.0,
                    List.of(new Metric("G_GAN", 1.0 / i), new Metric("D_real", 0.5))));
        }
        Path png = report.lossChartFile();
        BufferedImage chart = ImageIO.read(png.toFile());
        assertThat(chart.getWidth()).isGreaterThan(100);

        Files.writeString(run.resolve("loss_log.txt"), "(epoch: 1, iters: 2, time: 0.1, data: 0.0) G_GAN: 0.7 \n");
        Files.delete(png);
        HtmlReport resumed = new HtmlReport(run, "facades", 256);
        resumed.onStart(new RunInfo("facades", run, 2, 10, 4, 1));
        assertThat(png).isRegularFile();
        resumed.onVisuals(2, 12, List.of(new Visual("real_A", rgb(4, 4, 0f))));
        assertThat(Files.readString(resumed.indexFile())).contains("loss.png");
    }
}
