package io.transmute.cli;

import io.transmute.core.DataException;
import io.transmute.core.InvalidOptionException;
import io.transmute.core.data.Preprocess;
import io.transmute.core.infer.FileTranslation;
import io.transmute.core.infer.FileTranslation.ImageLayout;
import io.transmute.core.infer.FileTranslation.Result;
import io.transmute.core.infer.ImageTransform;
import io.transmute.core.infer.InputFiles;
import io.transmute.core.infer.InputFiles.InputFile;
import io.transmute.core.infer.StarGanFileTranslation;
import io.transmute.core.infer.StarGanTestTransform;
import io.transmute.core.infer.StarGanTranslator;
import io.transmute.core.infer.Tiling;
import io.transmute.core.infer.Translator;
import io.transmute.core.infer.TranslatorOptions;
import io.transmute.core.model.StarGanLabels;
import io.transmute.core.nn.GivenGeneratorOptions;
import io.transmute.core.nn.NormType;
import io.transmute.core.nn.UpsampleType;
import io.transmute.core.torch.Device;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Function;
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
            "  transmute translate --weights G.pth scan.npy -o out/      # float32 CHW/NCHW in [-1, 1], no rounding",
            "  transmute translate --model stargan --weights stargan/200000-G.ckpt faces/ --attrs Blond_Hair=1,Male=0",
            "  transmute translate --model stargan --weights 200000-G.ckpt faces/ --grid --attrs Black_Hair,Young"})
public final class TranslateCommand implements Callable<Integer> {
    private static final String STARGAN_PREPROCESS = "stargan";

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

    @Option(names = "--preprocess", paramLabel = "MODE",
            description = "pad: keep each image's size (reflect-pad for the network, crop back); or the reference's"
                    + " resize_and_crop, crop, scale_width, scale_width_and_crop, none (crops are centred);"
                    + " with --model stargan also stargan: its reference's CenterCrop(--crop_size) then"
                    + " Resize(--load_size). Default: pad; with --model stargan the transform the checkpoint"
                    + " records (stargan at its training sizes), else pad.")
    String preprocess;

    @Option(names = "--load_size", paramLabel = "N",
            description = "Scale images to this size first, with --preprocess; with --preprocess stargan the final"
                    + " size (default: 256; stargan: the checkpoint's --image_size).")
    Integer loadSize;

    @Option(names = "--crop_size", paramLabel = "N",
            description = "Then crop to this size, with --preprocess; with --preprocess stargan the centre crop"
                    + " taken first (default: 256; stargan: the checkpoint's crop size).")
    Integer cropSize;

    @Option(names = "--netG", paramLabel = "NAME", description = "Override/check: resnet_9blocks, resnet_6blocks,"
            + " unet_256, unet_128, encoder_decoder (or resnet_<n>blocks, unet_<size>, encoder_decoder_<size>).")
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

    @Mixin
    QuietMixin quiet = new QuietMixin();

    @Mixin
    PrecisionMixin precision = new PrecisionMixin();

    @Option(names = "--tile", paramLabel = "N", defaultValue = "0",
            description = "Translate images larger than N pixels in overlapping N-pixel tiles (rounded down to what"
                    + " the network needs); 0 = only images that would not fit in --max_memory (default:"
                    + " ${DEFAULT-VALUE}).")
    int tile;

    @Option(names = "--tile_overlap", paramLabel = "M", defaultValue = "32",
            description = "Pixels neighbouring tiles share; outputs are blended across them (default: ${DEFAULT-VALUE}).")
    int tileOverlap;

    @Option(names = "--max_memory", paramLabel = "SIZE",
            description = "Memory one image may take, e.g. 8G; a larger image is tiled, or refused with the estimate"
                    + " when its generator normalises per image (default: half of this machine's memory).")
    String maxMemory;

    @Option(names = "--overwrite", description = "Allow -o to be (or lie inside) an input folder, writing the"
            + " outputs beside the inputs; an input file is never replaced.")
    boolean overwrite;

