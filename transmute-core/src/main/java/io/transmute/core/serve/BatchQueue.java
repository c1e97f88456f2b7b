package io.transmute.core.serve;

import io.transmute.core.io.ImageData;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The bounded queue between request threads and the device's workers. Requests wait in lanes, one per route and
 * image size; a worker takes a lane's requests together once the lane holds a full batch or its oldest request
 * has waited the batch delay. A full queue refuses new requests instead of buffering them.
 *
 * <p>Work that cannot finish in time is not started: from the time per image measured on each network, a batch
 * holds no more requests than can finish before the oldest one's deadline, and a request that could not finish
 * even alone fails at once (504). Without this, a slow device under overload spends every pass on requests whose
 * clients have already given up, and no request succeeds.
 */
final class BatchQueue {
    /** A queued request. */
    static final class Job {
        final Route route;
        final ImageData image;
        final long enqueuedNanos;
        final long deadlineNanos;
        final CompletableFuture<float[]> result = new CompletableFuture<>();
        volatile long startedNanos;
        volatile int batchSize;
        volatile long computeNanos;

        Job(Route route, ImageData image, long deadlineNanos) {
            this.route = route;
            this.image = image;
            this.enqueuedNanos = System.nanoTime();
            this.deadlineNanos = deadlineNanos;
        }

        Lane lane() {
            return new Lane(route.network(), image.height(), image.width());
        }
    }

    private record Lane(Object network, int height, int width) {
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    // insertion order: when no lane is full, the lane created first holds the oldest request
    private final Map<Lane, ArrayDeque<Job>> lanes = new LinkedHashMap<>();
    // network -> smoothed nanoseconds per image of its forward passes
    private final Map<Object, Double> perImageNanos = new HashMap<>();
    private final int capacity;
    private final long delayNanos;
    private final long idleNanos;
    private final Runnable onIdle;
    private int queued;
    private int running;
    // a batch has run, or a request has ended, since onIdle last ran
    private boolean workSinceIdle;
    private boolean accepting = true;
    private boolean stopped;

    BatchQueue(int capacity, long delayMillis) {
        this(capacity, delayMillis, 0, null);
    }

    /**
     * @param capacity most requests waiting at once
     * @param delayMillis how long the first request of a batch waits for partners
     * @param idleMillis how long nothing must be queued or running before {@code onIdle} runs
     * @param onIdle run by a waiting worker, outside the lock, once per idle period that follows work; or null
     */
    BatchQueue(int capacity, long delayMillis, long idleMillis, Runnable onIdle) {
        this.capacity = capacity;
        this.delayNanos = TimeUnit.MILLISECONDS.toNanos(delayMillis);
        this.idleNanos = TimeUnit.MILLISECONDS.toNanos(idleMillis);
        this.onIdle = onIdle;
    }

