package io.transmute.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.transmute.core.data.ImagePlane;
import io.transmute.core.model.Visual;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsPageTest {
    @TempDir
    Path results;

    @Test
    void page_hasOneRowPerImage_andEveryVisualFile() throws Exception {
        ResultsPage page = ResultsPage.create(results, "maps", "test", "latest", 1.0, 256);
        assertThat(page.webDir()).isEqualTo(results.resolve("maps/test_latest"));
        List<Visual> v = List.of(new Visual("real", HtmlReportTest.rgb(6, 4, 0.5f)),
                new Visual("fake", HtmlReportTest.rgb(6, 4, -0.5f)));
        page.add(Path.of("data/1_A.jpg"), v);
        page.add(Path.of("data/2_A.jpg"), v);
        String html = Files.readString(page.indexFile());
        assertThat(html).contains("Experiment = maps, Phase = test, Epoch = latest", "<h3>1_A</h3>", "<h3>2_A</h3>",
                "images/2_A_fake.png", "<p>real</p>");
        assertThat(page.imageFile("1_A", "real")).isRegularFile();
        assertThat(ImageIO.read(page.imageFile("2_A", "fake").toFile()).getWidth()).isEqualTo(6);
    }

    @Test
    void aspectRatio_stretchesAsTheReferenceDoes() throws Exception {
        ResultsPage tall = ResultsPage.create(results, "n", "test", "5", 2.0, 256);
        tall.add(Path.of("sq.png"), List.of(new Visual("fake_B", HtmlReportTest.rgb(8, 8, 0f))));
        BufferedImage t = ImageIO.read(tall.imageFile("sq", "fake_B").toFile());
        assertThat(new int[] {t.getWidth(), t.getHeight()}).containsExactly(8, 16);
        ResultsPage wide = ResultsPage.create(results, "n", "test", "6", 0.5, 256);
        wide.add(Path.of("sq.png"), List.of(new Visual("fake_B", HtmlReportTest.rgb(8, 8, 0f))));
        BufferedImage w = ImageIO.read(wide.imageFile("sq", "fake_B").toFile());
        assertThat(new int[] {w.getWidth(), w.getHeight()}).containsExactly(16, 8);
        assertThat(w.getRGB(5, 5) & 0xFFFFFF).as("a constant image stays constant").isEqualTo(0x7F7F7F);
    }
}