    @Option(names = "--model", paramLabel = "NAME", defaultValue = "auto",
            description = "auto: a pix2pix/CycleGAN-style generator; stargan: a StarGAN generator driven by"
                    + " --attrs (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--attrs", paramLabel = "SPEC", description = "With --model stargan: target attributes, e.g."
            + " Blond_Hair=1,Male=0 (a bare name means =1); attributes not named are 0. With --grid: the inputs' own"
            + " attributes, which the grid flips one at a time as the reference's create_labels. For a RaFD-style"
            + " model name one domain.")
    String attrs;

    @Option(names = "--selected_attrs", arity = "1..*", split = ",", paramLabel = "NAME",
            description = "With --model stargan: the attribute names in training order, for reference checkpoints"
                    + " (ours store them); without either, the reference defaults Black_Hair Blond_Hair Brown_Hair"
                    + " Male Young.")
    List<String> selectedAttrs;

    @Option(names = "--grid", description = "With --model stargan: write <stem>_grid.png, the input followed by one"
            + " translation per attribute, as the reference's test output, instead of <stem>.png.")
    boolean grid;

    @Override
    public Integer call() {
        if (!datasetMode.equals("single") && !datasetMode.equals("aligned")) {
            throw new io.transmute.core.InvalidOptionException("--dataset_mode " + datasetMode
                    + " is not available here; use single or aligned");
        }
        if (!direction.equals("AtoB") && !direction.equals("BtoA")) {
            throw new io.transmute.core.InvalidOptionException("--direction " + direction + " must be AtoB or BtoA");
        }
        boolean star = switch (model) {
            case "auto" -> false;
            case "stargan" -> true;
            default -> throw new InvalidOptionException("--model " + model + " is not available here; use auto or"
                    + " stargan");
        };
        if (!star && (attrs != null || selectedAttrs != null || grid)) {
            throw new InvalidOptionException("--attrs, --selected_attrs and --grid need --model stargan");
        }
        if (star && datasetMode.equals("aligned")) {
            throw new InvalidOptionException("--model stargan translates whole images; drop --dataset_mode");
        }
        if (!star && STARGAN_PREPROCESS.equals(preprocess)) {
            throw new InvalidOptionException("--preprocess stargan is StarGAN's test transform; add --model stargan,"
                    + " or use one of pad, resize_and_crop, crop, scale_width, scale_width_and_crop, none");
        }
        Device device = runtime.apply();
        PrintWriter err = spec.commandLine().getErr();
        List<InputFile> files = InputFiles.expand(inputs, w -> err.println("warning: " + w));
        err.flush();
        if (star) {
            return starGan(device, files);
        }
        GivenGeneratorOptions given = new GivenGeneratorOptions(netG, inputNc, outputNc, ngf,
                norm == null ? null : NormType.parse(norm), upsample == null ? null : UpsampleType.parse(upsample),
                noDropout ? Boolean.FALSE : null, null, null);
        TranslatorOptions options = new TranslatorOptions(device, eval, noDropout ? Boolean.FALSE : null, given,
                batchSize, precision.precision());
        PrintWriter out = spec.commandLine().getOut();
        List<Result> failed = new ArrayList<>();
        int ok = 0;
        long start = System.nanoTime();
        Tiling tiling = new Tiling(tile, tileOverlap, maxMemory == null ? Tiling.defaultMaxMemory()
                : Tiling.parseBytes(maxMemory));
        try (Translator translator = Translator.load(weights, options)) {
            FileTranslation job = new FileTranslation(translator, output, format,
                    new ImageLayout(datasetMode.equals("aligned"), direction.equals("BtoA")),
                    preprocess == null || preprocess.equals("pad") ? null
                            : new FileTranslation.Resize(Preprocess.fromCliName(preprocess),
                                    loadSize == null ? 256 : loadSize, cropSize == null ? 256 : cropSize),
                    tiling);
            job.checkOutputs(files, overwrite);
            out.println("translating " + files.size() + " file(s) with " + translator.description() + " ("
                    + (eval ? "eval" : "train") + " mode) on " + device + ", " + io.transmute.core.torch.Torch.threads()
                    + " thread(s)");
            out.flush();
            List<Result> results = withProgress(files, r -> job.run(files, r));
            for (Result r : results) {
                if (r.ok()) {
                    ok++;
                } else {
                    failed.add(r);
                }
            }
        }
        return summary(files, ok, failed, start);
    }

