package io.transmute.core.eval;

import io.transmute.core.CheckpointException;
import io.transmute.core.io.PthReader;
import io.transmute.core.io.StateDict;
import io.transmute.core.io.TensorData;
import io.transmute.core.torch.Owned;
import io.transmute.core.torch.Scope;
import io.transmute.core.torch.Tensors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * The Inception-v3 variant that FID is defined on, as pytorch-fid builds it: torchvision's {@code Inception3}
 * layout and key names with 1008 classes, batch norm with eps 0.001, the average pools of {@code Mixed_5b-5d},
 * {@code 6b-6e} and {@code 7b} excluding padding from the mean, and a max pool in {@code Mixed_7c}.
 *
 * <p>Only the blocks up to the requested {@link FidDims} are run; the classifier ({@code fc.*}) is never used. The
 * weights are converted to float32 whatever their stored type (the published file is float32). Instances own
 * native memory: close them.
 */
public final class FidInception implements AutoCloseable {
    /** The weights pytorch-fid uses, converted from TensorFlow's 2015-12-05 Inception graph. */
    public static final String WEIGHTS_FILE = "pt_inception-2015-12-05-6726825d.pth";
    /** Where pytorch-fid publishes {@link #WEIGHTS_FILE}. */
    public static final String WEIGHTS_URL =
            "https://github.com/mseitzer/pytorch-fid/releases/download/fid_weights/" + WEIGHTS_FILE;
    /** The environment variable naming the weights file when no path is given. */
    public static final String WEIGHTS_ENV = "TRANSMUTE_FID_WEIGHTS";
    /** The input size every image is resized to. */
    public static final int SIZE = 299;
    private static final double BN_EPS = 1e-3;
    private static final String WHERE = "get " + WEIGHTS_FILE + " from " + WEIGHTS_URL
            + " (pytorch-fid's FID Inception weights) and give it with --fid_weights or " + WEIGHTS_ENV;

    private final FidDims dims;
    private final Map<String, long[]> expected = new LinkedHashMap<>();
    private final Map<String, Tensor> weights = new LinkedHashMap<>();
    private final List<UnaryOperator<Tensor>> blocks = new ArrayList<>();

    private FidInception(FidDims dims) {
        this.dims = dims;
        blocks.add(chain(conv("Conv2d_1a_3x3", 3, 32, 3, 2, 0), conv("Conv2d_2a_3x3", 32, 32, 3, 1, 0),
                conv("Conv2d_2b_3x3", 32, 64, 3, 1, 1), x -> maxPool(x, 3, 2, 0)));
        blocks.add(chain(conv("Conv2d_3b_1x1", 64, 80, 1, 1, 0), conv("Conv2d_4a_3x3", 80, 192, 3, 1, 0),
                x -> maxPool(x, 3, 2, 0)));
        blocks.add(chain(inceptionA("Mixed_5b", 192, 32), inceptionA("Mixed_5c", 256, 64),
                inceptionA("Mixed_5d", 288, 64), inceptionB("Mixed_6a", 288), inceptionC("Mixed_6b", 768, 128),
                inceptionC("Mixed_6c", 768, 160), inceptionC("Mixed_6d", 768, 160),
                inceptionC("Mixed_6e", 768, 192)));
        blocks.add(chain(inceptionD("Mixed_7a", 768), inceptionE("Mixed_7b", 1280, false),
                inceptionE("Mixed_7c", 2048, true)));
    }

    /**
     * Reads the weights from the file the user gives; nothing is downloaded.
     *
     * @param file {@link #WEIGHTS_FILE}, or any state dict in its key names (zip or legacy {@code torch.save})
     * @param dims the features to compute; only the blocks up to them are loaded
     * @return the network on the CPU
     * @throws CheckpointException in one line when the file is missing, unreadable or lacks keys, naming the file
     *     expected, where it is published and the keys it must hold
     */
    public static FidInception load(Path file, FidDims dims) {
        if (!Files.isRegularFile(file)) {
            throw new CheckpointException("FID weights " + file + ": no such file; " + WHERE);
        }
        StateDict sd;
        try {
            sd = PthReader.read(file);
        } catch (CheckpointException e) {
            throw new CheckpointException(e.getMessage() + "; " + WHERE, e);
        }
        return fromStateDict(sd, file.toString(), dims);
    }

