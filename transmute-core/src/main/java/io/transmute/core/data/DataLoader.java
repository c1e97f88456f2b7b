package io.transmute.core.data;

import io.transmute.core.DataException;
import io.transmute.core.random.Rng;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns a {@link Dataset} into batches, epoch by epoch, as the reference's {@code torch.utils.data.DataLoader}:
 * shuffled unless serial batches, {@code --max_dataset_size} samples at most, the last partial batch kept.
 *
 * <p>Decoding and augmentation run on {@code --num_threads} background threads with a bounded prefetch
 * (two batches per thread), yet the batches depend only on (seed, epoch, position): the epoch's order comes
 * from {@code Rng(seed).split(epoch)}, and each sample draws from a child split off for its position. So any
 * thread count gives the same batches, and {@link #epoch(int, int)} resumes mid-epoch exactly.
 *
 * <p>A file that cannot be decoded is logged once, counted in {@link #skippedFiles()}, and its sample replaced
 * by the next readable index. Close the loader to stop its threads.
 */
public final class DataLoader implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(DataLoader.class.getName());
    private static final long ORDER_KEY = -1;

    private final Dataset dataset;
    private final Rng root;
    private final int size;
    private final Shard shard;
    private final int batchSize;
    private final boolean shuffle;
    private final int prefetch;
    private final ExecutorService workers;
    private final Set<Path> skipped = ConcurrentHashMap.newKeySet();
    private final AtomicLong waitedNanos = new AtomicLong();

    /**
     * @param dataset the samples
     * @param seed the run's seed; with the epoch and position it decides every batch
     */
    public DataLoader(Dataset dataset, long seed) {
        this(dataset, seed, Shard.ALL);
    }

    /**
     * A loader for one process of a data-parallel run: the same epochs, order and augmentation as a single
     * process, of which this process gets its {@link Shard}.
     *
     * @param dataset the samples
     * @param seed the run's seed, the same on every rank
     * @param shard this process's part
     */
    public DataLoader(Dataset dataset, long seed, Shard shard) {
        this.dataset = dataset;
        this.shard = shard;
        DataOptions o = dataset.options();
        this.root = new Rng(seed);
        this.size = Math.min(dataset.size(), o.maxDatasetSize());
        this.batchSize = o.batchSize();
        this.shuffle = !o.serialBatches();
        this.prefetch = 2 * Math.max(1, o.numThreads());
        if (o.numThreads() > 0) {
            AtomicInteger count = new AtomicInteger();
            this.workers = Executors.newFixedThreadPool(o.numThreads(), r -> {
                Thread t = new Thread(r, "transmute-loader-" + count.incrementAndGet());
                // a loader left open must not keep the JVM alive
                t.setDaemon(true);
                return t;
            });
        } else {
            this.workers = null;
        }
    }

    /** @return samples per epoch: the dataset size, at most {@code --max_dataset_size} */
    public int size() {
        return size;
    }

    /** @return batches per epoch of this loader's shard, counting a last partial batch */
    public int batchesPerEpoch() {
        return (shard.samplesOf(size) + batchSize - 1) / batchSize;
    }

    /** @return the dataset behind this loader */
    public Dataset dataset() {
        return dataset;
    }

    /**
     * @param epoch the epoch number (the reference counts from 1); it seeds the order and augmentation
     * @return the epoch's batches from the first
     */
    public Epoch epoch(int epoch) {
        return epoch(epoch, 0);
    }

    /**
     * Starts an epoch part way through, for exact resume: the batches are those an uninterrupted epoch would
     * give from position {@code startBatch} on.
     *
     * @param epoch the epoch number
     * @param startBatch how many batches of this epoch were already consumed
     * @return the remaining batches
     */
    public Epoch epoch(int epoch, int startBatch) {
        if (startBatch < 0 || startBatch > batchesPerEpoch()) {
            throw new IllegalArgumentException("epoch " + epoch + " has " + batchesPerEpoch()
                    + " batches; cannot start at batch " + startBatch);
        }
        return new Epoch(epoch, startBatch);
    }

    /** @return how many distinct files were skipped as unreadable so far */
    public int skippedFiles() {
        return skipped.size();
    }

    /** @return the files skipped as unreadable so far, sorted */
    public List<Path> skippedPaths() {
        return skipped.stream().sorted().toList();
    }

    /** @return seconds the consumer spent blocked waiting for batches, over every epoch */
    public double waitedSeconds() {
        return waitedNanos.get() / 1e9;
    }

    /** Stops the background threads; batches being decoded are abandoned. */
    @Override
    public void close() {
        if (workers != null) {
            workers.shutdownNow();
        }
    }

    /** One pass over the data; close it to cancel prefetched work when leaving early. */
    public final class Epoch implements Iterator<Batch>, AutoCloseable {
        private final int epoch;
        private final Rng epochRng;
        private final int[] order;
        private final Deque<Future<Batch>> pending = new ArrayDeque<>();
        private int nextToSubmit;
        private int nextToReturn;
        private long lastWaitNanos;

        private Epoch(int epoch, int startBatch) {
            this.epoch = epoch;
            this.epochRng = root.split(epoch);
            this.order = new int[size];
            Arrays.setAll(order, i -> i);
            if (shuffle) {
                epochRng.split(ORDER_KEY).shuffle(order);
            }
            this.nextToSubmit = startBatch;
            this.nextToReturn = startBatch;
            if (workers != null) {
                while (pending.size() < prefetch && nextToSubmit < batchesPerEpoch()) {
                    submitNext();
                }
            }
        }

        private void submitNext() {
            int index = nextToSubmit++;
            pending.addLast(workers.submit(() -> load(index)));
        }

        /** @return the epoch number */
        public int epoch() {
            return epoch;
        }

        /** @return the position of the batch the next call to {@link #next()} returns */
        public int nextIndex() {
            return nextToReturn;
        }

        /** @return seconds the last {@link #next()} waited for its batch (the reference's {@code t_data}) */
        public double lastWaitSeconds() {
            return lastWaitNanos / 1e9;
        }

        @Override
        public boolean hasNext() {
            return nextToReturn < batchesPerEpoch();
        }

        @Override
        public Batch next() {
            if (!hasNext()) {
                throw new NoSuchElementException("epoch " + epoch + " has only " + batchesPerEpoch() + " batches");
            }
            long start = System.nanoTime();
            Batch batch;
            if (workers == null) {
                batch = load(nextToReturn);
            } else {
                Future<Batch> head = pending.removeFirst();
                if (nextToSubmit < batchesPerEpoch()) {
                    submitNext();
                }
                batch = await(head);
            }
            nextToReturn++;
            lastWaitNanos = System.nanoTime() - start;
            waitedNanos.addAndGet(lastWaitNanos);
            return batch;
        }

        private Batch await(Future<Batch> future) {
            try {
                return future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DataException("interrupted while waiting for batch " + nextToReturn + " of epoch " + epoch,
                        e);
            } catch (CancellationException e) {
                throw new IllegalStateException("the data loader was closed", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException r) {
                    throw r;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw new DataException("loading batch " + nextToReturn + " of epoch " + epoch + " failed: " + cause,
                        cause);
            }
        }

        private Batch load(int index) {
            int from = index * batchSize;
            int to = Math.min(shard.samplesOf(size), from + batchSize);
            List<Sample> samples = new ArrayList<>(to - from);
            for (int local = from; local < to; local++) {
                samples.add(sample(shard.position(local, size)));
            }
            return collate(epoch, index, samples);
        }

        private Sample sample(int position) {
            Rng base = epochRng.split(position);
            UnreadableImageException first = null;
            int n = dataset.size();
            for (int attempt = 0; attempt < n; attempt++) {
                int index = (order[position] + attempt) % n;
                try {
                    return dataset.get(index, base.split(attempt));
                } catch (UnreadableImageException e) {
                    if (skipped.add(e.path())) {
                        LOG.log(Level.WARNING, "skipping unreadable image: " + e.getMessage());
                    }
                    first = first == null ? e : first;
                }
            }
            throw new DataException(dataset.options().dataroot() + ": none of the " + n + " samples could be read; "
                    + "first failure: " + first.getMessage(), first);
        }

        /** Cancels batches still being prepared. */
        @Override
        public void close() {
            for (Future<Batch> f : pending) {
                f.cancel(true);
            }
            pending.clear();
        }
    }

    static Batch collate(int epoch, int index, List<Sample> samples) {
        Sample first = samples.get(0);
        ImagePlane a0 = first.a();
        float[] a = new float[samples.size() * a0.values().length];
        float[] b = first.hasB() ? new float[samples.size() * first.b().values().length] : null;
        List<Path> aPaths = new ArrayList<>();
        List<Path> bPaths = new ArrayList<>();
        int labelSize = first.label() == null ? 0 : first.label().length;
        float[] labels = first.label() == null ? null : new float[samples.size() * labelSize];
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i);
            same(a0, s.a(), s.aPath());
            System.arraycopy(s.a().values(), 0, a, i * a0.values().length, a0.values().length);
            aPaths.add(s.aPath());
            if (labels != null) {
                System.arraycopy(s.label(), 0, labels, i * labelSize, labelSize);
            }
            if (b != null) {
                same(first.b(), s.b(), s.bPath());
                System.arraycopy(s.b().values(), 0, b, i * first.b().values().length, first.b().values().length);
                bPaths.add(s.bPath());
            }
        }
        int n = samples.size();
        int[] aShape = {n, a0.channels(), a0.height(), a0.width()};
        int[] bShape = b == null ? null : new int[] {n, first.b().channels(), first.b().height(), first.b().width()};
        return new Batch(epoch, index, a, aShape, b, bShape, aPaths, bPaths, labels);
    }

    private static void same(ImagePlane expected, ImagePlane actual, Path path) {
        if (!Arrays.equals(expected.shape(), actual.shape())) {
            throw new DataException(path + ": becomes " + shape(actual) + " but the first image of its batch "
                    + "became " + shape(expected) + "; use --batch_size 1 or a --preprocess that crops to "
                    + "--crop_size");
        }
    }

    private static String shape(ImagePlane p) {
        return p.channels() + "x" + p.height() + "x" + p.width();
    }
}
