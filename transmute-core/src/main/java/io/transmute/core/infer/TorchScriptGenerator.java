package io.transmute.core.infer;

import io.transmute.core.CheckpointException;
import io.transmute.core.InvalidOptionException;
import io.transmute.core.io.TensorData;
import io.transmute.core.torch.Scope;
import io.transmute.core.torch.Tensors;
import io.transmute.core.torch.Torch;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.bytedeco.pytorch.Device;
import org.bytedeco.pytorch.FunctionVector;
import org.bytedeco.pytorch.IValue;
import org.bytedeco.pytorch.IValueVector;
import org.bytedeco.pytorch.JitModule;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.named_parameter_iterator;
import org.bytedeco.pytorch.named_parameter_list;
import org.bytedeco.pytorch.global.torch;

/**
 * An image-to-image generator saved by {@code torch.jit.trace} or {@code torch.jit.script} (any architecture, e.g. a
 * CUT or pix2pixHD generator), run through libtorch's TorchScript loader. Its channel counts are found, or checked,
 * by a probe forward pass on a small blank image.
 */
public final class TorchScriptGenerator implements AutoCloseable {
    /** Side of the probe image: divisible by the strides of common generators (up to 2^6). */
    private static final long PROBE_SIZE = 64;

    /** Largest side multiple probed for; a generator with more downsamplings gets this and pads more. */
    private static final long MAX_MULTIPLE = 64;

    private final JitModule module;
    private final String source;
    private final int inputNc;
    private final int outputNc;
    private final long sizeMultiple;

    private TorchScriptGenerator(JitModule module, String source, int inputNc, int outputNc, long sizeMultiple) {
        this.module = module;
        this.source = source;
        this.inputNc = inputNc;
        this.outputNc = outputNc;
        this.sizeMultiple = sizeMultiple;
    }

