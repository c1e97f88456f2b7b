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
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;

/**
 * The LPIPS distance (Zhang et al. 2018) as the {@code lpips} package's {@code LPIPS(net='vgg', version='0.1')}
 * computes it: both images scaled by the package's shift and scale, torchvision VGG-16 activations at
 * {@code relu1_2 … relu5_3}, each unit-normalised over channels, squared differences weighted by the package's
 * 1×1 linear layers, averaged over space and summed over layers.
 *
 * <p>Needs two files the user supplies: torchvision's VGG-16 weights ({@code features.0} … {@code features.28}) and
 * the package's {@code vgg.pth} ({@code lin0.model.1.weight} … {@code lin4.model.1.weight}). Instances own native
 * memory: close them.
 */
public final class Lpips implements AutoCloseable {
    /** The package's linear-layer file for the VGG variant, version 0.1. */
    public static final String LIN_FILE = "vgg.pth";
    private static final String LIN_WHERE = "use the lpips package's weights/v0.1/vgg.pth"
            + " (https://github.com/richzhang/PerceptualSimilarity, lpips/weights/v0.1/vgg.pth)";
    private static final String VGG_WHERE = "use torchvision's ImageNet vgg16-397923af.pth"
            + " (https://download.pytorch.org/models/vgg16-397923af.pth)";
    // torchvision configuration "D" through relu5_3: output channels, 0 for a 2x2 max pool
    private static final int[] CONFIG = {64, 64, 0, 128, 128, 0, 256, 256, 256, 0, 512, 512, 512, 0, 512, 512, 512};
    // the indices of relu1_2, relu2_2, relu3_3, relu4_3, relu5_3 in vgg16().features
    private static final int[] TAPS = {3, 8, 15, 22, 29};
    private static final float[] SHIFT = {-0.030f, -0.088f, -0.188f};
    private static final float[] SCALE = {0.458f, 0.448f, 0.450f};
    private static final double EPS = 1e-10;

    private final Map<String, Tensor> weights = new LinkedHashMap<>();
    private final Tensor shift;
    private final Tensor scale;

    private Lpips(Map<String, Tensor> weights) {
        this.weights.putAll(weights);
        try (Scope s = Scope.open()) {
            shift = Owned.detach(Tensors.fromFloats(SHIFT, 1, 3, 1, 1));
            scale = Owned.detach(Tensors.fromFloats(SCALE, 1, 3, 1, 1));
        }
    }

    /**
     * @param vggWeights torchvision's VGG-16 state dict file
     * @param linWeights the package's {@code vgg.pth}
     * @return the network on the CPU
     * @throws CheckpointException in one line when a file is missing or lacks keys, saying which file is expected
     */
    public static Lpips load(Path vggWeights, Path linWeights) {
        StateDict vgg = read(vggWeights, "--vgg_weights", VGG_WHERE);
        StateDict lin = read(linWeights, "--lpips_weights", LIN_WHERE);
        return fromStateDicts(vgg, vggWeights.toString(), lin, linWeights.toString());
    }

    private static StateDict read(Path file, String option, String where) {
        if (!Files.isRegularFile(file)) {
            throw new CheckpointException(option + " " + file + ": no such file; " + where);
        }
        try {
            return PthReader.read(file);
        } catch (CheckpointException e) {
            throw new CheckpointException(e.getMessage() + "; " + where, e);
        }
    }

