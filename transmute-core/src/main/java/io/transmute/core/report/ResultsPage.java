package io.transmute.core.report;

import io.transmute.core.model.Visual;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The page {@code transmute test} writes, as the reference's {@code test.py} and {@code save_images}:
 * {@code <results_dir>/<name>/<phase>_<epoch>/index.html} with one header and row per input image, and each
 * visual saved as {@code images/<stem>_<label>.png}, stretched by {@code --aspect_ratio}. The page is
 * rewritten after every image, so an interrupted run still leaves a complete page of what was done.
 */
public final class ResultsPage {
    private final Path webDir;
    private final double aspectRatio;
    private final int width;
    private final HtmlPage page;
    private final List<String> stems = new ArrayList<>();

    /**
     * @param webDir the page's folder
     * @param title the page title
     * @param aspectRatio {@code --aspect_ratio}, positive
     * @param width {@code --display_winsize}: shown width of each image
     */
    public ResultsPage(Path webDir, String title, double aspectRatio, int width) {
        if (!(aspectRatio > 0) || Double.isInfinite(aspectRatio)) {
            throw new IllegalArgumentException("--aspect_ratio must be positive, got " + aspectRatio);
        }
        this.webDir = webDir;
        this.aspectRatio = aspectRatio;
        this.width = width;
        this.page = new HtmlPage(title, 0);
    }

    /**
     * The reference's layout: {@code <resultsDir>/<name>/<phase>_<epoch>} titled
     * {@code Experiment = <name>, Phase = <phase>, Epoch = <epoch>}.
     *
     * @param resultsDir {@code --results_dir}
     * @param name {@code --name}
     * @param phase {@code --phase}
     * @param epoch {@code --epoch} (latest, or a number)
     * @param aspectRatio {@code --aspect_ratio}
     * @param width {@code --display_winsize}
     * @return an empty page
     */
    public static ResultsPage create(Path resultsDir, String name, String phase, String epoch, double aspectRatio,
            int width) {
        return new ResultsPage(resultsDir.resolve(name).resolve(phase + "_" + epoch),
                "Experiment = " + name + ", Phase = " + phase + ", Epoch = " + epoch, aspectRatio, width);
    }

    /** @return the page's folder */
    public Path webDir() {
        return webDir;
    }

    /** @return {@code index.html} in the page's folder */
    public Path indexFile() {
        return webDir.resolve("index.html");
    }

    /**
     * @param stem the input's file name without extension
     * @param label a visual's label
     * @return where that visual is saved
     */
    public Path imageFile(String stem, String label) {
        return webDir.resolve("images").resolve(stem + "_" + label + ".png");
    }

    /**
     * Saves the visuals of one input and rewrites the page.
     *
     * @param source the input file (A_paths[0]); its name without extension heads the row
     * @param visuals the model's visuals for it, in order
     */
    public void add(Path source, List<Visual> visuals) {
        String file = source.getFileName().toString();
        int dot = file.lastIndexOf('.');
        String stem = dot > 0 ? file.substring(0, dot) : file;
        List<HtmlPage.Cell> cells = new ArrayList<>();
        for (Visual v : visuals) {
            Path target = imageFile(stem, v.label());
            VisualPng.write(v.image(), target, aspectRatio);
            cells.add(new HtmlPage.Cell(target.getFileName().toString(), v.label()));
        }
        stems.add(stem);
        page.section(stem, cells, width);
        page.save(indexFile());
    }

    /** @return the stems added so far, in order */
    public List<String> stems() {
        return List.copyOf(stems);
    }
}
