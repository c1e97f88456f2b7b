package io.transmute.core.eval;

import io.transmute.core.DataException;
import io.transmute.core.io.ImageSamples;

/**
 * Full-reference metrics of an image against its ground truth, on the integer samples: PSNR and SSIM as
 * scikit-image's {@code peak_signal_noise_ratio} and {@code structural_similarity(gaussian_weights=True,
 * data_range=max)} compute them (Gaussian window σ 1.5 truncated at 3.5σ, 11 taps; {@code mode='reflect'}
 * borders; sample covariance; the 5-pixel border cropped before averaging; RGB averaged over channels), and the
 * mean absolute difference on [-1, 1].
 */
public final class PairedMetrics {
    private static final double SIGMA = 1.5;
    private static final int RADIUS = (int) (3.5 * SIGMA + 0.5);
    private static final double K1 = 0.01;
    private static final double K2 = 0.03;
    private static final double[] WEIGHTS = gaussianWeights();

    private PairedMetrics() {
    }

    /** The three scores of one pair. */
    public record Scores(double l1, double psnr, double ssim) {
    }

    /**
     * @param truth the ground truth
     * @param test the image to score, of the same size, channels and bit depth
     * @param name the pair's name for error messages
     * @return L1 on [-1, 1], PSNR in dB (infinite for identical images) and SSIM
     * @throws DataException when sizes, channels or bit depths differ, or the image is smaller than 11×11
     */
    public static Scores of(ImageSamples truth, ImageSamples test, String name) {
        if (truth.width() != test.width() || truth.height() != test.height()) {
            throw new DataException(name + ": sizes differ (" + truth.width() + "x" + truth.height() + " and "
                    + test.width() + "x" + test.height() + "); paired metrics need images of the same size");
        }
        if (truth.max() != test.max()) {
            throw new DataException(name + ": bit depths differ (" + truth.bitDepth() + " and " + test.bitDepth()
                    + ")");
        }
        int channels = Math.max(truth.channels(), test.channels());
        double range = truth.max();
        int w = truth.width();
        int h = truth.height();
        if (w < 2 * RADIUS + 1 || h < 2 * RADIUS + 1) {
            throw new DataException(name + ": " + w + "x" + h + " is smaller than SSIM's 11x11 window");
        }
        double absSum = 0;
        double sqSum = 0;
        double ssimSum = 0;
        for (int c = 0; c < channels; c++) {
            double[] a = plane(truth, c);
            double[] b = plane(test, c);
            for (int i = 0; i < a.length; i++) {
                double d = a[i] - b[i];
                absSum += Math.abs(d);
                sqSum += d * d;
            }
            ssimSum += ssim(a, b, w, h, range);
        }
        double n = (double) channels * w * h;
        double mse = sqSum / n;
        double psnr = 10 * Math.log10(range * range / mse);
        return new Scores(absSum / n * 2 / range, psnr, ssimSum / channels);
    }

    private static double[] plane(ImageSamples s, int c) {
        int[] band = s.color()[s.color().length == 1 ? 0 : c];
        double[] out = new double[band.length];
        for (int i = 0; i < band.length; i++) {
            out[i] = band[i];
        }
        return out;
    }

    private static double ssim(double[] x, double[] y, int w, int h, double range) {
        int n = x.length;
        double[] xx = new double[n];
        double[] yy = new double[n];
        double[] xy = new double[n];
        for (int i = 0; i < n; i++) {
            xx[i] = x[i] * x[i];
            yy[i] = y[i] * y[i];
            xy[i] = x[i] * y[i];
        }
        double[] ux = filter(x, w, h);
        double[] uy = filter(y, w, h);
        double[] uxx = filter(xx, w, h);
        double[] uyy = filter(yy, w, h);
        double[] uxy = filter(xy, w, h);
        int np = (2 * RADIUS + 1) * (2 * RADIUS + 1);
        double covNorm = (double) np / (np - 1);
        double c1 = (K1 * range) * (K1 * range);
        double c2 = (K2 * range) * (K2 * range);
        double sum = 0;
        long count = 0;
        for (int r = RADIUS; r < h - RADIUS; r++) {
            for (int col = RADIUS; col < w - RADIUS; col++) {
                int i = r * w + col;
                double vx = covNorm * (uxx[i] - ux[i] * ux[i]);
                double vy = covNorm * (uyy[i] - uy[i] * uy[i]);
                double vxy = covNorm * (uxy[i] - ux[i] * uy[i]);
                double a1 = 2 * ux[i] * uy[i] + c1;
                double a2 = 2 * vxy + c2;
                double b1 = ux[i] * ux[i] + uy[i] * uy[i] + c1;
                double b2 = vx + vy + c2;
                sum += a1 * a2 / (b1 * b2);
                count++;
            }
        }
        return sum / count;
    }

    /** scipy's {@code gaussian_filter}: separable, rows then columns, {@code mode='reflect'} (edge repeated). */
    private static double[] filter(double[] in, int w, int h) {
        double[] tmp = new double[in.length];
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                double s = 0;
                for (int k = -RADIUS; k <= RADIUS; k++) {
                    s += WEIGHTS[k + RADIUS] * in[r * w + reflect(c + k, w)];
                }
                tmp[r * w + c] = s;
            }
        }
        double[] out = new double[in.length];
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                double s = 0;
                for (int k = -RADIUS; k <= RADIUS; k++) {
                    s += WEIGHTS[k + RADIUS] * tmp[reflect(r + k, h) * w + c];
                }
                out[r * w + c] = s;
            }
        }
        return out;
    }

    private static int reflect(int i, int n) {
        int period = 2 * n;
        int j = Math.floorMod(i, period);
        return j < n ? j : period - 1 - j;
    }

    private static double[] gaussianWeights() {
        double[] k = new double[2 * RADIUS + 1];
        double sum = 0;
        for (int i = -RADIUS; i <= RADIUS; i++) {
            k[i + RADIUS] = Math.exp(-0.5 / (SIGMA * SIGMA) * i * i);
            sum += k[i + RADIUS];
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= sum;
        }
        return k;
    }
}
