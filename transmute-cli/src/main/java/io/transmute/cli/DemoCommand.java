package io.transmute.cli;

import io.transmute.core.InvalidOptionException;
import io.transmute.core.data.Preprocess;
import io.transmute.core.data.SyntheticShapes;
import io.transmute.core.model.ModelOptions;
import io.transmute.core.nn.UpsampleType;
import io.transmute.core.report.StandardListeners;
import io.transmute.core.report.TestLoop;
import io.transmute.core.report.TestResults;
import io.transmute.core.torch.Device;
import io.transmute.core.train.CompositeTrainingListener;
import io.transmute.core.train.TrainOptions;
import io.transmute.core.train.Trainer;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code transmute demo}: generates the built-in shapes dataset, trains a small model on it for a few minutes,
 * tests it on held-out images and prints where the pages are. Needs nothing but a JDK.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        header = "Generate a small dataset, train on it for a few minutes, and test on held-out images.",
        description = {"The dataset: label maps of circles, squares and triangles (flat pastel fills with outlines, A)"
                + " and the same shapes rendered red, green and blue, shaded and lit from the top left (B), 64x64 pixels, 400 for training and 16 held out. "
                + "pix2pix learns the mapping from pairs; cycle_gan from unpaired folders.", "",
                "Example:", "  transmute demo", "  transmute demo --model cycle_gan --minutes 10"})
public final class DemoCommand implements Callable<Integer> {
    static final int SIZE = 64;
    static final int TRAIN = 400;
    static final int TEST = 16;
    // measured on 2 shared CPU cores; the epoch count is planned from it and a timer stops training at the
    // budget in any case
    private static final double PIX2PIX_EPOCHS_PER_MINUTE = 3;
    // CycleGAN needs about five epochs (2000 steps) here before all three shapes take the other domain's colours;
    // an epoch takes 80 s on a quiet 2-core machine and 190-240 s on a slow or busy one, so the budget is 2.5 times
    // the quiet time. 32 px images saved less than half of a step's CPU time (small layers cost mostly fixed
    // overhead), and neither 2100 steps of batch 1 nor 400 of batch 4 at 32 px learnt the shapes
    private static final double CYCLE_GAN_MINUTES = 17;
    private static final double CYCLE_GAN_EPOCHS_PER_MINUTE = 5 / CYCLE_GAN_MINUTES;
    private static final double PIX2PIX_MINUTES = 4;

    @Spec
    CommandSpec spec;

    @Mixin
    RuntimeMixin runtime = new RuntimeMixin();

    @Option(names = "--model", paramLabel = "MODEL", defaultValue = "pix2pix",
            description = "pix2pix (paired) or cycle_gan (unpaired) (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--minutes", paramLabel = "M",
            description = "Training time budget in minutes (default: 4 for pix2pix, 17 for cycle_gan).")
    Double minutes;

    @Option(names = "--workdir", paramLabel = "DIR", defaultValue = "./demo",
            description = "Where the dataset, checkpoints and results go (default: ${DEFAULT-VALUE}).")
    Path workdir;

