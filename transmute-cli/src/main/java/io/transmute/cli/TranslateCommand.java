package io.transmute.cli;

import io.transmute.core.DataException;
import io.transmute.core.data.Preprocess;
import io.transmute.core.infer.FileTranslation;
import io.transmute.core.infer.FileTranslation.ImageLayout;
import io.transmute.core.infer.FileTranslation.Result;
import io.transmute.core.infer.InputFiles;
import io.transmute.core.infer.InputFiles.InputFile;
import io.transmute.core.infer.Translator;
import io.transmute.core.infer.TranslatorOptions;
import io.transmute.core.nn.GivenGeneratorOptions;
import io.transmute.core.nn.NormType;
import io.transmute.core.nn.UpsampleType;
import io.transmute.core.torch.Device;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code transmute translate}: run a trained generator over images, folders or arrays. */
@Command(name = "translate", mixinStandardHelpOptions = true,
        header = "Translate images, folders or .npy arrays with a trained generator.",
        description = {"The architecture is read from the weights (ours or the reference's latest_net_G.pth);"
                + " architecture options are only needed to override, and are checked against the weights.",
            "Images of any size are reflect-padded to what the network needs and cropped back."},
        footer = {"", "Examples:",
            "  transmute translate --weights checkpoints/facades/latest_net_G.pth photos/ -o out/",
            "  transmute translate --weights horse2zebra.pth 'horses/*.jpg' -o zebras/ --batch_size 8 --eval",
            "  transmute translate --weights G.pth scan.npy -o out/      # float32 CHW/NCHW in [-1, 1], no rounding"})
