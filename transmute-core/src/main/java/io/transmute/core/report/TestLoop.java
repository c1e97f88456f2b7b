package io.transmute.core.report;

import io.transmute.core.data.Batch;
import io.transmute.core.data.DataLoader;
import io.transmute.core.data.Dataset;
import io.transmute.core.data.ImagePlane;
import io.transmute.core.io.ImageCodec;
import io.transmute.core.io.ImageData;
import io.transmute.core.model.ModelInput;
import io.transmute.core.model.TranslationModel;
import io.transmute.core.model.Visual;
import io.transmute.core.torch.Device;
import io.transmute.core.torch.Scope;
import io.transmute.core.train.TrainOptions;
import io.transmute.core.train.TrainedModel;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The reference's test loops over a dataset folder with a trained model, writing a {@link ResultsPage}: the
 * junyanz {@code test.py} and yunjey/stargan's {@code test()}. Progress lines go to a consumer, so the caller
 * decides where they are printed.
 */
public final class TestLoop {
    private TestLoop() {
    }

    /**
     * The reference's test loop: up to {@code numTest} images, one per batch, each added to the page.
     *
     * @param o the options of the trained run, as {@link TrainedModel#options} resolves them
     * @param device where the model runs
     * @param resultsDir {@code --results_dir}
     * @param numTest {@code --num_test}
     * @param eval {@code --eval}: batch-norm statistics and no dropout
     * @param aspectRatio {@code --aspect_ratio}
     * @param progress receives a line every fifth image
     * @return what was done
     */
    public static TestResults run(TrainOptions o, Device device, Path resultsDir, int numTest, boolean eval,
            double aspectRatio, Consumer<String> progress) {
        Dataset dataset = Dataset.open(o.data());
        String epoch = o.epoch() + (o.loadIter() > 0 ? "_iter" + o.loadIter() : "");
        ResultsPage page = ResultsPage.create(resultsDir, o.name(), o.data().phase(), epoch, aspectRatio,
                o.displayWinsize());
        int done = 0;
        double l1 = 0;
        int pairs = 0;
        try (TranslationModel model = TrainedModel.load(o, device);
                DataLoader loader = new DataLoader(dataset, o.seed());
                DataLoader.Epoch batches = loader.epoch(1)) {
            if (eval) {
                model.setEvalMode(true);
            }
            while (batches.hasNext() && done < numTest) {
                Batch b = batches.next();
                List<Visual> visuals = evaluate(model, b, device);
                Path source = b.aPaths().get(0);
                if (done % 5 == 0) {
                    progress.accept(String.format("processing (%04d)-th image... [%s]", done, source));
                }
                page.add(source, visuals);
                double d = meanAbsDifference(visuals, "fake_B", "real_B");
                if (!Double.isNaN(d)) {
                    l1 += d;
                    pairs++;
                }
                done++;
            }
        }
        return new TestResults(done, page.indexFile(), pairs == 0 ? Double.NaN : l1 / pairs);
    }

    /**
     * yunjey/stargan's {@code test()}: loads {@code <test_iters>-G.ckpt} and writes, for batch {@code i} of the
     * test data, {@code <results_dir>/<name>/<i+1>-images.jpg}: one row per image, the image followed by its
     * translation to every target domain. The grids also go to the HTML page {@code test_<test_iters>/}.
     *
     * @param o the options of the trained run
     * @param device where the model runs
     * @param resultsDir {@code --results_dir}
     * @param numTest at most this many images
     * @param aspectRatio {@code --aspect_ratio}
     * @param progress receives a line per grid written
     * @return what was done
     */
    public static TestResults runStarGan(TrainOptions o, Device device, Path resultsDir, int numTest,
            double aspectRatio, Consumer<String> progress) {
        long iters = o.modelOptions().stargan().testIters();
        Dataset dataset = o.openDataset();
        Path dir = resultsDir.resolve(o.name());
        ResultsPage page = ResultsPage.create(resultsDir, o.name(), o.data().phase(), Long.toString(iters),
                aspectRatio, o.displayWinsize());
        int done = 0;
        try (TranslationModel model = TrainedModel.loadIteration(o, device, iters);
                DataLoader loader = new DataLoader(dataset, o.seed());
                DataLoader.Epoch batches = loader.epoch(1)) {
            for (int i = 0; batches.hasNext() && done < numTest; i++) {
                Batch b = batches.next();
                List<Visual> visuals = evaluate(model, b, device);
                ImagePlane grid = visuals.get(0).image();
                Path file = dir.resolve((i + 1) + "-images.jpg");
                ImageCodec.write(file, new ImageData(grid.channels(), grid.height(), grid.width(), grid.values(),
                        null, 8));
                page.add(b.aPaths().get(0), visuals);
                progress.accept("Saved real and fake images into " + file + "...");
                done += b.aPaths().size();
            }
        }
        return new TestResults(done, page.indexFile(), Double.NaN);
    }

    private static List<Visual> evaluate(TranslationModel model, Batch b, Device device) {
        try (Scope s = Scope.open()) {
            return model.evaluate(ModelInput.of(b, device));
        }
    }

    /** @return the mean absolute difference of two visuals of equal shape, or NaN if either is missing */
    private static double meanAbsDifference(List<Visual> visuals, String a, String b) {
        float[] x = null;
        float[] y = null;
        for (Visual v : visuals) {
            if (v.label().equals(a)) {
                x = v.image().values();
            } else if (v.label().equals(b)) {
                y = v.image().values();
            }
        }
        if (x == null || y == null || x.length != y.length) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += Math.abs(x[i] - y[i]);
        }
        return sum / x.length;
    }
}
