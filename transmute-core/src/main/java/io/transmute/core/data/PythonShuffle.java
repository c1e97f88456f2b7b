package io.transmute.core.data;

/**
 * Python's {@code random.seed(n); random.shuffle(list)} for a non-negative integer seed, reproduced exactly:
 * a Mersenne Twister (MT19937) seeded through {@code init_by_array} with the seed's 32-bit words, and
 * {@code shuffle}'s Fisher-Yates from the end drawing each index with {@code _randbelow} (rejection sampling
 * on {@code getrandbits(bit_length(n))}).
 *
 * <p>Only the StarGAN CelebA split needs it: the reference decides its 2000 test images with
 * {@code random.seed(1234); random.shuffle(lines)}, and matching that split is what makes a model trained here
 * comparable with one trained by the reference. Everything else draws from {@link io.transmute.core.random.Rng}.
 */
final class PythonShuffle {
    private static final int N = 624;
    private static final int M = 397;

    private final int[] mt = new int[N];
    private int index = N;

    /** @param seed a non-negative seed, as given to Python's {@code random.seed} */
    PythonShuffle(long seed) {
        if (seed < 0) {
            throw new IllegalArgumentException("Python seeds the absolute value; pass a non-negative seed");
        }
        // random_seed() splits abs(n) into 32-bit words, least significant first; zero becomes one zero word
        int[] key = seed >>> 32 == 0 ? new int[] {(int) seed} : new int[] {(int) seed, (int) (seed >>> 32)};
        initByArray(key);
    }

    private void initGenrand(int s) {
        mt[0] = s;
        for (int i = 1; i < N; i++) {
            mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
        }
        index = N;
    }

    private void initByArray(int[] key) {
        initGenrand(19650218);
        int i = 1;
        int j = 0;
        for (int k = Math.max(N, key.length); k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1664525)) + key[j] + j;
            i++;
            j++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if (j >= key.length) {
                j = 0;
            }
        }
        for (int k = N - 1; k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1566083941)) - i;
            i++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        mt[0] = 0x80000000;
    }

    /** @return the next 32 random bits, as MT19937's {@code genrand_uint32} */
    int nextInt32() {
        if (index >= N) {
            for (int k = 0; k < N; k++) {
                int y = (mt[k] & 0x80000000) | (mt[(k + 1) % N] & 0x7fffffff);
                mt[k] = mt[(k + M) % N] ^ (y >>> 1) ^ ((y & 1) == 0 ? 0 : 0x9908b0df);
            }
            index = 0;
        }
        int y = mt[index++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y;
    }

    /** Python's {@code _randbelow_with_getrandbits} for {@code 0 < n < 2^31}. */
    int below(int n) {
        int k = 32 - Integer.numberOfLeadingZeros(n);
        int r = nextInt32() >>> (32 - k);
        while (r >= n) {
            r = nextInt32() >>> (32 - k);
        }
        return r;
    }

    /**
     * Permutes in place exactly as {@code random.shuffle} permutes a list of the same length.
     *
     * @param values the list's elements
     * @param <T> element type
     */
    <T> void shuffle(java.util.List<T> values) {
        for (int i = values.size() - 1; i > 0; i--) {
            int j = below(i + 1);
            T t = values.get(i);
            values.set(i, values.get(j));
            values.set(j, t);
        }
    }
}
