package io.transmute.core.eval;

/**
 * The mean and covariance of a set of feature vectors, as pytorch-fid's {@code calculate_activation_statistics}
 * gives them ({@code np.mean(axis=0)}, {@code np.cov(rowvar=False)}, so {@code ddof = 1}), in float64.
 *
 * @param count how many vectors they were computed from (0 when read from a statistics file, which does not say)
 * @param mu the mean, {@code dims} values
 * @param sigma the covariance, {@code dims × dims} values in row-major order
 */
public record GaussianStats(long count, double[] mu, double[] sigma) {
    /** Checks that the sizes agree. */
    public GaussianStats {
        if ((long) mu.length * mu.length != sigma.length) {
            throw new IllegalArgumentException("a " + mu.length + "-d mean needs a " + mu.length + "x" + mu.length
                    + " covariance, got " + sigma.length + " values");
        }
    }

    /** @return the feature length */
    public int dims() {
        return mu.length;
    }
}
