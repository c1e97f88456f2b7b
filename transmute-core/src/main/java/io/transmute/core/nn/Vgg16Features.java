package io.transmute.core.nn;

import io.transmute.core.CheckpointException;
import io.transmute.core.InvalidOptionException;
import io.transmute.core.io.PthReader;
import io.transmute.core.io.StateDict;
import io.transmute.core.io.TensorData;
import io.transmute.core.torch.Layers;
import io.transmute.core.torch.Scope;
import io.transmute.core.torch.Sequence.Layer;
import io.transmute.core.torch.Tensors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;

/**
 * The convolutional part of torchvision's VGG-16 up to {@code relu4_3} ({@code vgg16().features[:23]}), as the
 * fixed feature extractor of perceptual and style losses.
 *
 * <p>Parameters are registered under torchvision's names ({@code features.0.weight} ... {@code features.21.bias}),
 * so torchvision's ImageNet file {@code vgg16-397923af.pth} loads as it is; its deeper {@code features.24+} and
 * {@code classifier.*} entries are ignored. Only the layers up to the deepest requested activation are built and
 * run. The network is frozen: its parameters never require gradients, so a backward pass through it reaches the
 * input but stores nothing on its weights, and it stays in eval mode.
 *
 * <p>Inputs are images in [-1, 1]; {@link #forward} maps them to ImageNet statistics,
 * {@code ((x + 1) / 2 - mean) / std}, with torchvision's mean and std.
 */