    /**
     * Tells a TorchScript archive from a {@code torch.save} file without loading it: both are zips, but only
     * TorchScript holds the module's code ({@code <name>/code/}) and {@code <name>/constants.pkl}.
     *
     * @param file any file
     * @return true for a {@code torch.jit.save} archive
     */
    public static boolean isArchive(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            boolean code = false;
            boolean constants = false;
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements();) {
                String name = e.nextElement().getName();
                int slash = name.indexOf('/');
                String rest = slash < 0 ? name : name.substring(slash + 1);
                code |= rest.startsWith("code/");
                constants |= rest.equals("constants.pkl");
            }
            return code && constants;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Loads an archive and probes it.
     *
     * @param file a {@code torch.jit.save} archive whose {@code forward} maps [N, C, H, W] to [N, C', H, W]
     * @param inputNc the input channels, or null to try 3, then 1
     * @param outputNc the output channels expected, or null to take what the probe gives
     * @param eval put the module in eval mode; otherwise it keeps the mode it was saved in
     * @return the generator
     * @throws CheckpointException when libtorch cannot load it, or it is not an image-to-image generator
     * @throws InvalidOptionException when the given channel counts do not fit it
     */
    public static TorchScriptGenerator load(Path file, Integer inputNc, Integer outputNc, boolean eval) {
        Torch.init();
        String name = file.getFileName().toString();
        JitModule m;
        try {
            m = torch.load(file.toAbsolutePath().toString());
        } catch (RuntimeException e) {
            throw new CheckpointException(name + ": libtorch cannot load it as TorchScript (" + firstLine(e)
                    + "); save it with torch.jit.save", e);
        }
        if (eval) {
            m.eval();
        }
        List<Integer> candidates = inputNc != null ? List.of(inputNc) : List.of(3, 1);
        String lastError = null;
        for (int c : candidates) {
            try (Scope s = Scope.open(); NoGradGuard g = new NoGradGuard()) {
                long[] out = Tensors.shape(forward(m, torch.zeros(1, c, PROBE_SIZE, PROBE_SIZE)));
                if (out.length != 4 || out[0] != 1 || out[2] != PROBE_SIZE || out[3] != PROBE_SIZE) {
                    throw new CheckpointException(name + ": forward maps [1, " + c + ", " + PROBE_SIZE + ", "
                            + PROBE_SIZE + "] to " + Arrays.toString(out) + ", not to an image of the same size;"
                            + " only image-to-image generators can translate");
                }
                if (outputNc != null && out[1] != outputNc) {
                    throw new InvalidOptionException("--output_nc " + outputNc + " does not match " + name
                            + ", whose probe forward gives " + out[1] + " channels; drop --output_nc");
                }
                return new TorchScriptGenerator(m, name, c, (int) out[1], sizeMultiple(m, c));
            } catch (CheckpointException | InvalidOptionException e) {
                throw e;
            } catch (RuntimeException e) {
                lastError = firstLine(e);
            }
        }
        throw inputNc != null
                ? new InvalidOptionException("--input_nc " + inputNc + " does not fit " + name + ": its probe forward"
                        + " failed (" + lastError + "); give the channel count it was trained with")
                : new CheckpointException(name + ": a probe forward failed with 3 and with 1 input channels ("
                        + lastError + "); give --input_nc");
    }

    /**
     * The smallest power of two {@code k} for which a side of {@code 64 + k} comes out the same size: a network
     * with {@code n} stride-2 stages needs sides divisible by 2^n.
     */
    private static long sizeMultiple(JitModule m, int channels) {
        for (long k = 1; k < MAX_MULTIPLE; k *= 2) {
            long side = PROBE_SIZE + k;
            try (Scope s = Scope.open(); NoGradGuard g = new NoGradGuard()) {
                long[] out = Tensors.shape(forward(m, torch.zeros(1, channels, side, side)));
                if (out.length == 4 && out[2] == side && out[3] == side) {
                    return k;
                }
            } catch (RuntimeException e) {
                // this side does not fit; try the next multiple
            }
        }
        return MAX_MULTIPLE;
    }

    /** Runs the module on a batch; package-private for {@link Translator}. */
    Tensor forward(Tensor x) {
        return forward(module, x);
    }

    /** @return the side multiple height and width need; other sizes are padded and cropped back */
    public long sizeMultiple() {
        return sizeMultiple;
    }

    /** @return whether the module runs in train mode (as saved, without {@code --eval}) */
    public boolean isTraining() {
        return module.is_training();
    }

    /** @return the archive's file name */
    public String source() {
        return source;
    }

    void to(Device device) {
        module.to(device, false);
    }

    void to(torch.ScalarType type) {
        module.to(type, false);
    }

    private static Tensor forward(JitModule m, Tensor x) {
        IValue y = m.forward(new IValueVector(new IValue(x)));
        if (!y.isTensor()) {
            throw new CheckpointException("forward returns no tensor; an image generator returns one image batch");
        }
        return y.toTensor();
    }

    private static String firstLine(RuntimeException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().map(String::trim).filter(l -> !l.isEmpty()).findFirst().orElse(m);
    }

    /** @return channels the generator takes */
    public int inputChannels() {
        return inputNc;
    }

    /** @return channels the generator gives */
    public int outputChannels() {
        return outputNc;
    }

    /** @return the names of the top-level module's methods, {@code forward} among them */
    public List<String> methods() {
        List<String> out = new ArrayList<>();
        FunctionVector fs = module.type().methods();
        for (long i = 0; i < fs.size(); i++) {
            out.add(fs.get(i).name().getString());
        }
        return out;
    }

    /**
     * A parameter of the module.
     *
     * @param name dotted name, as in {@code named_parameters()}
     * @param shape its dimensions
     */
    public record Parameter(String name, long[] shape) {
        /** Copies the shape. */
        public Parameter {
            shape = shape.clone();
        }

        @Override
        public long[] shape() {
            return shape.clone();
        }
    }

    /** @return every parameter, recursively, in {@code named_parameters()} order */
    public List<Parameter> parameters() {
        List<Parameter> out = new ArrayList<>();
        try (Scope s = Scope.open()) {
            named_parameter_list list = module.named_parameters(true);
            named_parameter_iterator it = list.begin();
            for (long i = 0; i < list.size(); i++, it.increment()) {
                out.add(new Parameter(it.access().name().getString(), Tensors.shape(it.access().value())));
            }
        }
        return out;
    }

    /**
     * Runs the generator on a float32 array.
     *
     * @param input CHW or NCHW, values as the generator was trained on (usually [-1, 1])
     * @return the output, same rank
     */
    public TensorData translate(TensorData input) {
        long[] shape = input.shape();
        boolean chw = shape.length == 3;
        if (!(chw || shape.length == 4) || shape[chw ? 0 : 1] != inputNc) {
            throw new InvalidOptionException("input of shape " + Arrays.toString(shape) + " does not fit " + source
                    + ", which takes CHW or NCHW arrays with " + inputNc + " channels");
        }
        long[] nchw = chw ? new long[] {1, shape[0], shape[1], shape[2]} : shape;
        try (Scope s = Scope.open(); NoGradGuard g = new NoGradGuard()) {
            Tensor y = forward(module, Tensors.fromFloats(input.toFloats(), nchw));
            long[] out = Tensors.shape(y);
            float[] values = Tensors.toFloats(y);
            return TensorData.ofFloats(values, chw ? new long[] {out[1], out[2], out[3]} : out);
        }
    }

    @Override
    public void close() {
        module.close();
    }
}
