package io.transmute.core.dist;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.bytedeco.javacpp.chrono.Milliseconds;
import org.bytedeco.pytorch.ByteVector;
import org.bytedeco.pytorch.StringVector;
import org.bytedeco.pytorch.TCPStore;
import org.bytedeco.pytorch.TCPStoreOptions;

/**
 * Ends every rank promptly, with the real reason, when one rank fails. A failing rank publishes its error
 * under one key of the rendezvous store ({@link #publish}); a daemon thread on every rank polls that key and,
 * when another rank's error appears, prints one line naming that rank and its error and halts this process.
 * Without it the other ranks would learn of the failure only from a collective that breaks (with a message
 * that says nothing of the cause), or, where the failed rank is still alive, after {@code --dist_timeout}.
 *
 * <p>The watch has a store connection of its own: the training thread may hold its connection for as long as
 * a {@code get} waits for a key that a failed rank will never write.
 *
 * <p>The store is served by rank 0, so when rank 0 itself fails it waits a moment for the others to read its
 * error before it exits; when rank 0 is killed outright the store goes with it, and the others end on that.
 * Halting never leaves a half-written file: every checkpoint and log is written atomically, and only rank 0
 * writes.
 */
final class AbortWatch implements AutoCloseable {
    static final String KEY = "transmute/abort";
    private static final String ACK = "transmute/abort_ack/";
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration ACK_WAIT = Duration.ofSeconds(5);
    // a store that fails this many polls in a row is gone, not slow
    private static final int LOST_POLLS = 5;

    private final TCPStore store;
    private final DistOptions options;
    private final PrintStream err;
    private final Thread thread;
    private volatile boolean closing;
    private boolean stopped;

    private AbortWatch(TCPStore store, DistOptions options, PrintStream err) {
        this.store = store;
        this.options = options;
        this.err = err;
        this.thread = new Thread(this::watch, "transmute-abort-watch-rank-" + options.rank());
        thread.setDaemon(true);
    }

    /**
     * Connects to the run's store, once the group is joined, and starts watching.
     *
     * @param options this rank
     * @return the running watch
     */
    static AbortWatch start(DistOptions options) {
        TCPStoreOptions so = new TCPStoreOptions();
        so.port((short) options.masterPort());
        so.isServer(false);
        so.waitWorkers(false);
        so.timeout(new Milliseconds(options.timeout().toMillis()));
        AbortWatch w = new AbortWatch(new TCPStore(options.masterAddr(), so), options, System.err);
        w.thread.start();
        return w;
    }

    /**
     * Tells every other rank that this one failed; best effort and bounded in time, as the store may be gone.
     *
     * @param message this rank's error, one line
     */
    void publish(String message) {
        closing = true;
        try {
            byte[] value = (options.rank() + "\n" + message).getBytes(StandardCharsets.UTF_8);
            store.set(KEY, new ByteVector(value));
            if (options.leader()) {
                awaitAcknowledgements();
            }
        } catch (RuntimeException ignored) {
            // the store is gone with rank 0: the others end on that
        }
    }

    private void awaitAcknowledgements() {
        long deadline = System.nanoTime() + ACK_WAIT.toNanos();
        for (int r = 1; r < options.worldSize(); r++) {
            while (!store.check(new StringVector(ACK + r)) && System.nanoTime() < deadline) {
                sleep(Duration.ofMillis(50));
            }
        }
    }

    private void watch() {
        int failedPolls = 0;
        while (!closing) {
            sleep(POLL);
            try {
                if (store.check(new StringVector(KEY))) {
                    String[] value = new String(store.get(KEY).get(), StandardCharsets.UTF_8).split("\n", 2);
                    int rank = Integer.parseInt(value[0]);
                    if (rank == options.rank() || closing) {
                        return;
                    }
                    store.set(ACK + options.rank(), new ByteVector(new byte[] {1}));
                    halt("stopped, because rank " + rank + " failed: " + (value.length > 1 ? value[1] : "?"));
                }
                failedPolls = 0;
            } catch (RuntimeException e) {
                if (!closing && ++failedPolls >= LOST_POLLS) {
                    halt("lost the rendezvous at " + options.masterAddr() + ":" + options.masterPort()
                            + " (" + Collectives.firstLine(e) + "): rank 0 has exited or cannot be reached");
                }
            }
        }
    }

    private void halt(String why) {
        if (closing) {
            return;
        }
        err.println("error: rank " + options.rank() + " of " + options.worldSize() + ": " + why);
        err.flush();
        System.out.flush();
        Runtime.getRuntime().halt(1);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops watching; every rank does so before the last barrier, so that no rank still polls the store when
     * rank 0 takes it down. Idempotent.
     */
    @Override
    public void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        closing = true;
        thread.interrupt();
        try {
            thread.join(POLL.toMillis() * 5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // a poll stuck in native code still uses the connection: freeing it under that call is undefined
        // behaviour, and the daemon thread ends with the process anyway
        if (!thread.isAlive()) {
            store.close();
        }
    }
}
