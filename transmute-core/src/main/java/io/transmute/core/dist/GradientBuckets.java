package io.transmute.core.dist;

import io.transmute.core.optim.GradientSync;
import io.transmute.core.torch.Scope;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.Work;
import org.bytedeco.pytorch.global.torch;

/**
 * Averages gradients across ranks as DDP's reducer does: the gradients, in the optimizer's order, are packed
 * into flat buckets of at most {@link #BUCKET_BYTES} (one tensor larger than that gets a bucket of its own),
 * every bucket's all-reduce is started before the first is awaited, so Gloo sums them on its own threads while
 * the next is packed, and each sum is divided by the world size and copied back. Every rank ends with the same
 * bits, so identical updates keep the weights identical.
 *
 * <p>It runs when an optimizer steps, not during backward: a GAN step has several backward passes per update
 * (WGAN-GP's double backward, StarGAN's {@code n_critic} discriminator updates, a discriminator frozen while the
 * generator is trained), and only the gradients an update consumes are exchanged.
 */
public final class GradientBuckets implements GradientSync {
    /** DDP's default {@code bucket_cap_mb}, 25 MiB. */
    public static final long BUCKET_BYTES = 25L << 20;

    private final Collectives group;
    private long bytesReduced;
    private long synchronizations;

    /** @param group the ranks to average over */
    public GradientBuckets(Collectives group) {
        this.group = group;
    }

    @Override
    public void synchronize(List<Tensor> parameters) {
        try (Scope s = Scope.open(); NoGradGuard ng = new NoGradGuard()) {
            List<Tensor> grads = new ArrayList<>();
            for (Tensor p : parameters) {
                Tensor g = p.grad();
                if (g.defined()) {
                    grads.add(g);
                }
            }
            List<List<Tensor>> buckets = buckets(grads);
            List<Tensor> flats = new ArrayList<>();
            List<Work> pending = new ArrayList<>();
            for (List<Tensor> bucket : buckets) {
                TensorVector parts = new TensorVector();
                for (Tensor g : bucket) {
                    parts.push_back(g.reshape(-1));
                }
                Tensor flat = torch.cat(parts);
                flats.add(flat);
                pending.add(group.allReduceSum(flat));
                bytesReduced += flat.numel() * flat.element_size();
            }
            Scalar world = new Scalar((double) group.worldSize());
            for (int b = 0; b < buckets.size(); b++) {
                group.await(pending.get(b), "gradient all-reduce");
                Tensor flat = flats.get(b).div_(world);
                long offset = 0;
                for (Tensor g : buckets.get(b)) {
                    long n = g.numel();
                    g.copy_(flat.narrow(0, offset, n).view_as(g));
                    offset += n;
                }
            }
            synchronizations++;
        }
    }

    private static List<List<Tensor>> buckets(List<Tensor> grads) {
        List<List<Tensor>> buckets = new ArrayList<>();
        List<Tensor> current = new ArrayList<>();
        long bytes = 0;
        for (Tensor g : grads) {
            long size = g.numel() * g.element_size();
            if (!current.isEmpty() && bytes + size > BUCKET_BYTES) {
                buckets.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(g);
            bytes += size;
        }
        if (!current.isEmpty()) {
            buckets.add(current);
        }
        return buckets;
    }

    /** @return gradient bytes this rank has all-reduced so far */
    public long bytesReduced() {
        return bytesReduced;
    }

    /** @return optimizer steps synchronised so far */
    public long synchronizations() {
        return synchronizations;
    }
}