public final class Vgg16Features extends Module {
    /** The file torchvision downloads for {@code vgg16(weights=IMAGENET1K_V1)}. */
    public static final String WEIGHTS_FILE = "vgg16-397923af.pth";
    private static final String WHERE = "use torchvision's ImageNet vgg16 weights, file " + WEIGHTS_FILE
            + " (torchvision.models.vgg16(weights='IMAGENET1K_V1') saves it under ~/.cache/torch/hub/checkpoints;"
            + " https://download.pytorch.org/models/" + WEIGHTS_FILE + "), whose keys are features.N.weight/bias";
    // torchvision's configuration "D": output channels per convolution, 0 for a 2x2 max pool
    private static final int[] CONFIG = {64, 64, 0, 128, 128, 0, 256, 256, 256, 0, 512, 512, 512};
    private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] STD = {0.229f, 0.224f, 0.225f};

    private final Set<VggLayer> layers;
    private final List<Layer> steps = new ArrayList<>();
    private final List<String> expectedKeys = new ArrayList<>();
    private final float[] scale = new float[3];
    private final float[] shift = new float[3];

    private Vgg16Features(Collection<VggLayer> requested) {
        if (requested.isEmpty()) {
            throw new InvalidOptionException("Vgg16Features needs at least one of " + VggLayer.names(
                    EnumSet.allOf(VggLayer.class)));
        }
        this.layers = Collections.unmodifiableSet(EnumSet.copyOf(requested));
        int last = Collections.max(layers).index();
        Module features = new Module();
        int in = 3;
        int index = 0;
        for (int c : CONFIG) {
            if (index > last) {
                break;
            }
            if (c == 0) {
                add(features, index++, Layers.maxPool(2));
                continue;
            }
            add(features, index, Layers.conv(in, c, 3, 1, 1, true));
            expectedKeys.add("features." + index + ".weight");
            expectedKeys.add("features." + index + ".bias");
            index++;
            add(features, index++, Layers.relu());
            in = c;
        }
        register_module("features", features);
        for (int k = 0; k < 3; k++) {
            // ((x + 1) / 2 - mean) / std folded into one multiply-add per channel
            scale[k] = 0.5f / STD[k];
            shift[k] = (0.5f - MEAN[k]) / STD[k];
        }
        freeze();
    }

    private void add(Module features, int index, Layer layer) {
        features.register_module(Integer.toString(index), layer.module());
        steps.add(layer);
    }

    private void freeze() {
        try (Scope s = Scope.open()) {
            TensorVector ps = parameters();
            for (long i = 0; i < ps.size(); i++) {
                ps.get(i).set_requires_grad(false);
            }
        }
        eval();
    }

    /**
     * Reads torchvision's VGG-16 weights from a file the user supplies ({@code --vgg_weights}); nothing is
     * downloaded.
     *
     * @param weightsFile torchvision's {@code vgg16-397923af.pth} or any state dict with its
     *     {@code features.N.weight/bias} keys
     * @param layers the activations {@link #forward} returns
     * @return the frozen network on the CPU
     * @throws CheckpointException in one line when the file is missing, unreadable or lacks keys, saying where to
     *     get the right file and which keys are expected
     */
    public static Vgg16Features load(Path weightsFile, Collection<VggLayer> layers) {
        String name = weightsFile.toString();
        if (!Files.isRegularFile(weightsFile)) {
            throw new CheckpointException("--vgg_weights " + name + ": no such file; " + WHERE);
        }
        StateDict sd;
        try {
            sd = PthReader.read(weightsFile);
        } catch (CheckpointException e) {
            throw new CheckpointException(e.getMessage() + "; " + WHERE, e);
        }
        return fromStateDict(sd, name, layers);
    }

    /**
     * Builds the network from weights already in memory. Keys the chosen layers do not use
     * ({@code features.24+}, deeper convolutions, {@code classifier.*}) are ignored.
     *
     * @param weights a torchvision VGG-16 state dict, or its {@code features[:23]} part
     * @param sourceName the file name for error messages
     * @param layers the activations {@link #forward} returns
     * @return the frozen network on the CPU
     * @throws CheckpointException in one line when keys are missing or mis-shaped
     */
    public static Vgg16Features fromStateDict(StateDict weights, String sourceName, Collection<VggLayer> layers) {
        Vgg16Features net = new Vgg16Features(layers);
        try {
            net.loadWeights(weights, sourceName);
        } catch (RuntimeException e) {
            net.close();
            throw e;
        }
        return net;
    }

    /**
     * A network with libtorch's default random initialisation: for tests, and for measuring how a loss behaves
     * without ImageNet features. Seed torch's generator first for a reproducible network.
     *
     * @param layers the activations {@link #forward} returns
     * @return the frozen network on the CPU
     */
    public static Vgg16Features randomlyInitialised(Collection<VggLayer> layers) {
        return new Vgg16Features(layers);
    }

    private void loadWeights(StateDict weights, String sourceName) {
        List<String> missing = new ArrayList<>();
        List<String> misShaped = new ArrayList<>();
        StateDict used = new StateDict();
        Map<String, Tensor> own;
        try (Scope s = Scope.open()) {
            TensorVector ps = parameters();
            List<long[]> shapes = new ArrayList<>();
            for (long i = 0; i < ps.size(); i++) {
                shapes.add(Tensors.shape(ps.get(i)));
            }
            for (int i = 0; i < expectedKeys.size(); i++) {
                String key = expectedKeys.get(i);
                TensorData d = weights.get(key);
                if (d == null) {
                    missing.add(key);
                } else if (!Arrays.equals(d.shape(), shapes.get(i))) {
                    misShaped.add(key + " is " + Arrays.toString(d.shape()) + ", expected "
                            + Arrays.toString(shapes.get(i)));
                } else {
                    used.put(key, d);
                }
            }
        }
        if (!missing.isEmpty() || !misShaped.isEmpty()) {
            StringBuilder m = new StringBuilder(sourceName).append(": not torchvision VGG-16 weights; ");
            if (!missing.isEmpty()) {
                m.append(missing.size()).append(" of the ").append(expectedKeys.size())
                        .append(" expected keys are missing (").append(String.join(", ",
                                missing.subList(0, Math.min(4, missing.size()))))
                        .append(missing.size() > 4 ? ", …" : "").append(")");
            }
            if (!misShaped.isEmpty()) {
                m.append(missing.isEmpty() ? "" : ", ").append(misShaped.get(0))
                        .append(misShaped.size() > 1 ? " and " + (misShaped.size() - 1) + " more mis-shaped" : "");
            }
            m.append("; expected ").append(expectedKeys.get(0)).append(" … ")
                    .append(expectedKeys.get(expectedKeys.size() - 1)).append("; ").append(WHERE);
            throw new CheckpointException(m.toString());
        }
        ModuleWeights.load(this, used, sourceName);
    }

    /** @return the activations {@link #forward} returns */
    public Set<VggLayer> layers() {
        return layers;
    }

    /** @return the state-dict keys this network reads, in order (up to the deepest requested layer) */
    public List<String> expectedKeys() {
        return List.copyOf(expectedKeys);
    }

    /**
     * Maps images from [-1, 1] to the ImageNet-normalised input VGG was trained on.
     *
     * @param images {@code [N, 3, H, W]} in [-1, 1]
     * @return {@code ((images + 1) / 2 - mean) / std} per channel
     */
    public Tensor normalize(Tensor images) {
        Tensor a = Tensors.fromFloats(scale, 1, 3, 1, 1).to(images.device(), images.scalar_type());
        Tensor b = Tensors.fromFloats(shift, 1, 3, 1, 1).to(images.device(), images.scalar_type());
        return images.mul(a).add(b);
    }

    /**
     * Runs the network up to the deepest requested layer. Gradients flow to {@code images} when it requires
     * them; the weights never collect any.
     *
     * @param images {@code [N, 3, H, W]} in [-1, 1], at least 8 px (16 px for {@code relu4_3}) on each side
     * @return the requested activations, shallowest first
     */
    public Map<VggLayer, Tensor> forward(Tensor images) {
        long[] s = Tensors.shape(images);
        if (s.length != 4 || s[1] != 3) {
            throw new InvalidOptionException("VGG-16 features need [N, 3, H, W] images, got "
                    + Arrays.toString(s));
        }
        if (is_training()) {
            eval();
        }
        Map<VggLayer, Tensor> out = new EnumMap<>(VggLayer.class);
        int last = Collections.max(layers).index();
        Tensor x = normalize(images);
        boolean returned = false;
        for (int i = 0; i <= last; i++) {
            // activations that are returned stay unchanged; the others go as soon as the next layer has run
            Tensor y = returned ? steps.get(i).forward().apply(x) : steps.get(i).apply(x, images);
            x = returned ? y : Tensors.advance(x, images, y);
            returned = false;
            for (VggLayer l : layers) {
                if (l.index() == i) {
                    out.put(l, x);
                    returned = true;
                }
            }
        }
        return Collections.unmodifiableMap(out);
    }
}
