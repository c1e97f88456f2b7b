package io.transmute.core.dist;

import io.transmute.core.data.Shard;
import io.transmute.core.model.TranslationModel;
import io.transmute.core.optim.Adam;
import io.transmute.core.torch.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * This process's place in a training run: alone, or one rank of a data-parallel group. The trainer asks it
 * which part of the data to load, whether to write, and to keep the ranks in step; a single process
 * ({@link #single()}) does none of the exchanging.
 */
public final class DistributedContext implements AutoCloseable {
    private static final DistributedContext SINGLE = new DistributedContext(null);

    private final Collectives group;
    private final List<GradientBuckets> syncs = new ArrayList<>();
    private long exchanges;
    private boolean aborted;

    private DistributedContext(Collectives group) {
        this.group = group;
    }

    /** @return the context of a process that trains alone */
    public static DistributedContext single() {
        return SINGLE;
    }

    /**
     * Joins a data-parallel run (see {@link Collectives#join}); a world of one needs no group.
     *
     * @param options where and as which rank
     * @return the context
     * @throws DistributedException when the rendezvous or a peer cannot be reached within the timeout
     */
    public static DistributedContext join(DistOptions options) {
        return options.worldSize() == 1 ? SINGLE : new DistributedContext(Collectives.join(options));
    }

    /** @return this process's rank, 0 when alone */
    public int rank() {
        return group == null ? 0 : group.rank();
    }

    /** @return the number of processes, 1 when alone */
    public int worldSize() {
        return group == null ? 1 : group.worldSize();
    }

    /** @return whether this process writes checkpoints, logs and reports (rank 0) */
    public boolean leader() {
        return rank() == 0;
    }

    /** @return whether other processes take part */
    public boolean distributed() {
        return group != null;
    }

    /** @return this process's part of every epoch */
    public Shard shard() {
        return new Shard(rank(), worldSize());
    }

    /**
     * A random stream of this rank's own, so that ranks draw different dropout masks and pool choices: rank 0
     * keeps {@code seed}, as a single process would.
     *
     * @param seed the run's seed
     * @return this rank's seed
     */
    public long rankSeed(long seed) {
        return rank() == 0 ? seed : seed ^ (0x9E3779B97F4A7C15L * rank());
    }

    /**
     * Makes the model data-parallel, as wrapping each network in DDP does: copies rank 0's parameters and
     * buffers to every rank, then has every optimizer average the gradients across ranks before it steps.
     *
     * @param model the model, built (and restored, when resuming) on every rank
     */
    public void attach(TranslationModel model) {
        if (group == null) {
            return;
        }
        boolean nccl = group.backend() == Backend.NCCL;
        try (Scope s = Scope.open()) {
            for (Module net : model.networks().asMap().values()) {
                TensorVector ps = net.parameters();
                if (ps.size() > 0 && ps.get(0).is_cuda() != nccl) {
                    throw new DistributedException("rank " + rank() + (nccl
                            ? ": --dist_backend nccl all-reduces CUDA tensors; give --device cuda"
                            : ": --dist_backend gloo trains on CPU tensors here; use --dist_backend nccl with"
                                    + " --device cuda, or --device cpu"));
                }
            }
        }
        for (Module net : model.networks().asMap().values()) {
            broadcast(net);
        }
        for (Adam adam : model.optimizers().values()) {
            GradientBuckets sync = new GradientBuckets(group);
            syncs.add(sync);
            adam.synchronizeGradients(sync);
        }
    }

    private void broadcast(Module net) {
        try (Scope s = Scope.open(); NoGradGuard ng = new NoGradGuard()) {
            List<Tensor> tensors = new ArrayList<>();
            TensorVector ps = net.parameters();
            for (long i = 0; i < ps.size(); i++) {
                tensors.add(ps.get(i));
            }
            TensorVector bs = net.buffers();
            for (long i = 0; i < bs.size(); i++) {
                if (bs.get(i).defined() && bs.get(i).is_floating_point()) {
                    tensors.add(bs.get(i));
                }
            }
            if (tensors.isEmpty()) {
                return;
            }
            TensorVector parts = new TensorVector();
            for (Tensor t : tensors) {
                parts.push_back(t.reshape(-1));
            }
            Tensor flat = torch.cat(parts);
            group.broadcastFromLeader(flat);
            long offset = 0;
            for (Tensor t : tensors) {
                long n = t.numel();
                t.copy_(flat.narrow(0, offset, n).view_as(t));
                offset += n;
            }
        }
    }

    /** Returns once every rank has reached it; at once when alone. */
    public void barrier() {
        if (group != null) {
            group.barrier();
        }
    }

    /**
     * Collects one value from every rank at rank 0, through the rendezvous store; every rank must call it at
     * the same point of the run.
     *
     * @param mine this rank's value
     * @return on rank 0 the values of ranks 0 to {@code worldSize - 1}; empty on the others
     */
    public List<byte[]> gather(byte[] mine) {
        if (group == null) {
            return List.of(mine);
        }
        String prefix = "transmute/gather/" + exchanges++ + "/";
        if (!leader()) {
            group.set(prefix + rank(), mine);
            group.barrier();
            return List.of();
        }
        List<byte[]> all = new ArrayList<>();
        all.add(mine);
        for (int r = 1; r < worldSize(); r++) {
            all.add(group.get(prefix + r));
            group.delete(prefix + r);
        }
        group.barrier();
        return all;
    }

    /**
     * The CUDA device of this rank when the run was given a bare {@code --device cuda}: one GPU per process,
     * {@code LOCAL_RANK} (set by the launcher and by torchrun) modulo the visible devices, as DDP scripts do.
     *
     * @param env the environment
     * @param visible the number of CUDA devices
     * @return the device index
     */
    public int localDevice(Map<String, String> env, long visible) {
        String local = env.get("LOCAL_RANK");
        int r = local == null ? rank() : Integer.parseInt(local.trim());
        return (int) (r % Math.max(1, visible));
    }

    /**
     * Tells the other ranks that this one failed, so that they stop at once with its error rather than when
     * a collective breaks or times out; at once when alone.
     *
     * @param error why this rank stops
     */
    public void abort(Throwable error) {
        if (group != null && !aborted) {
            aborted = true;
            group.abort(Collectives.firstLine(error));
        }
    }

    /** @return gradient bytes this rank has all-reduced, over every optimizer */
    public long bytesReduced() {
        return syncs.stream().mapToLong(GradientBuckets::bytesReduced).sum();
    }

    /**
     * Leaves the group: when the run went well, every rank stops watching the store and then meets the others
     * at a last barrier (Gloo's, not the store's), so that rank 0 does not take the store away while another
     * rank still polls it.
     */
    @Override
    public void close() {
        if (group == null) {
            return;
        }
        try {
            if (!aborted) {
                group.stopWatching();
                group.barrier();
            }
        } catch (DistributedException ignored) {
            // a peer has gone; leaving is all that is left to do
        } finally {
            group.close();
        }
    }
}
