package io.transmute.core.nn;

import io.transmute.core.CheckpointException;
import io.transmute.core.io.StateDict;
import io.transmute.core.io.TensorData;
import io.transmute.core.torch.Scope;
import io.transmute.core.torch.Tensors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;

/**
 * Moves a network's weights to and from a {@link StateDict} under PyTorch's {@code state_dict()} keys, so
 * that files written by the reference load here and ours load there.
 */
public final class ModuleWeights {
    private static final int LISTED = 3;
    private static final Set<String> RUNNING_STATS = Set.of("running_mean", "running_var", "num_batches_tracked");

    private ModuleWeights() {
    }

    /**
     * Copies parameters and buffers to the heap in {@code state_dict()} order: for each module in pre-order,
     * its parameters, then its buffers ({@code running_mean}, {@code running_var}, {@code num_batches_tracked}).
     *
     * @param net the network (any device)
     * @return a new state dict holding copies
     */
    public static StateDict export(Module net) {
        StateDict out = new StateDict();
        try (Scope s = Scope.open()) {
            ModuleTree.stateTensors(net).forEach((k, v) -> out.put(k, TensorData.of(v)));
        }
        return out;
    }

    /**
     * Lists parameter and buffer shapes in {@code state_dict()} order without copying any values.
     *
     * @param net the network
     * @return key to shape, in order
     */
    public static Map<String, long[]> shapes(Module net) {
        // LinkedHashMap: callers compare the order with reference key lists
        Map<String, long[]> out = new LinkedHashMap<>();
        try (Scope s = Scope.open()) {
            ModuleTree.stateTensors(net).forEach((k, v) -> out.put(k, Tensors.shape(v)));
        }
        return out;
    }

    /**
     * Loads weights strictly, in place, on the network's device. Floating-point values of another precision
     * (float16, bfloat16, float64) are converted to the network's. Before checking, keys that the reference's
     * {@code __patch_instance_norm_state_dict} drops are ignored: running statistics of InstanceNorm layers
     * that keep none (checkpoints from PyTorch before 0.4 have them). A BatchNorm's missing
     * {@code num_batches_tracked} is tolerated, as PyTorch does for such old files; the counter stays as is.
     *
     * @param net the network
     * @param weights the weights, e.g. from {@code PthReader.read}
     * @param sourceName the file name to put in error messages, e.g. {@code latest_net_G.pth}
     * @throws CheckpointException listing every missing, unexpected and mis-shaped key in one line; the
     *     network is unchanged then
     */
    public static void load(Module net, StateDict weights, String sourceName) {
        try (Scope s = Scope.open()) {
            Map<String, Tensor> expected = ModuleTree.stateTensors(net);
            Map<String, String> ownerClass = new HashMap<>();
            for (ModuleTree.Node n : ModuleTree.nodes(net)) {
                ownerClass.put(n.prefix(), n.className());
            }
            List<String> misShaped = new ArrayList<>();
            List<String> unexpected = new ArrayList<>();
            for (Map.Entry<String, TensorData> e : weights.entries().entrySet()) {
                String key = e.getKey();
                Tensor target = expected.get(key);
                if (target == null) {
                    if (!isPatchedAway(key, ownerClass)) {
                        unexpected.add(key);
                    }
                    continue;
                }
                long[] want = Tensors.shape(target);
                long[] got = e.getValue().shape();
                if (!Arrays.equals(want, got)) {
                    misShaped.add(key + " is " + Arrays.toString(got) + " but the network expects "
                            + Arrays.toString(want));
                }
            }
            List<String> missing = new ArrayList<>();
            for (String key : expected.keySet()) {
                if (!weights.contains(key) && !isToleratedMissing(key, ownerClass)) {
                    missing.add(key);
                }
            }
            if (!misShaped.isEmpty() || !missing.isEmpty() || !unexpected.isEmpty()) {
                throw new CheckpointException(message(sourceName, misShaped, missing, unexpected));
            }
            try (NoGradGuard g = new NoGradGuard()) {
                expected.forEach((key, target) -> {
                    TensorData data = weights.get(key);
                    if (data != null) {
                        target.copy_(data.toTensor());
                    }
                });
            }
        }
    }

    private static boolean isPatchedAway(String key, Map<String, String> ownerClass) {
        int dot = key.lastIndexOf('.');
        String prefix = dot < 0 ? "" : key.substring(0, dot + 1);
        String cls = ownerClass.get(prefix);
        return cls != null && cls.contains("InstanceNorm") && RUNNING_STATS.contains(key.substring(dot + 1));
    }

    private static boolean isToleratedMissing(String key, Map<String, String> ownerClass) {
        int dot = key.lastIndexOf('.');
        String cls = ownerClass.get(dot < 0 ? "" : key.substring(0, dot + 1));
        return cls != null && cls.contains("BatchNorm") && key.endsWith(".num_batches_tracked");
    }

    private static String message(String source, List<String> misShaped, List<String> missing,
            List<String> unexpected) {
        List<String> parts = new ArrayList<>();
        misShaped.stream().limit(LISTED).forEach(parts::add);
        if (misShaped.size() > LISTED) {
            parts.add((misShaped.size() - LISTED) + " more mis-shaped keys");
        }
        if (!missing.isEmpty()) {
            parts.add(count(missing.size(), "missing key") + " (" + sample(missing) + ")");
        }
        if (!unexpected.isEmpty()) {
            parts.add(count(unexpected.size(), "unexpected key") + " (" + sample(unexpected) + ")");
        }
        return source + ": " + String.join("; ", parts)
                + "; the checkpoint was saved from a different architecture: check --netG/--netD, --ngf/--ndf,"
                + " --norm and the channel counts";
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String sample(List<String> keys) {
        String listed = String.join(", ", keys.subList(0, Math.min(LISTED, keys.size())));
        return keys.size() > LISTED ? listed + ", …" : listed;
    }
}