    private Integer starGan(Device device, List<InputFile> files) {
        PrintWriter out = spec.commandLine().getOut();
        long start = System.nanoTime();
        List<Result> failed = new ArrayList<>();
        int ok = 0;
        try (StarGanTranslator translator = StarGanTranslator.load(weights, selectedAttrs, device,
                precision.precision())) {
            if (attrs == null && !grid) {
                throw new InvalidOptionException("--model stargan needs --attrs, e.g. --attrs "
                        + translator.attributeNames().get(0) + "=1; attributes: "
                        + String.join(" ", translator.attributeNames()));
            }
            float[] labels = attrs == null ? new float[translator.cDim()]
                    : grid ? StarGanLabels.parseTargets(attrs, translator.attributeNames(),
                            null)
                    : translator.targets(attrs);
            ImageTransform transform = starGanTransform(translator);
            StarGanFileTranslation job = new StarGanFileTranslation(translator, output, format, labels, grid,
                    transform);
            job.checkOutputs(files, overwrite);
            out.println("translating " + files.size() + " file(s) with StarGAN (g_conv_dim " + translator.spec().ngf()
                    + ", c_dim " + translator.cDim() + ", g_repeat_num " + translator.repeatNum() + "; "
                    + String.join(" ", translator.attributeNames()) + "; "
                    + (transform == null ? "whole images" : transform.describe()) + ") on " + device + ", "
                    + io.transmute.core.torch.Torch.threads() + " thread(s)");
            out.flush();
            for (Result r : withProgress(files, r -> job.run(files, r))) {
                if (r.ok()) {
                    ok++;
                } else {
                    failed.add(r);
                }
            }
        }
        return summary(files, ok, failed, start);
    }

    /**
     * StarGAN's preprocessing: as given, or by default the transform the checkpoint records (a reference
     * checkpoint records none, and its images are translated whole).
     */
    private ImageTransform starGanTransform(StarGanTranslator translator) {
        Optional<StarGanTestTransform> stored = translator.storedTransform();
        if (preprocess == null && stored.isEmpty() || "pad".equals(preprocess)) {
            return null;
        }
        if (preprocess == null || preprocess.equals(STARGAN_PREPROCESS)) {
            if (stored.isEmpty() && (cropSize == null || loadSize == null)) {
                throw new InvalidOptionException("--preprocess stargan: " + translator.source() + " records no"
                        + " training sizes; give --crop_size and --load_size (the reference's crop size and"
                        + " --image_size, e.g. 178 and 128 for CelebA)");
            }
            return new StarGanTestTransform(cropSize != null ? cropSize : stored.get().cropSize(),
                    loadSize != null ? loadSize : stored.get().imageSize());
        }
        return new FileTranslation.Resize(Preprocess.fromCliName(preprocess), loadSize == null ? 256 : loadSize,
                cropSize == null ? 256 : cropSize);
    }

    private List<Result> withProgress(List<InputFile> files, Function<Consumer<Result>, List<Result>> job) {
        if (files.size() > 3 && !quiet.quiet() && Terminal.stderrIsTerminal()) {
            try (ProgressBar bar = new ProgressBarBuilder().setTaskName("translate").setInitialMax(files.size())
                    .setStyle(ProgressBarStyle.ASCII).setUnit(" img", 1).showSpeed()
                    .build()) {
                return job.apply(r -> {
                    bar.step();
                    warn(r);
                });
            }
        }
        return job.apply(this::warn);
    }

    private void warn(Result r) {
        if (r.warning() != null) {
            spec.commandLine().getErr().println("warning: " + r.warning());
            spec.commandLine().getErr().flush();
        }
    }

    private Integer summary(List<InputFile> files, int ok, List<Result> failed, long start) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
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