public final class TranslateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RuntimeMixin runtime;

    @Parameters(arity = "1..*", paramLabel = "INPUT",
            description = "Image files, folders (searched recursively) or quoted glob patterns; .npy arrays too.")
    List<String> inputs;

    @Option(names = "--weights", required = true, paramLabel = "FILE",
            description = "Generator weights: a .pth/.ckpt state_dict (e.g. latest_net_G.pth).")
    Path weights;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", defaultValue = "translated",
            description = "Output folder; outputs keep the inputs' relative paths and stems (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--format", paramLabel = "EXT", defaultValue = "png",
            description = "Image output format: png, jpg, bmp, tif, or 'same' as the input (default: ${DEFAULT-VALUE})."
                    + " 16-bit inputs give 16-bit png/tif outputs.")
    String format;

    @Option(names = "--eval", description = "Eval mode: batch norm uses running statistics, dropout off. Without it,"
            + " as the reference test.py: train-mode batch norm (batch statistics per image) and dropout.")
    boolean eval;

    @Option(names = "--no_dropout", description = "No dropout in train mode (the reference default for pix2pix"
            + " U-Nets is dropout on; for ResNet generators the weights tell).")
    boolean noDropout;

    @Option(names = "--batch_size", paramLabel = "N", defaultValue = "1",
            description = "Images per forward pass; same-sized images are batched (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--dataset_mode", paramLabel = "MODE", defaultValue = "single",
            description = "single: whole images are inputs; aligned: images hold A|B side by side"
                    + " (default: ${DEFAULT-VALUE}).")
    String datasetMode;

    @Option(names = "--direction", paramLabel = "DIR", defaultValue = "AtoB",
            description = "With --dataset_mode aligned: AtoB takes the left half as input, BtoA the right"
                    + " (default: ${DEFAULT-VALUE}).")
    String direction;

    @Option(names = "--preprocess", paramLabel = "MODE", defaultValue = "pad",
            description = "pad: keep each image's size (reflect-pad for the network, crop back); or the reference's"
                    + " resize_and_crop, crop, scale_width, scale_width_and_crop, none (crops are centred)"
                    + " (default: ${DEFAULT-VALUE}).")
    String preprocess;

    @Option(names = "--load_size", paramLabel = "N", defaultValue = "256",
            description = "Scale images to this size first, with --preprocess (default: ${DEFAULT-VALUE}).")
    int loadSize;

    @Option(names = "--crop_size", paramLabel = "N", defaultValue = "256",
            description = "Then crop to this size, with --preprocess (default: ${DEFAULT-VALUE}).")
    int cropSize;

    @Option(names = "--netG", paramLabel = "NAME", description = "Override/check: resnet_9blocks, resnet_6blocks,"
            + " unet_256, unet_128 (or resnet_<n>blocks, unet_<size>).")
    String netG;

    @Option(names = "--ngf", paramLabel = "N", description = "Override/check: generator filters in the last conv layer.")
    Integer ngf;

    @Option(names = "--norm", paramLabel = "NORM", description = "Override/check: batch, instance or none.")
    String norm;

    @Option(names = "--input_nc", paramLabel = "N", description = "Override/check: input channels (1 = grayscale).")
    Integer inputNc;

    @Option(names = "--output_nc", paramLabel = "N", description = "Override/check: output channels.")
    Integer outputNc;

    @Option(names = "--upsample", paramLabel = "MODE", description = "Override/check: deconv or resize_conv.")
    String upsample;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Override
    public Integer call() {
        if (!datasetMode.equals("single") && !datasetMode.equals("aligned")) {
            throw new io.transmute.core.InvalidOptionException("--dataset_mode " + datasetMode
                    + " is not available here; use single or aligned");
        }
        if (!direction.equals("AtoB") && !direction.equals("BtoA")) {
            throw new io.transmute.core.InvalidOptionException("--direction " + direction + " must be AtoB or BtoA");
        }
        Device device = runtime.apply();
        List<InputFile> files = InputFiles.expand(inputs);
        GivenGeneratorOptions given = new GivenGeneratorOptions(netG, inputNc, outputNc, ngf,
                norm == null ? null : NormType.parse(norm), upsample == null ? null : UpsampleType.parse(upsample),
                noDropout ? Boolean.FALSE : null, null, null);
        TranslatorOptions options = new TranslatorOptions(device, eval, noDropout ? Boolean.FALSE : null, given,
                batchSize);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Result> failed = new ArrayList<>();
        int ok = 0;
        long start = System.nanoTime();
        try (Translator translator = Translator.load(weights, options)) {
            FileTranslation job = new FileTranslation(translator, output, format,
                    new ImageLayout(datasetMode.equals("aligned"), direction.equals("BtoA")),
                    preprocess.equals("pad") ? null
                            : new FileTranslation.Resize(Preprocess.fromCliName(preprocess), loadSize, cropSize));
            out.println("translating " + files.size() + " file(s) with " + translator.spec().netG() + " (ngf "
                    + translator.spec().ngf() + ", " + translator.spec().norm().cliName() + " norm, "
                    + (eval ? "eval" : "train") + " mode) on " + device + ", " + io.transmute.core.torch.Torch.threads()
                    + " thread(s)");
            out.flush();
            List<Result> results;
            if (files.size() > 3 && !quiet) {
                try (ProgressBar bar = new ProgressBarBuilder().setTaskName("translate").setInitialMax(files.size())
                        .setStyle(ProgressBarStyle.ASCII).setUnit(" img", 1).showSpeed()
                        .build()) {
                    results = job.run(files, r -> bar.step());
                }
            } else {
                results = job.run(files, r -> { });
            }
            for (Result r : results) {
                if (r.ok()) {
                    ok++;
                } else {
                    failed.add(r);
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf("wrote %d file(s) to %s in %.1f s (%.2f images/s)%n", ok, output, seconds, ok / seconds);
        out.flush();
        if (!failed.isEmpty()) {
            err.println(failed.size() + " of " + files.size() + " file(s) failed:");
            for (Result r : failed) {
                err.println("  " + r.error());
            }
            err.flush();
            if (ok == 0) {
                throw new DataException("no file could be translated; see the list above");
            }
            return ExitCodes.PARTIAL;
        }
        return ExitCodes.OK;
    }
}
