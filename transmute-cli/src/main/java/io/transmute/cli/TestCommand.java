package io.transmute.cli;

import io.transmute.core.model.ModelOptions;
import io.transmute.core.model.StarGanModel;
import io.transmute.core.option.OptionKey;
import io.transmute.core.report.TestLoop;
import io.transmute.core.report.TestResults;
import io.transmute.core.torch.Device;
import io.transmute.core.train.StarGanOptionKeys;
import io.transmute.core.train.TrainOptions;
import io.transmute.core.train.TrainedModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code transmute test}: the reference's {@code test.py}. */
@Command(name = "test", mixinStandardHelpOptions = true, modelTransformer = TestCommand.Options.class,
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
    RuntimeMixin runtime = new RuntimeMixin();

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
        TrainOptions.Builder given = DeclaredOptions.given(spec.commandLine().getParseResult(),
                new TrainOptions.Builder());
        given.set(TrainOptions.PHASE, phase);
        if (!StarGanModel.NAME.equals(given.get(TrainOptions.MODEL))) {
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
            TestResults r = TestLoop.runStarGan(o, device, resultsDir, limit, aspectRatio, printer(out));
            out.println("Tested " + r.images() + " image" + (r.images() == 1 ? "" : "s") + " of " + o.name()
                    + " (stargan, iteration " + o.modelOptions().stargan().testIters() + ").");
            out.println("Results:      " + resultsDir.resolve(o.name()));
            out.println("Results page: " + r.page());
            out.flush();
            return ExitCodes.OK;
        }
        TestResults r = TestLoop.run(o, device, resultsDir, numTest, eval, aspectRatio, printer(out));
        out.println("Tested " + r.images() + " image" + (r.images() == 1 ? "" : "s") + " of " + o.name() + " ("
                + o.model() + ", " + o.loadLabel() + ").");
        out.println("Results page: " + r.page());
        out.flush();
        return ExitCodes.OK;
    }

    /** @return a consumer printing each line to {@code out} at once */
    static Consumer<String> printer(PrintWriter out) {
        return line -> {
            out.println(line);
            out.flush();
        };
    }

    /**
     * Adds the reference's base options ({@code options/base_options.py}: data, run folder, networks) and
     * StarGAN's, as the core declares them.
     */
    public static final class Options implements IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec spec) {
            List<OptionKey<?>> keys = new ArrayList<>(TrainOptions.BASE_KEYS);
            keys.addAll(ModelOptions.KEYS);
            keys.addAll(StarGanOptionKeys.KEYS);
            return DeclaredOptions.addTo(spec, keys);
        }
    }
}
