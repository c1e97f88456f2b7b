package io.transmute.core.infer;

import io.transmute.core.InvalidOptionException;
import io.transmute.core.io.ImageCodec;
import io.transmute.core.io.ImageData;
import io.transmute.core.io.StateDict;
import io.transmute.core.io.TensorData;
import io.transmute.core.io.NonFiniteValues;
import io.transmute.core.io.WeightFiles;
import io.transmute.core.nn.ArchitectureInference;
import io.transmute.core.nn.GeneratorSpec;
import io.transmute.core.nn.GeneratorType;
import io.transmute.core.nn.ModuleWeights;
import io.transmute.core.nn.StoredArchitecture;
import io.transmute.core.nn.NormType;
import io.transmute.core.torch.Device;
import io.transmute.core.torch.Net;
import io.transmute.core.torch.FasterKernels;
import io.transmute.core.torch.Precision;
import io.transmute.core.torch.Scope;
import io.transmute.core.torch.Tensors;
import io.transmute.core.torch.Torch;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.bytedeco.pytorch.InferenceMode;
import org.bytedeco.pytorch.Tensor;

/**
 * Translates images with a trained generator. The architecture comes from the checkpoint, so
 * {@code Translator.load(path).translate(image)} needs no other configuration.
 *
 * <pre>{@code
 * try (Translator t = Translator.load(Path.of("latest_net_G.pth"))) {
 *     BufferedImage zebra = t.translate(ImageIO.read(new File("horse.jpg")));
 * }
 * }</pre>
 */
public final class Translator implements AutoCloseable {
    /**
     * One kernel choice per architecture for the whole process: every translator of it gives the same results for
     * the same weights (an evaluation each epoch, a reloaded served model), and only the first times the kernels.
     */
    private static final Map<GeneratorSpec, FasterKernels> KERNELS = new ConcurrentHashMap<>();
    private final Net generator;
    private final GeneratorSpec spec;
    private final TorchScriptGenerator script;
    private final TranslatorOptions options;
    private final String source;
    private final FasterKernels unetKernels;

    private Translator(Net generator, GeneratorSpec spec, TorchScriptGenerator script, TranslatorOptions options,
            String source) {
        this.generator = generator;
        this.spec = spec;
        this.script = script;
        this.options = options;
        this.source = source;
        boolean timed = spec != null && FasterKernels.worthTiming(spec.type().family().unetShaped(),
                options.device(), options.precision());
        this.unetKernels = timed ? KERNELS.computeIfAbsent(spec, k -> new FasterKernels()) : null;
    }

    /**
     * Loads a generator with default options (CPU, reference test-script mode).
     *
     * @param weights a {@code .pth} state_dict of a generator
     * @return the translator
     */
    public static Translator load(Path weights) {
        return load(weights, TranslatorOptions.defaults());
    }

    /**
     * Loads a generator.
     *
     * @param weights a {@code .pth} state_dict of a generator
     * @param options how to run it
     * @return the translator
     */
    public static Translator load(Path weights, TranslatorOptions options) {
        Torch.init();
        String name = weights.getFileName().toString();
        if (TorchScriptGenerator.isArchive(weights)) {
            return loadTorchScript(weights, options);
        }
        StateDict sd = WeightFiles.read(weights);
        NonFiniteValues.requireFinite(sd, name);
        // our checkpoints record how the network was built; the reference's need inference from the weights
        GeneratorSpec stored = WeightFiles.isSafetensors(weights) ? null
                : StoredArchitecture.read(weights).map(StoredArchitecture::generator).orElse(null);
        GeneratorSpec inferred = ArchitectureInference.inferGenerator(sd, name);
        GeneratorSpec spec = ArchitectureInference.reconcile(inferred, options.given(), name);
        if (spec.type().family() == GeneratorType.Family.STARGAN) {
            throw new InvalidOptionException(name + " is a StarGAN generator; translate it with --model stargan"
                    + " and target attributes");
        }
        // ResNet dropout shifts layer indices, so the weights say whether it is there; a U-Net's cannot be seen,
        // so it comes from the recorded architecture, else defaults to on, as pix2pix trains it
        boolean dropout = !spec.type().family().unetShaped() ? spec.useDropout()
                : options.dropout() != null ? options.dropout()
                : options.given().useDropout() != null ? options.given().useDropout()
                : stored != null ? stored.useDropout()
                : true;
        spec = new GeneratorSpec(spec.type(), spec.inputNc(), spec.outputNc(), spec.ngf(), spec.norm(),
                spec.depth(), spec.upsample(), dropout);
        Net g = spec.build();
        ModuleWeights.load(g, sd, name);
        options.precision().apply(options.device().move(g));
        g.train(!options.eval());
        return new Translator(g, spec, null, options, name);
    }

