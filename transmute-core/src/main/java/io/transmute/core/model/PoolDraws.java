package io.transmute.core.model;

import io.transmute.core.random.Rng;

/**
 * The random choice an {@link ImagePool} makes for each image once it is full: return the new image, or return a
 * stored one and keep the new image in its slot. A seam so that a replay can feed the reference's own choices.
 */
interface PoolDraws {
    /** Returned by {@link #exchange(int)} when the new image is returned and the pool left as it is. */
    int KEEP = -1;

    /**
     * @param poolSize the pool's capacity
     * @return {@link #KEEP}, or the slot in {@code [0, poolSize)} whose image is returned and replaced
     */
    int exchange(int poolSize);

    /**
     * The reference's draws: {@code random.uniform(0, 1) > 0.5}, then {@code random.randint(0, pool_size - 1)}.
     *
     * @param rng where they come from
     * @return draws from {@code rng}
     */
    static PoolDraws from(Rng rng) {
        return poolSize -> rng.nextDouble() > 0.5 ? rng.nextInt(poolSize) : KEEP;
    }
}