    /**
     * @param job the request
     * @throws ServiceException (503) when the queue is full or no longer accepting
     */
    void submit(Job job) {
        lock.lock();
        try {
            if (!accepting) {
                throw new ServiceException(ServiceException.Reason.UNAVAILABLE, "the service is shutting down;"
                        + " retry against another instance");
            }
            if (queued >= capacity) {
                throw new ServiceException(ServiceException.Reason.UNAVAILABLE, "the queue is full (" + capacity
                        + " requests waiting); retry shortly");
            }
            lanes.computeIfAbsent(job.lane(), k -> new ArrayDeque<>()).add(job);
            queued++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes a request out of the queue if no worker has taken it yet.
     *
     * @param job the request
     * @return true when it was still waiting and will not run
     */
    boolean cancel(Job job) {
        lock.lock();
        try {
            ArrayDeque<Job> q = lanes.get(job.lane());
            if (q != null && q.remove(job)) {
                queued--;
                if (q.isEmpty()) {
                    lanes.remove(job.lane());
                }
                changed.signalAll();
                return true;
            }
            return false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits for the next batch.
     *
     * @return same-route, same-size requests, oldest first; null once the queue is stopped
     * @throws InterruptedException when the worker is interrupted
     */
    List<Job> next() throws InterruptedException {
        lock.lock();
        try {
            while (true) {
                if (stopped) {
                    return null;
                }
                Map.Entry<Lane, ArrayDeque<Job>> oldest = null;
                Map.Entry<Lane, ArrayDeque<Job>> full = null;
                for (Map.Entry<Lane, ArrayDeque<Job>> e : lanes.entrySet()) {
                    if (oldest == null || e.getValue().peek().enqueuedNanos < oldest.getValue().peek().enqueuedNanos) {
                        oldest = e;
                    }
                    if (full == null && e.getValue().size() >= e.getValue().peek().route.maxBatch()) {
                        full = e;
                    }
                }
                if (oldest == null) {
                    awaitWork();
                    continue;
                }
                long wait = oldest.getValue().peek().enqueuedNanos + delayNanos - System.nanoTime();
                Map.Entry<Lane, ArrayDeque<Job>> take = full != null ? full : wait <= 0 || !accepting ? oldest : null;
                if (take == null) {
                    changed.awaitNanos(wait);
                    continue;
                }
                ArrayDeque<Job> q = take.getValue();
                double perImage = perImageNanos.getOrDefault(take.getKey().network(), 0.0);
                long now = System.nanoTime();
                shedHopeless(q, now, perImage);
                if (q.isEmpty()) {
                    lanes.remove(take.getKey());
                    continue;
                }
                int n = Math.min(q.size(), q.peek().route.maxBatch());
                // the oldest request has the earliest deadline: the batch must finish before it
                while (n > 1 && now + n * perImage > q.peek().deadlineNanos) {
                    n--;
                }
                List<Job> batch = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    batch.add(q.poll());
                }
                if (q.isEmpty()) {
                    lanes.remove(take.getKey());
                }
                queued -= n;
                running++;
                return batch;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Waits for a request; after work, runs {@code onIdle} once nothing has happened for the idle period. */
    private void awaitWork() throws InterruptedException {
        if (onIdle == null || !workSinceIdle || running > 0) {
            changed.await();
            return;
        }
        long left = changed.awaitNanos(idleNanos);
        if (left > 0 || !lanes.isEmpty() || running > 0 || stopped || !workSinceIdle) {
            return;
        }
        workSinceIdle = false;
        lock.unlock();
        try {
            onIdle.run();
        } finally {
            lock.lock();
        }
    }

    private void shedHopeless(ArrayDeque<Job> q, long now, double perImage) {
        for (Iterator<Job> it = q.iterator(); it.hasNext();) {
            Job j = it.next();
            if (now + perImage > j.deadlineNanos) {
                it.remove();
                queued--;
                String why = now > j.deadlineNanos ? "waited longer than --timeout_ms in the queue"
                        : "could not finish within --timeout_ms at the current load (about "
                        + Math.round(perImage / 1e6) + " ms per image)";
                j.result.completeExceptionally(new ServiceException(ServiceException.Reason.TIMEOUT, "the request "
                        + why + "; retry later"));
            }
        }
    }

    /**
     * A worker finished the batch it took.
     *
     * @param network the batch's network
     * @param size its requests
     * @param nanos how long the forward pass took, or a negative value when it failed
     */
    void finished(Object network, int size, long nanos) {
        lock.lock();
        try {
            if (nanos >= 0) {
                double sample = nanos / (double) size;
                perImageNanos.merge(network, sample, (old, s) -> 0.7 * old + 0.3 * s);
            }
            running--;
            workSinceIdle = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** @return requests waiting for a worker */
    int depth() {
        lock.lock();
        try {
            return queued;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Counts a request that ended without a batch (refused, or failed before it was queued) as work, so that the
     * idle period after it runs {@code onIdle} too: its upload grew the heap as much as a translated one.
     */
    void touch() {
        lock.lock();
        try {
            workSinceIdle = true;
            // a worker waiting without a deadline starts the idle period now
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Refuses new requests; queued ones still run, without waiting for batch partners. */
    void stopAccepting() {
        lock.lock();
        try {
            accepting = false;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * @param nanos the longest to wait
     * @return true when nothing is queued or running any more
     * @throws InterruptedException when interrupted
     */
    boolean awaitIdle(long nanos) throws InterruptedException {
        lock.lock();
        try {
            long left = nanos;
            while (queued > 0 || running > 0) {
                if (left <= 0) {
                    return false;
                }
                left = changed.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Stops the workers and fails every request still queued. */
    void stop() {
        lock.lock();
        try {
            accepting = false;
            stopped = true;
            for (ArrayDeque<Job> q : lanes.values()) {
                for (Iterator<Job> it = q.iterator(); it.hasNext();) {
                    it.next().result.completeExceptionally(new ServiceException(
                            ServiceException.Reason.UNAVAILABLE, "the service stopped before this request ran;"
                            + " retry against another instance"));
                }
            }
            lanes.clear();
            queued = 0;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
