package io.transmute.core.dist;

import io.transmute.core.torch.Torch;
import java.time.Duration;
import java.util.List;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.SizeTPointer;
import org.bytedeco.javacpp.chrono.Milliseconds;
import org.bytedeco.pytorch.AllreduceOptions;
import org.bytedeco.pytorch.BroadcastOptions;
import org.bytedeco.pytorch.ByteVector;
import org.bytedeco.pytorch.GlooDeviceVector;
import org.bytedeco.pytorch.ProcessGroupGloo;
import org.bytedeco.pytorch.ReduceOp;
import org.bytedeco.pytorch.TCPStore;
import org.bytedeco.pytorch.TCPStoreOptions;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.Work;
import org.bytedeco.pytorch.gloo.Device;
import org.bytedeco.pytorch.global.torch;
import org.bytedeco.pytorch.nccl.ProcessGroupNCCL;

/**
 * One process's membership of a c10d process group: the {@code TCPStore} rendezvous (served by rank 0) and a
 * {@code ProcessGroupGloo} (CPU tensors) or {@code ProcessGroupNCCL} (CUDA tensors, the CUDA build only) over
 * it, and an {@link AbortWatch} that ends every rank when one fails. Every native failure (a peer that closed its sockets, a timeout, a store
 * that cannot be reached) becomes a {@link DistributedException} naming this rank.
 *
 * <p>What works in {@code org.bytedeco:pytorch} 2.10.0-1.5.13, and what crashes: the group must be built from a
 * real store and explicit options, as {@code torch.distributed} does internally:
 * {@code new TCPStore(host, TCPStoreOptions)} with {@code numWorkers} set through a fresh {@code SizeTPointer}
 * (the getter of the unset optional returns null), then {@code ProcessGroupGloo.Options.create(timeout)} with
 * {@code devices} holding one {@code createDeviceForHostname(...)} device, then
 * {@code new ProcessGroupGloo(store, rank, size, options)}. The constructors that take only a backend name,
 * or a {@code Store} wrapped around a null pointer, build objects whose first use kills the JVM
 * (bytedeco/javacpp-presets#1678).
 */
public final class Collectives implements AutoCloseable {
    private final DistOptions options;
    private final TCPStore store;
    private final org.bytedeco.pytorch.Backend group;
    private final AbortWatch watch;

    private Collectives(DistOptions options, TCPStore store, org.bytedeco.pytorch.Backend group) {
        this.options = options;
        this.store = store;
        this.group = group;
        this.watch = AbortWatch.start(options);
    }

    /**
     * Joins the run: rank 0 serves the store and every rank waits there for all the others, then the Gloo
     * group connects every pair. Both steps give up after {@code --dist_timeout}.
     *
     * @param options where and as which rank
     * @return the joined group
     * @throws DistributedException when the rendezvous or a peer cannot be reached in time
     */
    public static Collectives join(DistOptions options) {
        Torch.init();
        if (options.backend() == Backend.NCCL) {
            loadNccl(options);
        } else {
            try {
                Loader.load(org.bytedeco.pytorch.global.torch_gloo.class);
            } catch (UnsatisfiedLinkError e) {
                throw new DistributedException("rank " + options.rank() + ": cannot load libjnitorch_gloo.so ("
                        + e.getMessage() + "); the pytorch natives jar lacks the Gloo backend", e);
            }
        }
        Milliseconds timeout = new Milliseconds(options.timeout().toMillis());
        TCPStore store;
        try {
            TCPStoreOptions so = new TCPStoreOptions();
            so.port((short) options.masterPort());
            so.isServer(options.leader());
            so.numWorkers(new SizeTPointer(1).put(options.worldSize()));
            so.waitWorkers(true);
            so.timeout(timeout);
            store = new TCPStore(options.masterAddr(), so);
        } catch (RuntimeException e) {
            throw new DistributedException("rank " + options.rank() + ": cannot reach the rendezvous at "
                    + options.masterAddr() + ":" + options.masterPort() + " within " + seconds(options.timeout())
                    + " (" + firstLine(e) + "); start rank 0 first and check the address, the port and that all "
                    + options.worldSize() + " processes were started", e);
        }
        try {
            org.bytedeco.pytorch.Backend group = options.backend() == Backend.NCCL ? nccl(store, options, timeout)
                    : gloo(store, options, timeout);
            return new Collectives(options, store, group);
        } catch (RuntimeException e) {
            throw new DistributedException("rank " + options.rank() + ": cannot connect the "
                    + options.backend().cliName() + " group of " + options.worldSize() + " within "
                    + seconds(options.timeout()) + " (" + firstLine(e) + "); check that every rank can reach the"
                    + " others (GLOO_SOCKET_IFNAME or NCCL_SOCKET_IFNAME picks the interface)", e);
        }
    }

    private static ProcessGroupGloo gloo(TCPStore store, DistOptions options, Milliseconds timeout) {
        ProcessGroupGloo.Options go = ProcessGroupGloo.Options.create(timeout);
        Device device = options.loopback() ? ProcessGroupGloo.createDeviceForHostname("127.0.0.1") : glooDevice();
        go.devices(new GlooDeviceVector(device));
        return new ProcessGroupGloo(store, options.rank(), options.worldSize(), go);
    }

