package io.transmute.cli;

import io.transmute.core.eval.EvalJson;
import io.transmute.core.eval.EvalMetric;
import io.transmute.core.eval.EvalOptions;
import io.transmute.core.eval.EvalProgress;
import io.transmute.core.eval.EvalResult;
import io.transmute.core.eval.Evaluation;
import io.transmute.core.eval.FidDims;
import io.transmute.core.eval.FidInception;
import io.transmute.core.eval.GeneratorEvaluation;
import io.transmute.core.eval.TestSplit;
import io.transmute.core.infer.TranslatorOptions;
import io.transmute.core.torch.Device;
import io.transmute.core.torch.Torch;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code transmute eval}: FID, KID, L1, PSNR, SSIM and LPIPS of a folder of images against another. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        header = "Score images: FID and KID (as pytorch-fid, clean-fid), L1/PSNR/SSIM (scikit-image) and LPIPS.",
        footer = {"", "Examples:",
            "  transmute eval datasets/horse2zebra/testB results/zebras --fid_weights "
                    + FidInception.WEIGHTS_FILE,
            "  transmute eval testB fakes --metrics fid,kid --json scores.json",
            "  transmute eval testB --save_stats testB.npz          # then: transmute eval testB.npz fakes",
            "  transmute eval datasets/facades/test_B results/B --metrics l1,psnr,ssim",
            "  transmute eval --weights checkpoints/h2z/latest_net_G_A.pth --dataroot datasets/horse2zebra"
                    + "   # testA translated, against testB",
            "  transmute eval --weights checkpoints/facades/best_net_G.pth --dataroot datasets/facades"
                    + " --direction BtoA"})