    /**
     * @param vgg torchvision VGG-16 keys {@code features.N.weight/bias} (others are ignored)
     * @param vggName its file name for messages
     * @param lin the package's {@code linK.model.1.weight} keys
     * @param linName its file name for messages
     * @return the network on the CPU
     * @throws CheckpointException when keys are missing or mis-shaped
     */
    public static Lpips fromStateDicts(StateDict vgg, String vggName, StateDict lin, String linName) {
        Map<String, long[]> vggKeys = new LinkedHashMap<>();
        int in = 3;
        int index = 0;
        for (int c : CONFIG) {
            if (c == 0) {
                index++;
                continue;
            }
            vggKeys.put("features." + index + ".weight", new long[] {c, in, 3, 3});
            vggKeys.put("features." + index + ".bias", new long[] {c});
            index += 2;
            in = c;
        }
        Map<String, long[]> linKeys = new LinkedHashMap<>();
        int[] channels = {64, 128, 256, 512, 512};
        for (int k = 0; k < channels.length; k++) {
            linKeys.put("lin" + k + ".model.1.weight", new long[] {1, channels[k], 1, 1});
        }
        check(vgg, vggName, vggKeys, "torchvision VGG-16 weights", VGG_WHERE);
        check(lin, linName, linKeys, "LPIPS VGG linear layers", LIN_WHERE);
        Map<String, Tensor> w = new LinkedHashMap<>();
        try (Scope s = Scope.open()) {
            for (String key : vggKeys.keySet()) {
                w.put(key, Owned.detach(vgg.get(key).toTensor().to(torch.ScalarType.Float)));
            }
            for (String key : linKeys.keySet()) {
                w.put(key, Owned.detach(lin.get(key).toTensor().to(torch.ScalarType.Float)));
            }
        }
        return new Lpips(w);
    }

    private static void check(StateDict sd, String name, Map<String, long[]> keys, String what, String where) {
        for (Map.Entry<String, long[]> e : keys.entrySet()) {
            TensorData d = sd.get(e.getKey());
            if (d == null) {
                throw new CheckpointException(name + ": not " + what + "; " + e.getKey() + " is missing (expected "
                        + keys.keySet().iterator().next() + " … " + List.copyOf(keys.keySet()).get(keys.size() - 1)
                        + "); " + where);
            }
            if (!Arrays.equals(d.shape(), e.getValue())) {
                throw new CheckpointException(name + ": not " + what + "; " + e.getKey() + " is "
                        + Arrays.toString(d.shape()) + ", expected " + Arrays.toString(e.getValue()) + "; " + where);
            }
        }
    }

    /**
     * @param a {@code [N, 3, H, W]} in [-1, 1] (the package's {@code im2tensor}: {@code x / 127.5 - 1})
     * @param b the same shape
     * @return {@code [N]} distances
     */
    public Tensor distance(Tensor a, Tensor b) {
        try (NoGradGuard g = new NoGradGuard()) {
            List<Tensor> fa = features(a.sub(shift).div(scale));
            List<Tensor> fb = features(b.sub(shift).div(scale));
            Tensor total = null;
            for (int k = 0; k < fa.size(); k++) {
                Tensor d = unit(fa.get(k)).sub(unit(fb.get(k))).pow(Tensors.scalar(2));
                Tensor lin = torch.conv2d(d, weights.get("lin" + k + ".model.1.weight"));
                Tensor avg = lin.mean(new long[] {1, 2, 3}, false, new ScalarTypeOptional());
                total = total == null ? avg : total.add(avg);
            }
            return total;
        }
    }

    private static Tensor unit(Tensor x) {
        Tensor norm = x.pow(Tensors.scalar(2)).sum(new long[] {1}, true,
                new ScalarTypeOptional()).sqrt();
        return x.div(norm.add(Tensors.scalar(EPS)));
    }

    private List<Tensor> features(Tensor input) {
        List<Tensor> out = new ArrayList<>();
        Tensor x = input;
        int index = 0;
        for (int c : CONFIG) {
            if (c == 0) {
                x = torch.max_pool2d(x, 2, 2);
                index++;
                continue;
            }
            x = torch.conv2d(x, weights.get("features." + index + ".weight"),
                    new TensorOptional(weights.get("features." + index + ".bias")), new long[] {1, 1},
                    new long[] {1, 1}, new long[] {1, 1}, 1);
            x = torch.relu(x);
            int relu = index + 1;
            if (Arrays.stream(TAPS).anyMatch(t -> t == relu)) {
                out.add(x);
            }
            index += 2;
        }
        return out;
    }

    @Override
    public void close() {
        weights.values().forEach(Tensor::close);
        weights.clear();
        shift.close();
        scale.close();
    }
}
