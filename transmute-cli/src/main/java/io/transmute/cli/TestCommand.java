package io.transmute.cli;

import io.transmute.core.data.Batch;
import io.transmute.core.data.DataLoader;
import io.transmute.core.data.Dataset;
import io.transmute.core.data.ImagePlane;
import io.transmute.core.io.ImageCodec;
import io.transmute.core.io.ImageData;
import io.transmute.core.model.ModelInput;
import io.transmute.core.model.StarGanModel;
import io.transmute.core.model.TranslationModel;
import io.transmute.core.model.Visual;
import io.transmute.core.report.ResultsPage;
import io.transmute.core.torch.Device;
import io.transmute.core.torch.Scope;
import io.transmute.core.train.TrainOptions;
import io.transmute.core.train.TrainedModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code transmute test}: the reference's {@code test.py}. */
@Command(name = "test", mixinStandardHelpOptions = true,
        header = "Run a trained model over a dataset folder and write an HTML page of the results.",
        description = {"The architecture comes from the checkpoint, so only --name (and --checkpoints_dir) are "
                + "needed; --dataroot defaults to the folder the run was trained on. As the reference, images are "
                + "taken in order, one per batch, without flips, and --load_size defaults to --crop_size.", "",
                "With --model stargan, as yunjey/stargan's test(): <test_iters>-G.ckpt is loaded and "
                + "<results_dir>/<name>/<i+1>-images.jpg written per batch of the run's --batch_size, every test "
                + "image unless --num_test is given.", "",
                "Example:", "  transmute test --name facades_pix2pix --num_test 20",
                "  transmute test --model stargan --name celeba_stargan --test_iters 200000",
                "  transmute test --dataroot ./datasets/horse2zebra --name horse2zebra --epoch 200 --eval"})
public final class TestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BaseOptionsMixin base = new BaseOptionsMixin();

    @Mixin
    RuntimeMixin runtime = new RuntimeMixin();

    @Mixin
    StarGanOptionsMixin stargan = new StarGanOptionsMixin();

    @Option(names = "--results_dir", paramLabel = "DIR", defaultValue = "./results/",
            description = "Saves results here (default: ${DEFAULT-VALUE}).")
    Path resultsDir;

    @Option(names = "--num_test", paramLabel = "N", defaultValue = "50",
            description = "How many test images to run (default: ${DEFAULT-VALUE}).")
    int numTest;

    @Option(names = "--eval", description = "Use eval mode (batch norm statistics, no dropout) during test time.")
    boolean eval;

    @Option(names = "--aspect_ratio", paramLabel = "X", defaultValue = "1.0",
            description = "Aspect ratio of the result images (default: ${DEFAULT-VALUE}).")
    double aspectRatio;

    @Option(names = "--phase", paramLabel = "PHASE", defaultValue = "test",
            description = "train, val, test, etc. (default: ${DEFAULT-VALUE}).")
    String phase;

    @Override
    public Integer call() {
        if (numTest < 1) {
            throw new io.transmute.core.InvalidOptionException("--num_test " + numTest + " must be at least 1");
        }
        if (!(aspectRatio > 0) || Double.isInfinite(aspectRatio)) {
            throw new io.transmute.core.InvalidOptionException("--aspect_ratio " + aspectRatio
                    + " must be a positive number");
        }
        TrainOptions.Builder given = stargan.applyTo(base.applyTo(new TrainOptions.Builder()));
        TrainCommand.applyRuntime(spec.commandLine().getParseResult(), runtime, given);
        given.set(TrainOptions.PHASE, phase);
        if (!StarGanModel.NAME.equals(base.model)) {
            // the reference's test.py hard-codes these; StarGAN's test() keeps the run's batch size and loads in order
            given.set(TrainOptions.NUM_THREADS, 0).set(TrainOptions.BATCH_SIZE, 1)
                    .set(TrainOptions.SERIAL_BATCHES, true).set(TrainOptions.NO_FLIP, true);
        }
        TrainOptions o = TrainedModel.options(given);
        Device device = runtime.apply();
        PrintWriter out = spec.commandLine().getOut();
        if (o.model().equals(StarGanModel.NAME)) {
            int limit = spec.commandLine().getParseResult().hasMatchedOption("--num_test") ? numTest
                    : Integer.MAX_VALUE;
            Results r = runStarGan(o, device, resultsDir, limit, aspectRatio, out);
            out.println("Tested " + r.images() + " image" + (r.images() == 1 ? "" : "s") + " of " + o.name()
                    + " (stargan, iteration " + o.modelOptions().stargan().testIters() + ").");
            out.println("Results:      " + resultsDir.resolve(o.name()));
            out.println("Results page: " + r.page());
            out.flush();
            return ExitCodes.OK;
        }
        Results r = run(o, device, resultsDir, numTest, eval, aspectRatio, out);
        out.println("Tested " + r.images() + " image" + (r.images() == 1 ? "" : "s") + " of " + o.name() + " ("
                + o.model() + ", " + o.loadLabel() + ").");
        out.println("Results page: " + r.page());
        out.flush();
        return ExitCodes.OK;
    }

    /**
     * What a test run did.
     *
     * @param images images processed
     * @param page the results page
     * @param meanL1 mean absolute difference between {@code fake_B} and {@code real_B} in [-1, 1] units, or NaN
     *     when the visuals have no such pair
     */
    record Results(int images, Path page, double meanL1) {
    }

    /** The reference's test loop: up to {@code numTest} images, one per batch, each added to the page. */
    static Results run(TrainOptions o, Device device, Path resultsDir, int numTest, boolean eval, double aspectRatio,
            PrintWriter out) {
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
                List<Visual> visuals;
                try (Scope s = Scope.open()) {
                    visuals = model.evaluate(ModelInput.of(b, device));
                }
                Path source = b.aPaths().get(0);
                if (done % 5 == 0) {
                    out.printf("processing (%04d)-th image... [%s]%n", done, source);
                    out.flush();
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
        return new Results(done, page.indexFile(), pairs == 0 ? Double.NaN : l1 / pairs);
    }

    /**
     * yunjey/stargan's {@code test()}: loads {@code <test_iters>-G.ckpt} and writes, for batch {@code i} of the
     * test data, {@code <results_dir>/<name>/<i+1>-images.jpg}: one row per image, the image followed by its
     * translation to every target domain. The grids also go to the HTML page {@code test_<test_iters>/}.
     */
    static Results runStarGan(TrainOptions o, Device device, Path resultsDir, int numTest, double aspectRatio,
            PrintWriter out) {
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
                List<Visual> visuals;
                try (Scope s = Scope.open()) {
                    visuals = model.evaluate(ModelInput.of(b, device));
                }
                ImagePlane grid = visuals.get(0).image();
                Path file = dir.resolve((i + 1) + "-images.jpg");
                ImageCodec.write(file, new ImageData(grid.channels(), grid.height(), grid.width(), grid.values(),
                        null, 8));
                page.add(b.aPaths().get(0), visuals);
                out.println("Saved real and fake images into " + file + "...");
                out.flush();
                done += b.aPaths().size();
            }
        }
        return new Results(done, page.indexFile(), Double.NaN);
    }

    /**
     * @return the mean absolute difference of two visuals of equal shape, or NaN if either is missing
     */
    static double meanAbsDifference(List<Visual> visuals, String a, String b) {
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