    /**
     * Builds the network from weights in memory.
     *
     * @param sd torchvision {@code Inception3} keys ({@code Conv2d_1a_3x3.conv.weight} ... {@code Mixed_7c.*})
     * @param sourceName the file name for error messages
     * @param dims the features to compute
     * @return the network on the CPU
     * @throws CheckpointException when keys are missing or mis-shaped
     */
    public static FidInception fromStateDict(StateDict sd, String sourceName, FidDims dims) {
        FidInception net = new FidInception(dims);
        List<String> missing = new ArrayList<>();
        List<String> misShaped = new ArrayList<>();
        for (Map.Entry<String, long[]> e : net.neededKeys().entrySet()) {
            TensorData d = sd.get(e.getKey());
            if (d == null) {
                missing.add(e.getKey());
            } else if (!Arrays.equals(d.shape(), e.getValue())) {
                misShaped.add(e.getKey() + " is " + Arrays.toString(d.shape()) + ", expected "
                        + Arrays.toString(e.getValue()));
            }
        }
        if (!missing.isEmpty() || !misShaped.isEmpty()) {
            StringBuilder m = new StringBuilder(sourceName).append(": not FID Inception weights; ");
            if (!missing.isEmpty()) {
                m.append(missing.size()).append(" of the ").append(net.neededKeys().size())
                        .append(" keys needed for --dims ").append(dims.dims()).append(" are missing (")
                        .append(String.join(", ", missing.subList(0, Math.min(3, missing.size()))))
                        .append(missing.size() > 3 ? ", …" : "").append(")");
            }
            if (!misShaped.isEmpty()) {
                m.append(missing.isEmpty() ? "" : ", ").append(misShaped.get(0))
                        .append(misShaped.size() > 1 ? " and " + (misShaped.size() - 1) + " more mis-shaped" : "");
            }
            m.append("; expected torchvision Inception3 keys Conv2d_1a_3x3.conv.weight … Mixed_7c.branch_pool.bn.")
                    .append("running_var; ").append(WHERE);
            throw new CheckpointException(m.toString());
        }
        try (Scope s = Scope.open()) {
            for (String key : net.neededKeys().keySet()) {
                net.weights.put(key, Owned.detach(sd.get(key).toTensor().to(torch.ScalarType.Float)));
            }
        }
        return net;
    }

    /**
     * Switches the weights to float64, for checking how much of a difference to a float32 reference is float32
     * rounding: inputs must then be float64 too. The float16-stored weights are exact in either type.
     */
    void useFloat64() {
        try (Scope s = Scope.open()) {
            weights.replaceAll((k, t) -> {
                Tensor d = Owned.detach(t.to(torch.ScalarType.Double));
                t.close();
                return d;
            });
        }
    }

    /** @return the features this network computes */
    public FidDims dims() {
        return dims;
    }