    /**
     * A TorchScript archive: channels from a probe forward (checked against {@code --input_nc/--output_nc} when
     * given), the mode it was saved in unless {@code --eval}.
     */
    private static Translator loadTorchScript(Path weights, TranslatorOptions options) {
        TorchScriptGenerator ts = TorchScriptGenerator.load(weights, options.given().inputNc(),
                options.given().outputNc(), options.eval());
        if (options.device().isCuda()) {
            ts.to(options.device().toNative());
        }
        if (options.precision() != Precision.FLOAT32) {
            ts.to(options.precision().scalarType());
        }
        return new Translator(new ScriptedNet(ts), null, ts, options, ts.source());
    }

    /** @return the generator's architecture; null for a TorchScript archive, whose layers are its own */
    public GeneratorSpec spec() {
        return spec;
    }

    /**
     * @return what runs, e.g. {@code resnet_9blocks, ngf 64, instance norm} or {@code TorchScript 3 -> 3 channels},
     *     with {@code , bf16} when it does not compute in float32
     */
    public String description() {
        String what = spec == null ? "TorchScript " + script.inputChannels() + " -> " + script.outputChannels()
                + " channels" : spec.netG() + ", ngf " + spec.ngf() + ", " + spec.norm().cliName() + " norm";
        return options.precision() == Precision.FLOAT32 ? what : what + ", " + options.precision().cliName();
    }

    /** @return channels the generator expects */
    public int inputChannels() {
        return spec == null ? script.inputChannels() : spec.inputNc();
    }

    /** @return channels the generator produces */
    public int outputChannels() {
        return spec == null ? script.outputChannels() : spec.outputNc();
    }

    /** @return the side multiple the network needs; other sizes are padded and cropped back */
    public long sizeMultiple() {
        if (spec == null) {
            return script.sizeMultiple();
        }
        return spec.sizeMultiple();
    }

    /**
     * Whether images of one batch influence each other's output: batch norm in train mode normalises with
     * the statistics of the whole batch, so such models translate one image at a time, as the reference
     * test script does.
     *
     * @return true when images must go through one at a time
     */
    public boolean needsSingleImageBatches() {
        if (spec == null) {
            // a foreign module may hold batch norm; in train mode it would mix the images of a batch
            return !options.eval() && script.isTraining();
        }
        return !options.eval() && spec.norm() == NormType.BATCH;
    }

    /**
     * Translates an image (any size; alpha, if present, is kept aside and put back).
     *
     * @param image an 8- or 16-bit image; converted to the generator's 1 or 3 input channels
     * @return the translated image, same size, 8 bits per channel
     */
    public BufferedImage translate(BufferedImage image) {
        ImageData in = ImageCodec.fromBufferedImage(image, imageChannels(inputChannels(), "input"));
        ImageData out = translate(in);
        return ImageCodec.toBufferedImage(new ImageData(out.channels(), out.height(), out.width(), out.planes(),
                out.alpha(), 8));
    }

