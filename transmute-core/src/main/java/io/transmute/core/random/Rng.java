package io.transmute.core.random;

import java.util.Arrays;

/**
 * A seeded, splittable, serialisable random number generator (xoshiro256**, seeded through SplitMix64).
 *
 * <p>Every random choice in Transmute (crops, flips, shuffles, image pools, initialisation) draws from one of
 * these, never from a static generator, so a run is reproduced by its seed and resumed from {@link #state()}.
 * Instances are not thread-safe: give each thread its own {@link #split(long) child}.
 */
public final class Rng {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private long s0;
    private long s1;
    private long s2;
    private long s3;
    private boolean haveSpareGaussian;
    private double spareGaussian;

    /**
     * Creates a generator whose whole sequence is determined by {@code seed}.
     *
     * @param seed any value, zero included
     */
    public Rng(long seed) {
        long x = seed;
        x += GOLDEN_GAMMA;
        s0 = mix(x);
        x += GOLDEN_GAMMA;
        s1 = mix(x);
        x += GOLDEN_GAMMA;
        s2 = mix(x);
        x += GOLDEN_GAMMA;
        s3 = mix(x);
    }

    private Rng(long s0, long s1, long s2, long s3, boolean haveSpare, double spare) {
        this.s0 = s0;
        this.s1 = s1;
        this.s2 = s2;
        this.s3 = s3;
        this.haveSpareGaussian = haveSpare;
        this.spareGaussian = spare;
    }

    /** SplitMix64's finaliser: a bijection with full avalanche, so nearby seeds give unrelated states. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** @return the next 64 uniformly distributed bits */
    public long nextLong() {
        long result = Long.rotateLeft(s1 * 5, 7) * 9;
        long t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        return result;
    }

    /**
     * @param bound exclusive upper limit, positive
     * @return a uniform integer in {@code [0, bound)}, without modulo bias
     */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        // Lemire's multiply-and-reject: unbiased, and usually one draw
        long m = (nextLong() >>> 32) * bound;
        long low = m & 0xFFFFFFFFL;
        if (low < bound) {
            long threshold = (0x100000000L - bound) % bound;
            while (low < threshold) {
                m = (nextLong() >>> 32) * bound;
                low = m & 0xFFFFFFFFL;
            }
        }
        return (int) (m >>> 32);
    }

    /** @return a uniform double in {@code [0, 1)} with 53 random bits */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** @return a fair coin */
    public boolean nextBoolean() {
        return nextLong() < 0;
    }

    /**
     * Draws from the standard normal distribution (Marsaglia's polar method). The second value of each pair is
     * kept for the next call and is part of {@link #state()}, so a restored generator continues exactly.
     *
     * @return a standard normal variate
     */
    public double nextGaussian() {
        if (haveSpareGaussian) {
            haveSpareGaussian = false;
            return spareGaussian;
        }
        double u;
        double v;
        double s;
        do {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        // StrictMath: the same bits on every platform, so runs reproduce across machines
        double f = StrictMath.sqrt(-2 * StrictMath.log(s) / s);
        spareGaussian = v * f;
        haveSpareGaussian = true;
        return u * f;
    }

    /**
     * Shuffles in place (Fisher-Yates from the end, as Python's {@code random.shuffle}).
     *
     * @param values the array to permute
     */
    public void shuffle(int[] values) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }

    /**
     * A child generator determined by this generator's current state and {@code key}. This generator does not
     * advance, so children for different keys can be made in any order, on any thread, with the same result:
     * the data loader derives one child per (epoch, sample) this way.
     *
     * @param key distinguishes siblings; equal keys give equal children
     * @return an independent generator
     */
    public Rng split(long key) {
        long h = mix(s0 ^ mix(key + GOLDEN_GAMMA));
        h = mix(h ^ s1);
        h = mix(h ^ s2);
        h = mix(h ^ s3);
        return new Rng(h);
    }

    /**
     * The complete state, for checkpoints: four xoshiro words, then a flag and the bits of the spare normal.
     *
     * @return a fresh copy of the state
     */
    public long[] state() {
        return new long[] {s0, s1, s2, s3, haveSpareGaussian ? 1 : 0, Double.doubleToRawLongBits(spareGaussian)};
    }

    /**
     * Rebuilds a generator saved with {@link #state()}; it continues the saved sequence exactly.
     *
     * @param state six words from {@link #state()}
     * @return the restored generator
     * @throws IllegalArgumentException if the array has the wrong length or an all-zero core state
     */
    public static Rng restore(long[] state) {
        if (state == null || state.length != 6) {
            throw new IllegalArgumentException("an Rng state has 6 words, got "
                    + (state == null ? "null" : Arrays.toString(state)));
        }
        if ((state[0] | state[1] | state[2] | state[3]) == 0) {
            throw new IllegalArgumentException("an all-zero xoshiro state never leaves zero; the state is corrupt");
        }
        return new Rng(state[0], state[1], state[2], state[3], state[4] != 0, Double.longBitsToDouble(state[5]));
    }
}