public final class EvalCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    RuntimeMixin runtime;

    @Parameters(index = "0", arity = "0..1", paramLabel = "REAL", description = "Reference images: a folder"
            + " (searched recursively) or an .npz of FID statistics. Leave out with --weights.")
    Path real;

    @Parameters(index = "1", arity = "0..1", paramLabel = "FAKE", description = "Images to score: a folder or an"
            + " .npz. Leave out with --save_stats to only save REAL's statistics.")
    Path fake;

    @Option(names = "--metrics", paramLabel = "LIST",
            description = "Comma-separated: fid, kid, l1, psnr, ssim, lpips (default: fid,kid; with --weights on"
                    + " aligned data l1,psnr,ssim, plus lpips when its weights are given). The paired ones match"
                    + " images by relative path.")
    String metrics;

    @Option(names = "--weights", paramLabel = "G.pth", description = "Score this generator instead of two folders:"
            + " it translates the --phase split of --dataroot (testA, or the A halves of aligned test pairs) and the"
            + " outputs are compared with testB (unpaired, as mmagic's CycleGAN FID) or with the B halves.")
    Path weights;

    @Option(names = "--dataroot", paramLabel = "DIR", description = "With --weights: the dataset folder.")
    Path dataroot;

    @Option(names = "--phase", paramLabel = "PHASE", defaultValue = "test",
            description = "With --weights: the split to score (default: ${DEFAULT-VALUE}).")
    String phase;

    @Option(names = "--direction", paramLabel = "DIR", defaultValue = "AtoB",
            description = "With --weights: AtoB translates A and compares with B, BtoA the other way round"
                    + " (default: ${DEFAULT-VALUE}).")
    String direction;

    @Option(names = "--max_images", paramLabel = "N", defaultValue = "0",
            description = "With --weights: score the first N images of each side, 0 for all (default:"
                    + " ${DEFAULT-VALUE}).")
    int maxImages;

    @Option(names = "--eval", description = "With --weights: run the generator in eval mode (batch norm running"
            + " statistics, no dropout), as the reference test.py --eval; by default it runs as test.py does.")
    boolean evalMode;

    @Option(names = "--fid_weights", paramLabel = "FILE", description = "pytorch-fid's "
            + FidInception.WEIGHTS_FILE + " (default: the file $" + FidInception.WEIGHTS_ENV + " names).")
    Path fidWeights;

    @Option(names = "--dims", paramLabel = "N", defaultValue = "2048",
            description = "FID-Inception features: 64, 192, 768 or 2048 (default: ${DEFAULT-VALUE}).")
    int dims;

    @Option(names = "--batch_size", paramLabel = "N", defaultValue = "50",
            description = "Images per forward pass (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--kid_subsets", paramLabel = "N", defaultValue = "100",
            description = "KID: number of random subsets (default: ${DEFAULT-VALUE}).")
    int kidSubsets;

    @Option(names = "--kid_subset_size", paramLabel = "N", defaultValue = "1000",
            description = "KID: images per subset, capped at the smaller set (default: ${DEFAULT-VALUE}).")
    int kidSubsetSize;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the scores as JSON.")
    Path json;

    @Option(names = "--save_stats", paramLabel = "FILE", description = "Write REAL's FID statistics (mu, sigma)"
            + " to an .npz, as pytorch-fid's --save-stats.")
    Path saveStats;

    @Option(names = "--lpips_weights", paramLabel = "FILE",
            description = "The lpips package's weights/v0.1/vgg.pth (for --metrics lpips).")
    Path lpipsWeights;

    @Option(names = "--vgg_weights", paramLabel = "FILE",
            description = "torchvision's vgg16-397923af.pth (for --metrics lpips).")
    Path vggWeights;

    @Option(names = "--num_threads", paramLabel = "N", defaultValue = "2",
            description = "Background threads decoding images (default: ${DEFAULT-VALUE}).")
    int decodeThreads;

    @Mixin
    QuietMixin quiet = new QuietMixin();

    @Mixin
    PrecisionMixin precision = new PrecisionMixin();

    @Override
    public Integer call() {
        Device device = runtime.apply();
        long start = System.nanoTime();
        EvalResult r;
        try (BarProgress progress = new BarProgress(quiet.quiet())) {
            r = weights == null ? Evaluation.run(folderOptions(), progress) : scoreGenerator(device, progress);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        for (String s : r.skipped()) {
            err.println("warning: skipped " + s);
        }
        for (String s : r.unmatched()) {
            err.println("warning: unmatched: " + s);
        }
        for (Map.Entry<String, Double> e : r.scores().entrySet()) {
            out.printf(Locale.ROOT, "%-8s %.6f%n", e.getKey(), e.getValue());
        }
        out.printf(Locale.ROOT, "images: %d real, %d fake%s%s; %.1f s on %d threads%n", r.nReal(), r.nFake(),
                r.nPairs() > 0 ? ", " + r.nPairs() + " pairs" : "",
                r.skipped().isEmpty() ? "" : ", " + r.skipped().size() + " skipped (unreadable)", seconds,
                Torch.threads());
        if (saveStats != null) {
            out.println("wrote statistics to " + saveStats);
        }
        if (json != null) {
            EvalJson.write(json, r, version());
            out.println("wrote " + json);
        }
        out.flush();
        err.flush();
        return r.skipped().isEmpty() ? ExitCodes.OK : ExitCodes.PARTIAL;
    }

    private EvalOptions folderOptions() {
        if (spec.commandLine().getParseResult().hasMatchedOption("--precision")) {
            throw new ParameterException(spec.commandLine(), "--precision is for --weights, whose translations it"
                    + " computes; folders are scored as they are");
        }
        if (dataroot != null) {
            throw new ParameterException(spec.commandLine(), "--dataroot goes with --weights; give two folders"
                    + " (REAL FAKE) or --weights G.pth --dataroot DIR");
        }
        if (real == null) {
            throw new ParameterException(spec.commandLine(), "give REAL and FAKE (folders or .npz), or --weights"
                    + " G.pth --dataroot DIR");
        }
        return new EvalOptions(real, fake, EvalMetric.parseList(metrics == null ? "fid,kid" : metrics),
                FidDims.of(dims), fidWeights, batchSize, kidSubsets, kidSubsetSize, runtime.seed(), saveStats,
                lpipsWeights, vggWeights, decodeThreads);
    }

    private EvalResult scoreGenerator(Device device, BarProgress progress) {
        if (real != null || fake != null || saveStats != null) {
            throw new ParameterException(spec.commandLine(), "--weights scores a generator on --dataroot; drop"
                    + " REAL/FAKE and --save_stats");
        }
        if (dataroot == null) {
            throw new ParameterException(spec.commandLine(), "--weights needs --dataroot DIR, the dataset whose"
                    + " --phase split (default test) is translated and scored");
        }
        if (!direction.equals("AtoB") && !direction.equals("BtoA")) {
            throw new ParameterException(spec.commandLine(), "--direction " + direction + ": use AtoB or BtoA");
        }
        TestSplit split = TestSplit.of(dataroot, phase, direction.equals("BtoA"));
        Set<EvalMetric> m = metrics == null
                ? GeneratorEvaluation.defaultMetrics(split.paired(), lpipsWeights != null && vggWeights != null)
                : EvalMetric.parseList(metrics);
        EvalOptions scoring = new EvalOptions(split.reference(), split.inputs(), m, FidDims.of(dims), fidWeights,
                batchSize, kidSubsets, kidSubsetSize, runtime.seed(), null, lpipsWeights, vggWeights, decodeThreads);
        TranslatorOptions t = new TranslatorOptions(device, evalMode, null, null, 1, precision.precision());
        return GeneratorEvaluation.run(weights, t, split, maxImages, scoring, Path.of(System.getProperty(
                "java.io.tmpdir")), progress);
    }

    private static String version() {
        String v = EvalCommand.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** A progress bar with images/s per pass over a folder. */
    private static final class BarProgress implements EvalProgress, AutoCloseable {
        private final boolean quiet;
        private ProgressBar bar;

        BarProgress(boolean quiet) {
            this.quiet = quiet;
        }

        @Override
        public void start(String label, int total) {
            end();
            if (!quiet && total > 3) {
                bar = new ProgressBarBuilder().setTaskName(label).setInitialMax(total)
                        .setStyle(ProgressBarStyle.ASCII).setUnit(" img", 1).showSpeed().build();
            }
        }

        @Override
        public void step(int done) {
            if (bar != null) {
                bar.stepTo(done);
            }
        }

        @Override
        public void end() {
            if (bar != null) {
                bar.close();
                bar = null;
            }
        }

        @Override
        public void close() {
            end();
        }
    }
}
