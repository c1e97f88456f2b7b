package io.transmute.core.data;

/**
 * The part of every epoch one process of a data-parallel run trains on, as PyTorch's
 * {@code DistributedSampler} deals it: of the epoch's shuffled positions, rank {@code r} of {@code n} takes
 * {@code r, r + n, r + 2n, ...}, so its {@code j}-th sample of a batch is the one a single process with an
 * {@code n} times larger batch would put at position {@code j * n + r}. An epoch whose size is not a multiple of
 * {@code n} is padded from its start, so every rank has the same number of batches.
 *
 * @param rank this process, in {@code [0, count)}
 * @param count the number of processes
 */
public record Shard(int rank, int count) {
    /** The whole data set, for a single process. */
    public static final Shard ALL = new Shard(0, 1);

    /** Checks the ranges. */
    public Shard {
        if (count < 1 || rank < 0 || rank >= count) {
            throw new IllegalArgumentException("shard " + rank + " of " + count);
        }
    }

    /**
     * @param size samples in the epoch
     * @return samples this rank trains per epoch
     */
    public int samplesOf(int size) {
        return (size + count - 1) / count;
    }

    /**
     * @param local this rank's position in its part of the epoch
     * @param size samples in the epoch
     * @return the position in the whole epoch
     */
    public int position(int local, int size) {
        return (local * count + rank) % size;
    }
}
