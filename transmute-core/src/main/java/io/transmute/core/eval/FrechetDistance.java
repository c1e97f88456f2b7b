package io.transmute.core.eval;

import io.transmute.core.DataException;
import io.transmute.core.torch.Scope;
import io.transmute.core.torch.Tensors;
import org.bytedeco.pytorch.T_TensorTensor_T;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;

/**
 * The Fréchet distance between two Gaussians, {@code |mu1 - mu2|² + tr(S1) + tr(S2) - 2 tr((S1 S2)^½)}, as
 * pytorch-fid's {@code calculate_frechet_distance}, including its retry with {@code eps·I} added to both
 * covariances when the square root of the product is not finite.
 *
 * <p>The trace of the square root is the sum of the square roots of the eigenvalues of {@code S1 S2}, which are
 * those of the symmetric {@code S1^½ S2 S1^½}; both eigen decompositions are libtorch's float64 LAPACK
 * ({@code linalg.eigh}). Eigenvalues that rounding makes slightly negative contribute 0, the real part of their
 * principal root, as in pytorch-fid's {@code covmean.real}.
 */
public final class FrechetDistance {
    /** pytorch-fid's default offset. */
    public static final double EPS = 1e-6;

    private FrechetDistance() {
    }

    /**
     * @param a the first statistics
     * @param b the second, of the same dims
     * @return the distance
     * @throws DataException when the dims differ or the statistics are not finite even with the offset
     */
    public static double of(GaussianStats a, GaussianStats b) {
        if (a.dims() != b.dims()) {
            throw new DataException("the statistics have " + a.dims() + " and " + b.dims()
                    + " dims; compute both with the same --dims");
        }
        int d = a.dims();
        double meanTerm = 0;
        for (int i = 0; i < d; i++) {
            double diff = a.mu()[i] - b.mu()[i];
            meanTerm += diff * diff;
        }
        double traces = 0;
        for (int i = 0; i < d; i++) {
            traces += a.sigma()[i * d + i] + b.sigma()[i * d + i];
        }
        try (Scope s = Scope.open()) {
            Tensor s1 = StatsAccumulator.tensor(a.sigma(), d, d);
            Tensor s2 = StatsAccumulator.tensor(b.sigma(), d, d);
            double trSqrt = traceSqrtOfProduct(s1, s2);
            if (!Double.isFinite(trSqrt)) {
                Tensor offset = torch.eye(d, new TensorOptions(torch.ScalarType.Double))
                        .mul(Tensors.scalar(EPS));
                trSqrt = traceSqrtOfProduct(s1.add(offset), s2.add(offset));
            }
            if (!Double.isFinite(trSqrt)) {
                throw new DataException("FID: the covariances are not finite (an image gave NaN or infinite"
                        + " features); check the inputs and statistics files");
            }
            return meanTerm + traces - 2 * trSqrt;
        }
    }

    private static double traceSqrtOfProduct(Tensor s1, Tensor s2) {
        if (!torch.isfinite(s1).all().item_bool() || !torch.isfinite(s2).all().item_bool()) {
            return Double.NaN;
        }
        T_TensorTensor_T eig = torch.linalg_eigh(s1);
        Tensor root = eig.get0().clamp_min(Tensors.scalar(0)).sqrt();
        Tensor v = eig.get1();
        Tensor sqrtS1 = v.mul(root.unsqueeze(0)).matmul(v.t());
        Tensor m = sqrtS1.matmul(s2).matmul(sqrtS1);
        // symmetrise: the products leave asymmetry of rounding size, which eigvalsh would silently ignore anyway
        m = m.add(m.t()).mul(Tensors.scalar(0.5));
        Tensor lambda = torch.linalg_eigvalsh(m);
        return lambda.clamp_min(Tensors.scalar(0)).sqrt().sum().item_double();
    }
}