    /**
     * Translates decoded image data.
     *
     * @param image planes in [-1, 1] with the generator's input channel count
     * @return the translated planes with the input's size, alpha and bit depth
     */
    public ImageData translate(ImageData image) {
        int outChannels = imageChannels(outputChannels(), "output");
        TensorData y = translate(TensorData.ofFloats(image.planes(), image.channels(), image.height(),
                image.width()));
        return new ImageData(outChannels, image.height(), image.width(), y.toFloats(), image.alpha(),
                image.bitDepth());
    }

    private int imageChannels(int c, String which) {
        if (c != 1 && c != 3) {
            throw new InvalidOptionException(source + " has " + c + " " + which + " channels, which no image format"
                    + " holds; translate .npy arrays (TensorData) instead");
        }
        return c;
    }

    /**
     * Translates a float32 array: CHW or NCHW, values in [-1, 1], any height and width.
     *
     * @param input the array
     * @return the output, same rank and spatial size, {@link #outputChannels()} channels
     */
    public TensorData translate(TensorData input) {
        long[] shape = input.shape();
        boolean chw = shape.length == 3;
        if (!(chw || shape.length == 4)) {
            throw new InvalidOptionException("input array of shape " + Arrays.toString(shape)
                    + " must be CHW or NCHW");
        }
        long c = chw ? shape[0] : shape[1];
        if (c != inputChannels()) {
            throw new InvalidOptionException("input has " + c + " channels but " + source + " expects "
                    + inputChannels() + " (fixed by its weights); convert the input to " + inputChannels()
                    + " channels");
        }
        float[] values = input.toFloats();
        long n = chw ? 1 : shape[0];
        long h = shape[shape.length - 2];
        long w = shape[shape.length - 1];
        int per = Math.toIntExact(c * h * w);
        List<float[]> outs = new ArrayList<>();
        long step = needsSingleImageBatches() ? 1 : options.batchSize();
        for (long start = 0; start < n; start += step) {
            long count = Math.min(step, n - start);
            float[] chunk = Arrays.copyOfRange(values, Math.toIntExact(start * per),
                    Math.toIntExact((start + count) * per));
            outs.add(forward(chunk, count, h, w));
        }
        int outPer = Math.toIntExact(outputChannels() * h * w);
        float[] all = new float[Math.toIntExact(n * outPer)];
        int pos = 0;
        for (float[] o : outs) {
            System.arraycopy(o, 0, all, pos, o.length);
            pos += o.length;
        }
        long[] outShape = chw ? new long[] {outputChannels(), h, w} : new long[] {n, outputChannels(), h, w};
        return TensorData.ofFloats(all, outShape);
    }

    private float[] forward(float[] nchw, long n, long h, long w) {
        // oneDNN runs ResNet-style 3x3 convolutions 3x faster; for a U-Net it is faster on some CPUs and 2x slower
        // on others (docs/PERFORMANCE.md), so a U-Net on the CPU times both on its first batch
        return unetKernels != null ? unetKernels.run(() -> pass(nchw, n, h, w)) : pass(nchw, n, h, w);
    }

    private float[] pass(float[] nchw, long n, long h, long w) {
        try (Scope s = Scope.open(); InferenceMode g = new InferenceMode()) {
            Tensor x = Tensors.fromFloats(nchw, n, inputChannels(), h, w);
            x = options.device().move(x, options.precision().scalarType());
            long m = sizeMultiple();
            SizePadding pad = SizePadding.of(x, m);
            Tensor y = pad.crop(generator.forward(pad.pad(x, m)));
            return Tensors.toFloats(y);
        }
    }

    /**
     * @return for a U-Net on the CPU, once its first batch has timed both, which convolution kernels it runs on
     *     and why, e.g. {@code oneDNN (231 ms for the first batch; native 298 ms)}
     */
    public Optional<String> kernelChoice() {
        return unetKernels == null ? Optional.empty() : unetKernels.choice();
    }

    /** @return where the weights came from */
    public String source() {
        return source;
    }

    /** @return the options in use */
    public TranslatorOptions options() {
        return options;
    }

    @Override
    public void close() {
        generator.close();
    }

    /** @return the device in use */
    public Device device() {
        return options.device();
    }
}
