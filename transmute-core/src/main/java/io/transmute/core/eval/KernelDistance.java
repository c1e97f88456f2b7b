package io.transmute.core.eval;

import io.transmute.core.DataException;
import io.transmute.core.random.Rng;
import io.transmute.core.torch.Scope;
import io.transmute.core.torch.Tensors;
import java.util.Arrays;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * The kernel inception distance (Bińkowski et al. 2018) as clean-fid's {@code kernel_distance} and
 * torch-fidelity define it: the unbiased MMD² with the cubic polynomial kernel {@code (x·y / d + 1)³}, averaged
 * over random subsets of equal size drawn without replacement from each set. Computed in float64.
 */
public final class KernelDistance {
    private KernelDistance() {
    }

    /** The mean and standard deviation ({@code ddof = 0}, as torch-fidelity) over the subsets. */
    public record Score(double mean, double std, int subsets, int subsetSize) {
    }

    /**
     * @param real the features of one set
     * @param fake the features of the other, of the same dims
     * @param subsets how many subsets to average ({@code --kid_subsets}, 100)
     * @param maxSubsetSize the subset size ({@code --kid_subset_size}, 1000), capped at the smaller set
     * @param rng draws the subsets
     * @return the score
     * @throws DataException when a set has fewer than 2 vectors or the dims differ
     */
    public static Score of(FeatureMatrix real, FeatureMatrix fake, int subsets, int maxSubsetSize, Rng rng) {
        if (real.dims() != fake.dims()) {
            throw new DataException("KID: the feature sets have " + real.dims() + " and " + fake.dims() + " dims");
        }
        int m = Math.min(Math.min(real.count(), fake.count()), maxSubsetSize);
        if (m < 2) {
            throw new DataException("KID needs at least 2 images in each set, got " + real.count() + " and "
                    + fake.count());
        }
        if (subsets < 1) {
            throw new DataException("--kid_subsets must be at least 1, got " + subsets);
        }
        double d = real.dims();
        double[] values = new double[subsets];
        try (Scope s = Scope.open()) {
            Tensor all1 = real.toTensor().to(torch.ScalarType.Double);
            Tensor all2 = fake.toTensor().to(torch.ScalarType.Double);
            for (int k = 0; k < subsets; k++) {
                try (Scope inner = Scope.open()) {
                    Tensor x = all2.index_select(0, indices(fake.count(), m, rng));
                    Tensor y = all1.index_select(0, indices(real.count(), m, rng));
                    Tensor a = kernel(x, x, d).add(kernel(y, y, d));
                    Tensor b = kernel(x, y, d);
                    double t = (a.sum().item_double() - a.diagonal().sum().item_double()) / (m - 1)
                            - b.sum().item_double() * 2 / m;
                    values[k] = t / m;
                }
            }
        }
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= subsets;
        double var = 0;
        for (double v : values) {
            var += (v - mean) * (v - mean);
        }
        return new Score(mean, Math.sqrt(var / subsets), subsets, m);
    }

    private static Tensor kernel(Tensor x, Tensor y, double d) {
        return x.matmul(y.t()).div(Tensors.scalar(d)).add(Tensors.scalar(1)).pow(Tensors.scalar(3));
    }

    /** {@code m} distinct indices of {@code [0, n)}: the first {@code m} of a partial Fisher-Yates shuffle. */
    private static Tensor indices(int n, int m, Rng rng) {
        long[] pool = new long[n];
        for (int i = 0; i < n; i++) {
            pool[i] = i;
        }
        for (int i = 0; i < m; i++) {
            int j = i + rng.nextInt(n - i);
            long t = pool[i];
            pool[i] = pool[j];
            pool[j] = t;
        }
        long[] chosen = Arrays.copyOf(pool, m);
        return torch.tensor(chosen);
    }
}