    private static ProcessGroupNCCL nccl(TCPStore store, DistOptions options, Milliseconds timeout) {
        ProcessGroupNCCL.Options no = ProcessGroupNCCL.Options.create();
        no.timeout(timeout);
        return new ProcessGroupNCCL(store, options.rank(), options.worldSize(), no);
    }

    // the NCCL bindings are in every pytorch jar; their natives, and the cuda presets they inherit, only in the
    // CUDA build
    private static void loadNccl(DistOptions options) {
        try {
            Loader.load(org.bytedeco.pytorch.global.torch_nccl.class);
        } catch (LinkageError | TypeNotPresentException e) {
            throw new DistributedException("rank " + options.rank() + ": --dist_backend nccl needs the CUDA build"
                    + " (./mvnw -Pcuda package), whose natives include libjnitorch_nccl.so; on CPU use --dist_backend"
                    + " gloo", e);
        }
        if (!torch.cuda_is_available()) {
            throw new DistributedException("rank " + options.rank() + ": --dist_backend nccl needs a CUDA device and"
                    + " none is available (see transmute info); on CPU use --dist_backend gloo");
        }
    }

    // as torch.distributed: GLOO_SOCKET_IFNAME names the interface, else the address this host name resolves to
    private static Device glooDevice() {
        String ifname = System.getenv("GLOO_SOCKET_IFNAME");
        return ifname != null && !ifname.isBlank() ? ProcessGroupGloo.createDeviceForInterface(ifname.trim())
                : ProcessGroupGloo.createDefaultDevice();
    }

    /** @return this process's rank */
    public int rank() {
        return options.rank();
    }

    /** @return the number of processes */
    public int worldSize() {
        return options.worldSize();
    }

    /** @return the backend the group runs on */
    public Backend backend() {
        return options.backend();
    }

    /**
     * Tells every other rank that this one failed, so that they stop at once with its error (see
     * {@link AbortWatch}); best effort, and bounded in time.
     *
     * @param message this rank's error, one line
     */
    public void abort(String message) {
        watch.publish(message);
    }

    /**
     * Starts summing {@code flat} over all ranks in place; Gloo runs it on its own threads.
     *
     * @param flat a contiguous CPU tensor, the same shape on every rank
     * @return the pending work, to {@link #await}
     */
    public Work allReduceSum(Tensor flat) {
        try {
            AllreduceOptions o = new AllreduceOptions();
            o.reduceOp(new ReduceOp(ReduceOp.RedOpType.SUM));
            return group.allreduce(new TensorVector(flat), o);
        } catch (RuntimeException e) {
            throw failure("all-reduce", e);
        }
    }

    /**
     * Replaces {@code flat} on every rank by rank 0's values.
     *
     * @param flat a contiguous CPU tensor, the same shape on every rank
     */
    public void broadcastFromLeader(Tensor flat) {
        try {
            BroadcastOptions o = new BroadcastOptions();
            o.rootRank(0);
            await(group.broadcast(new TensorVector(flat), o), "broadcast");
        } catch (DistributedException e) {
            throw e;
        } catch (RuntimeException e) {
            throw failure("broadcast", e);
        }
    }

    /**
     * Waits for a collective started here.
     *
     * @param work what {@link #allReduceSum} returned
     * @param what the operation, for the error message
     */
    public void await(Work work, String what) {
        try {
            work._wait();
        } catch (RuntimeException e) {
            throw failure(what, e);
        }
    }

    /** Returns once every rank has called it. */
    public void barrier() {
        try {
            group.barrier()._wait();
        } catch (RuntimeException e) {
            throw failure("barrier", e);
        }
    }

    /**
     * Publishes bytes under a key of the rendezvous store, for any rank to {@link #get}.
     *
     * @param key a key unique to this use
     * @param value the bytes
     */
    public void set(String key, byte[] value) {
        try {
            store.set(key, new ByteVector(value));
        } catch (RuntimeException e) {
            throw failure("store set " + key, e);
        }
    }

    /**
     * Reads what some rank published, waiting up to {@code --dist_timeout} for it.
     *
     * @param key the key
     * @return the bytes
     */
    public byte[] get(String key) {
        try {
            return store.get(key).get();
        } catch (RuntimeException e) {
            throw failure("store get " + key, e);
        }
    }

    /**
     * Removes a key once every reader has it, so the store does not grow over a long run.
     *
     * @param key the key
     */
    public void delete(String key) {
        try {
            store.deleteKey(key);
        } catch (RuntimeException e) {
            throw failure("store delete " + key, e);
        }
    }

    private DistributedException failure(String what, RuntimeException e) {
        return new DistributedException("rank " + options.rank() + " of " + options.worldSize() + ": " + what
                + " failed (" + firstLine(e) + "); another rank died, stopped or timed out after "
                + seconds(options.timeout()) + " (--dist_timeout): see its own error", e);
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        String line = m.lines().findFirst().orElse(m).trim();
        // Gloo prefixes its build machine's source path, which tells a user nothing
        int bracket = line.indexOf("] ");
        return line.startsWith("[") && bracket > 0 ? line.substring(bracket + 2) : line;
    }

    /** Stops watching for other ranks' failures: the run is over for this rank but for the last barrier. */
    public void stopWatching() {
        watch.close();
    }

    /** Leaves the group; the process may exit afterwards. */
    @Override
    public void close() {
        watch.close();
        group.shutdown();
        group.close();
        store.close();
    }
}
