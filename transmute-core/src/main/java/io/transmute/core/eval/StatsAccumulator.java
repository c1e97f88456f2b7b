package io.transmute.core.eval;

import io.transmute.core.torch.Owned;
import io.transmute.core.torch.Scope;
import io.transmute.core.torch.Tensors;
import java.util.Arrays;
import org.bytedeco.pytorch.MemoryFormatOptional;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;

/**
 * Accumulates the mean and covariance of feature vectors batch by batch in float64, without keeping the vectors.
 *
 * <p>Sums are taken of the vectors minus the first batch's mean, which keeps the covariance free of the
 * cancellation that raw sums of squares suffer when the mean is large against the spread. Instances own native
 * memory: close them.
 */
public final class StatsAccumulator implements AutoCloseable {
    private final int dims;
    private Tensor shift;
    private Tensor sum;
    private Tensor outer;
    private long count;

    /** @param dims the feature length */
    public StatsAccumulator(int dims) {
        this.dims = dims;
    }

    /**
     * Adds a batch.
     *
     * @param features {@code [N, dims]}, any floating type
     */
    public void add(Tensor features) {
        long[] s = Tensors.shape(features);
        if (s.length != 2 || s[1] != dims) {
            throw new IllegalArgumentException("expected [N, " + dims + "] features, got "
                    + Arrays.toString(s));
        }
        if (s[0] == 0) {
            return;
        }
        try (Scope sc = Scope.open()) {
            Tensor x = features.to(torch.ScalarType.Double);
            if (shift == null) {
                shift = Owned.detach(x.mean(new long[] {0}, false, new ScalarTypeOptional()));
                sum = Owned.detach(torch.zeros(new long[] {dims}, new TensorOptions(
                        torch.ScalarType.Double)));
                outer = Owned.detach(torch.zeros(new long[] {dims, dims}, new TensorOptions(
                        torch.ScalarType.Double)));
            }
            Tensor c = x.sub(shift);
            sum.add_(c.sum(new long[] {0}, false, new ScalarTypeOptional()));
            outer.addmm_(c.t(), c);
            count += s[0];
        }
    }

    /** @return how many vectors were added */
    public long count() {
        return count;
    }

    /**
     * @return the mean and the covariance ({@code ddof = 1})
     * @throws IllegalStateException with fewer than two vectors, for which the covariance is undefined
     */
    public GaussianStats stats() {
        if (count < 2) {
            throw new IllegalStateException("the covariance needs at least 2 feature vectors, got " + count);
        }
        try (Scope sc = Scope.open()) {
            Tensor m = sum.div(Tensors.scalar(count));
            Tensor mu = shift.add(m);
            Tensor cov = outer.sub(torch.outer(m, m).mul(Tensors.scalar(count))).div(Tensors.scalar(count - 1));
            return new GaussianStats(count, doubles(mu), doubles(cov));
        }
    }

    static double[] doubles(Tensor t) {
        Tensor c = t.to(torch.ScalarType.Double).cpu().contiguous();
        double[] out = new double[Math.toIntExact(c.numel())];
        c.data_ptr_double().get(out);
        return out;
    }

    static Tensor tensor(double[] values, long... shape) {
        Tensor t = torch.empty(shape, new TensorOptions(torch.ScalarType.Double),
                new MemoryFormatOptional());
        t.data_ptr_double().put(values);
        return t;
    }

    @Override
    public void close() {
        if (shift != null) {
            shift.close();
            sum.close();
            outer.close();
            shift = null;
        }
    }
}
