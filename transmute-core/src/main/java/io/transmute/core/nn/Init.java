package io.transmute.core.nn;

import io.transmute.core.InvalidOptionException;
import io.transmute.core.torch.Scope;
import java.util.Map;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * The reference {@code networks.init_weights}: convolution (and linear) weights from the chosen scheme with
 * zero biases; BatchNorm2d scales from N(1, gain) with zero shifts. Other layers (InstanceNorm, StarGAN's
 * affine norms) keep libtorch's defaults, as there. Draws from torch's global generator, so seed it with
 * {@link io.transmute.core.torch.Torch#seed} first for a reproducible network.
 */
public final class Init {
    private Init() {
    }

    /**
     * Re-initialises a network's weights in place.
     *
     * @param net the network
     * @param type the scheme
     * @param gain the standard deviation for {@code normal}, the gain for {@code xavier} and
     *     {@code orthogonal}; {@code kaiming} ignores it, as the reference does
     */
    public static void apply(Module net, InitType type, double gain) {
        if (!(gain > 0) || Double.isInfinite(gain)) {
            throw new InvalidOptionException("--init_gain must be a positive number, got " + gain);
        }
        try (Scope s = Scope.open(); NoGradGuard g = new NoGradGuard()) {
            // pre-order visits layers in the same order as the reference's post-order net.apply(): only leaves
            // hold weights, so the random draws happen in the same sequence
            for (ModuleTree.Node node : ModuleTree.nodes(net)) {
                String cls = node.className();
                Map<String, Tensor> params = node.parameters();
                Tensor weight = params.get("weight");
                Tensor bias = params.get("bias");
                if (weight == null) {
                    continue;
                }
                if (cls.contains("Conv") || cls.contains("Linear")) {
                    switch (type) {
                        case NORMAL -> torch.normal_(weight, 0.0, gain);
                        case XAVIER -> torch.xavier_normal_(weight, gain);
                        case KAIMING -> torch.kaiming_normal_(weight);
                        case ORTHOGONAL -> torch.orthogonal_(weight, gain);
                    }
                    if (bias != null) {
                        bias.zero_();
                    }
                } else if (cls.contains("BatchNorm2d")) {
                    torch.normal_(weight, 1.0, gain);
                    if (bias != null) {
                        bias.zero_();
                    }
                }
            }
        }
    }
}