    @Override
    public Integer call() {
        boolean paired = switch (model) {
            case "pix2pix" -> true;
            case "cycle_gan" -> false;
            default -> throw new InvalidOptionException("--model '" + model + "': the demo trains pix2pix or"
                    + " cycle_gan");
        };
        double minutes = this.minutes != null ? this.minutes : paired ? PIX2PIX_MINUTES : CYCLE_GAN_MINUTES;
        if (!(minutes > 0) || minutes > 24 * 60) {
            throw new InvalidOptionException("--minutes " + minutes + " must be above 0 and at most a day");
        }
        PrintWriter out = spec.commandLine().getOut();
        Device device = runtime.apply();
        String dataName = paired ? "shapes" : "shapes_unpaired";
        Path data = workdir.resolve("datasets").resolve(dataName);
        if (!Files.isDirectory(data.resolve(paired ? "test" : "testA"))) {
            out.println("Generating " + TRAIN + " training and " + TEST + " test images in " + data);
            out.flush();
            if (paired) {
                SyntheticShapes.writeAligned(data, TRAIN, TEST, SIZE, runtime.seed());
            } else {
                SyntheticShapes.writeUnaligned(data, TRAIN, TEST, SIZE, runtime.seed());
            }
        }
        TrainOptions.Builder b = trainOptions(paired, data, workdir.resolve("checkpoints"), minutes);
        DeclaredOptions.given(spec.commandLine().getParseResult(), b);
        // a demo run starts afresh each time
        Trainer trainer = Trainer.prepare(b).overwriting(true);
        TrainOptions o = trainer.options();
        String lr = java.math.BigDecimal.valueOf(o.modelOptions().lr()).stripTrailingZeros().toPlainString();
        out.printf(Locale.ROOT, "Training %s (%s, ngf %d, lr %s) for up to %d epochs or %.1f minutes...%n",
                o.model(), o.modelOptions().netG(), o.modelOptions().ngf(), lr, o.lastEpoch(), minutes);
        out.flush();
        long start = System.nanoTime();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "demo-timer");
            t.setDaemon(true);
            return t;
        });
        Trainer.Result result;
        try {
            timer.schedule(trainer::requestStop, Math.round(minutes * 60_000), TimeUnit.MILLISECONDS);
            PrintStream terminal = Terminal.stderrIsTerminal() ? System.err : null;
            result = trainer.run(StandardListeners.forRun(o, new CompositeTrainingListener(List.of(
                    new ProgressListener(out, terminal), new BudgetForecast(out, minutes, System::nanoTime)))));
        } finally {
            timer.shutdownNow();
        }
        double trainedMinutes = (System.nanoTime() - start) / 6e10;
        if (!result.completed()) {
            out.printf(Locale.ROOT, "The %.1f-minute budget stopped training at epoch %d of %d (total_iters %d),"
                    + " so the results below are from a partly trained model. Continue with:%n  transmute train"
                    + " --checkpoints_dir %s --name %s --continue_train%n", minutes, result.position().epoch(),
                    o.lastEpoch(), result.position().totalIters(), o.checkpointsDir(), o.name());
        }
        Path results = workdir.resolve("results");
        TestResults trained = TestLoop.run(testOptions(o), device, results, TEST, false, 1.0,
                TestCommand.printer(out));
        out.printf(Locale.ROOT, "Trained for %.1f minutes.%n", trainedMinutes);
        if (!Double.isNaN(trained.meanL1())) {
            out.printf(Locale.ROOT, "Held-out mean |G(A) - B| = %.3f (on [-1, 1]).%n", trained.meanL1());
        }
        out.println("Training report: " + o.runDir().resolve("web").resolve("index.html"));
        out.println("Test results:    " + trained.page());
        out.flush();
        return ExitCodes.OK;
    }

    /** The demo's training options: a small network sized for a few minutes on two CPU cores. */
    static TrainOptions.Builder trainOptions(boolean paired, Path data, Path checkpoints, double minutes) {
        double perMinute = paired ? PIX2PIX_EPOCHS_PER_MINUTE : CYCLE_GAN_EPOCHS_PER_MINUTE;
        int epochs = Math.max(2, (int) Math.round(minutes * perMinute));
        TrainOptions.Builder b = new TrainOptions.Builder()
                .set(TrainOptions.DATAROOT, data.toString())
                .set(TrainOptions.CHECKPOINTS_DIR, checkpoints.toString())
                .set(TrainOptions.NAME, paired ? "shapes_pix2pix" : "shapes_cyclegan")
                .set(TrainOptions.MODEL, paired ? "pix2pix" : "cycle_gan")
                .set(ModelOptions.NGF, 16)
                .set(ModelOptions.NDF, 16)
                .set(TrainOptions.PREPROCESS, Preprocess.NONE)
                .set(TrainOptions.LOAD_SIZE, SIZE)
                .set(TrainOptions.CROP_SIZE, SIZE)
                .set(TrainOptions.NUM_THREADS, 1)
                .set(TrainOptions.N_EPOCHS, epochs - epochs / 2)
                .set(TrainOptions.N_EPOCHS_DECAY, epochs / 2)
                .set(TrainOptions.PRINT_FREQ, 100)
                .set(TrainOptions.DISPLAY_FREQ, 200)
                .set(TrainOptions.UPDATE_HTML_FREQ, 400)
                .set(TrainOptions.SAVE_LATEST_FREQ, 400)
                .set(TrainOptions.SAVE_EPOCH_FREQ, 1000);
        if (paired) {
            b.set(ModelOptions.NET_G, "unet_64");
        } else {
            // a higher rate and resize-convolution upsampling: in a 4-minute run the reference's 0.0002 and
            // transposed convolutions left checkerboard, wrongly coloured shapes on the held-out images
            b.set(ModelOptions.NET_G, "resnet_6blocks")
                    .set(ModelOptions.UPSAMPLE, UpsampleType.RESIZE_CONV)
                    .set(ModelOptions.LR, 0.0005);
        }
        return b;
    }

    private static TrainOptions testOptions(TrainOptions trained) {
        return io.transmute.core.train.TrainedModel.options(new TrainOptions.Builder()
                .set(TrainOptions.CHECKPOINTS_DIR, trained.checkpointsDir().toString())
                .set(TrainOptions.NAME, trained.name())
                .set(TrainOptions.PHASE, "test")
                .set(TrainOptions.NUM_THREADS, 0)
                .set(TrainOptions.BATCH_SIZE, 1)
                .set(TrainOptions.SERIAL_BATCHES, true)
                .set(TrainOptions.NO_FLIP, true));
    }
}