    /** @return the state-dict keys read for {@link #dims()}, with their shapes, in network order */
    public Map<String, long[]> neededKeys() {
        Map<String, long[]> out = new LinkedHashMap<>();
        String lastPrefix = switch (dims) {
            case D64 -> "Conv2d_3b_1x1";
            case D192 -> "Mixed_5b";
            case D768 -> "Mixed_7a";
            case D2048 -> null;
        };
        for (Map.Entry<String, long[]> e : expected.entrySet()) {
            if (lastPrefix != null && e.getKey().startsWith(lastPrefix + ".")) {
                break;
            }
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    /**
     * pytorch-fid's input transform: bilinear resize to 299×299 ({@code align_corners=False}, no antialiasing),
     * then {@code 2x - 1}.
     *
     * @param image {@code [N, 3, H, W]} in [0, 1]
     * @return {@code [N, 3, 299, 299]} in [-1, 1]
     */
    public static Tensor preprocess(Tensor image) {
        Tensor x = torch.upsample_bilinear2d(image, new long[] {SIZE, SIZE}, false);
        return x.mul(Tensors.scalar(2)).sub(Tensors.scalar(1));
    }

    /**
     * Computes the pooled activations of images already transformed by {@link #preprocess}.
     *
     * @param input {@code [N, 3, 299, 299]} in [-1, 1]
     * @return {@code [N, dims]} float32
     */
    public Tensor forward(Tensor input) {
        List<Tensor> all = forwardBlocks(input);
        return all.get(all.size() - 1);
    }

    /**
     * Computes the pooled activations of every block up to {@link #dims()} in one pass: the features of each
     * smaller {@code --dims} as well.
     *
     * @param input {@code [N, 3, 299, 299]} in [-1, 1]
     * @return {@code [N, 64]}, {@code [N, 192]}, ... up to {@code [N, dims]}, float32
     */
    public List<Tensor> forwardBlocks(Tensor input) {
        try (NoGradGuard g = new NoGradGuard()) {
            List<Tensor> out = new ArrayList<>();
            Tensor x = input;
            for (int b = 0; b <= dims.block(); b++) {
                x = Tensors.advance(x, input, blocks.get(b).apply(x));
                out.add(torch.adaptive_avg_pool2d(x, 1, 1).flatten(1, 3));
            }
            if (x != input) {
                x.close();
            }
            return out;
        }
    }

    /**
     * Computes features of images of any size, as pytorch-fid does.
     *
     * @param images {@code [N, 3, H, W]} in [0, 1]
     * @return {@code [N, dims]} float32
     */
    public Tensor features(Tensor images) {
        return forward(preprocess(images));
    }

    @Override
    public void close() {
        weights.values().forEach(Tensor::close);
        weights.clear();
    }

    // each step runs in its own scope, so a step's branch activations are freed as soon as it has its output, and
    // each step's output is freed once the next step has run (at batch 50 the outputs of all steps together are
    // about 1.4 GB, which the enclosing scope would otherwise hold until the batch ends)
    private static UnaryOperator<Tensor> chain(List<UnaryOperator<Tensor>> steps) {
        return x -> {
            Tensor y = x;
            for (UnaryOperator<Tensor> s : steps) {
                try (Scope sc = Scope.open()) {
                    y = Tensors.advance(y, x, sc.keep(s.apply(y)));
                }
            }
            return y;
        };
    }

    @SafeVarargs
    private static UnaryOperator<Tensor> chain(UnaryOperator<Tensor>... steps) {
        return chain(List.of(steps));
    }

    private static Tensor cat(Tensor... parts) {
        return torch.cat(new TensorVector(parts), 1);
    }

    private static Tensor maxPool(Tensor x, long k, long s, long p) {
        return torch.max_pool2d(x, new long[] {k, k}, new long[] {s, s}, new long[] {p, p}, new long[] {1, 1},
                false);
    }

    // pytorch-fid's blocks average over the valid pixels only (count_include_pad=False), unlike torchvision's
    private static Tensor avgPool(Tensor x) {
        return torch.avg_pool2d(x, new long[] {3, 3}, new long[] {1, 1}, new long[] {1, 1}, false, false,
                new LongOptional());
    }

    private UnaryOperator<Tensor> conv(String name, long in, long out, long k, long s, long p) {
        return conv(name, in, out, k, k, s, p, p);
    }

    /** torchvision's {@code BasicConv2d}: convolution without bias, batch norm (eps 0.001), ReLU. */
    private UnaryOperator<Tensor> conv(String name, long in, long out, long kh, long kw, long s, long ph, long pw) {
        String w = name + ".conv.weight";
        String bw = name + ".bn.weight";
        String bb = name + ".bn.bias";
        String mean = name + ".bn.running_mean";
        String var = name + ".bn.running_var";
        expected.put(w, new long[] {out, in, kh, kw});
        for (String key : List.of(bw, bb, mean, var)) {
            expected.put(key, new long[] {out});
        }
        long[] stride = {s, s};
        long[] padding = {ph, pw};
        long[] dilation = {1, 1};
        return x -> {
            try (Scope sc = Scope.open()) {
                Tensor y = torch.conv2d(x, weights.get(w), new TensorOptional(), stride, padding, dilation, 1);
                y = torch.batch_norm(y, new TensorOptional(weights.get(bw)), new TensorOptional(weights.get(bb)),
                        new TensorOptional(weights.get(mean)), new TensorOptional(weights.get(var)), false, 0.1,
                        BN_EPS, true);
                // relu_ returns a second, non-owning handle on y's native tensor: keeping that handle would
                // detach y (the scope matches pointers by address) and leave it for the garbage collector to free,
                // which at batch 50 held gigabytes of activations; keep the owner
                torch.relu_(y);
                return sc.keep(y);
            }
        };
    }

    private UnaryOperator<Tensor> rect(String name, long in, long out, long kh, long kw) {
        return conv(name, in, out, kh, kw, 1, (kh - 1) / 2, (kw - 1) / 2);
    }

    private UnaryOperator<Tensor> inceptionA(String n, long in, long poolFeatures) {
        UnaryOperator<Tensor> b1 = conv(n + ".branch1x1", in, 64, 1, 1, 0);
        UnaryOperator<Tensor> b5 = chain(conv(n + ".branch5x5_1", in, 48, 1, 1, 0),
                conv(n + ".branch5x5_2", 48, 64, 5, 1, 2));
        UnaryOperator<Tensor> b3 = chain(conv(n + ".branch3x3dbl_1", in, 64, 1, 1, 0),
                conv(n + ".branch3x3dbl_2", 64, 96, 3, 1, 1), conv(n + ".branch3x3dbl_3", 96, 96, 3, 1, 1));
        UnaryOperator<Tensor> bp = conv(n + ".branch_pool", in, poolFeatures, 1, 1, 0);
        return x -> cat(b1.apply(x), b5.apply(x), b3.apply(x), bp.apply(avgPool(x)));
    }

    private UnaryOperator<Tensor> inceptionB(String n, long in) {
        UnaryOperator<Tensor> b3 = conv(n + ".branch3x3", in, 384, 3, 2, 0);
        UnaryOperator<Tensor> bd = chain(conv(n + ".branch3x3dbl_1", in, 64, 1, 1, 0),
                conv(n + ".branch3x3dbl_2", 64, 96, 3, 1, 1), conv(n + ".branch3x3dbl_3", 96, 96, 3, 2, 0));
        return x -> cat(b3.apply(x), bd.apply(x), maxPool(x, 3, 2, 0));
    }

    private UnaryOperator<Tensor> inceptionC(String n, long in, long c7) {
        UnaryOperator<Tensor> b1 = conv(n + ".branch1x1", in, 192, 1, 1, 0);
        UnaryOperator<Tensor> b7 = chain(conv(n + ".branch7x7_1", in, c7, 1, 1, 0),
                rect(n + ".branch7x7_2", c7, c7, 1, 7), rect(n + ".branch7x7_3", c7, 192, 7, 1));
        UnaryOperator<Tensor> bd = chain(conv(n + ".branch7x7dbl_1", in, c7, 1, 1, 0),
                rect(n + ".branch7x7dbl_2", c7, c7, 7, 1), rect(n + ".branch7x7dbl_3", c7, c7, 1, 7),
                rect(n + ".branch7x7dbl_4", c7, c7, 7, 1), rect(n + ".branch7x7dbl_5", c7, 192, 1, 7));
        UnaryOperator<Tensor> bp = conv(n + ".branch_pool", in, 192, 1, 1, 0);
        return x -> cat(b1.apply(x), b7.apply(x), bd.apply(x), bp.apply(avgPool(x)));
    }

    private UnaryOperator<Tensor> inceptionD(String n, long in) {
        UnaryOperator<Tensor> b3 = chain(conv(n + ".branch3x3_1", in, 192, 1, 1, 0),
                conv(n + ".branch3x3_2", 192, 320, 3, 2, 0));
        UnaryOperator<Tensor> b7 = chain(conv(n + ".branch7x7x3_1", in, 192, 1, 1, 0),
                rect(n + ".branch7x7x3_2", 192, 192, 1, 7), rect(n + ".branch7x7x3_3", 192, 192, 7, 1),
                conv(n + ".branch7x7x3_4", 192, 192, 3, 2, 0));
        return x -> cat(b3.apply(x), b7.apply(x), maxPool(x, 3, 2, 0));
    }

    private UnaryOperator<Tensor> inceptionE(String n, long in, boolean maxPoolBranch) {
        UnaryOperator<Tensor> b1 = conv(n + ".branch1x1", in, 320, 1, 1, 0);
        UnaryOperator<Tensor> b3 = conv(n + ".branch3x3_1", in, 384, 1, 1, 0);
        UnaryOperator<Tensor> b3a = rect(n + ".branch3x3_2a", 384, 384, 1, 3);
        UnaryOperator<Tensor> b3b = rect(n + ".branch3x3_2b", 384, 384, 3, 1);
        UnaryOperator<Tensor> bd = chain(conv(n + ".branch3x3dbl_1", in, 448, 1, 1, 0),
                conv(n + ".branch3x3dbl_2", 448, 384, 3, 1, 1));
        UnaryOperator<Tensor> bda = rect(n + ".branch3x3dbl_3a", 384, 384, 1, 3);
        UnaryOperator<Tensor> bdb = rect(n + ".branch3x3dbl_3b", 384, 384, 3, 1);
        UnaryOperator<Tensor> bp = conv(n + ".branch_pool", in, 192, 1, 1, 0);
        return x -> {
            Tensor t3 = b3.apply(x);
            Tensor td = bd.apply(x);
            // the FID variant of Mixed_7c max-pools where torchvision's InceptionE averages
            Tensor pool = maxPoolBranch ? maxPool(x, 3, 1, 1) : avgPool(x);
            return cat(b1.apply(x), cat(b3a.apply(t3), b3b.apply(t3)), cat(bda.apply(td), bdb.apply(td)),
                    bp.apply(pool));
        };
    }
}
