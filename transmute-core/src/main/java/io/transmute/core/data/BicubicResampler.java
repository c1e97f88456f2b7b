package io.transmute.core.data;

/**
 * Resizes pictures exactly as PIL's {@code Image.resize(size, Image.BICUBIC)}, which torchvision's
 * {@code Resize} calls for PIL images: a separable Keys cubic (a = -0.5) whose support widens by the
 * downscale factor (antialiasing), weights normalised per output pixel, horizontal pass first, edges
 * clamped by dropping taps outside the image.
 *
 * <p>8-bit pictures go through PIL's 22-bit fixed-point arithmetic and are rounded to 8 bits after each pass,
 * so results equal PIL's byte for byte; 16-bit pictures are resampled in double precision and clamped to
 * [0, 1].
 */
public final class BicubicResampler {
    /** PIL's {@code PRECISION_BITS} (32 - 8 - 2): headroom for 8-bit samples times weights above 1. */
    private static final int PRECISION_BITS = 22;
    private static final double SUPPORT = 2.0;

    private BicubicResampler() {
    }

    /** Coefficients for one axis: for each output index, the first input index, the tap count and weights. */
    private record Taps(int[] first, int[] count, double[][] weights) {
    }

    static double cubic(double x) {
        final double a = -0.5;
        x = Math.abs(x);
        if (x < 1.0) {
            return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
        }
        if (x < 2.0) {
            return (((x - 5) * x + 8) * x - 4) * a;
        }
        return 0.0;
    }

    /** PIL's triangle filter ({@code Image.BILINEAR}), support 1. */
    static double triangle(double x) {
        x = Math.abs(x);
        return x < 1.0 ? 1.0 - x : 0.0;
    }

    private static Taps taps(int inSize, int outSize, boolean bilinear) {
        double scale = (double) inSize / outSize;
        double filterScale = Math.max(scale, 1.0);
        double support = (bilinear ? 1.0 : SUPPORT) * filterScale;
        double inverse = 1.0 / filterScale;
        int[] first = new int[outSize];
        int[] count = new int[outSize];
        double[][] weights = new double[outSize][];
        for (int xx = 0; xx < outSize; xx++) {
            double center = (xx + 0.5) * scale;
            // (int) truncates toward zero like PIL's C cast; negative starts are clamped right after
            int xmin = Math.max((int) (center - support + 0.5), 0);
            int xmax = Math.min((int) (center + support + 0.5), inSize) - xmin;
            double[] k = new double[Math.max(xmax, 0)];
            double sum = 0;
            for (int x = 0; x < k.length; x++) {
                double d = (x + xmin - center + 0.5) * inverse;
                k[x] = bilinear ? triangle(d) : cubic(d);
                sum += k[x];
            }
            if (sum != 0.0) {
                for (int x = 0; x < k.length; x++) {
                    k[x] /= sum;
                }
            }
            first[xx] = xmin;
            count[xx] = k.length;
            weights[xx] = k;
        }
        return new Taps(first, count, weights);
    }

    /**
     * @param picture the source
     * @param width target width
     * @param height target height
     * @return the resized picture (the source itself when the size is unchanged, as PIL returns a copy)
     */
    public static Picture resize(Picture picture, int width, int height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("cannot resize to " + width + "x" + height);
        }
        if (width == picture.width() && height == picture.height()) {
            return picture;
        }
        return picture.bitDepth() == 8 ? resize8(picture, width, height, false)
                : resizeFloat(picture, width, height, false);
    }

    /**
     * Resizes as PIL's {@code Image.resize(size, Image.BILINEAR)}, torchvision {@code Resize}'s default filter
     * (what the StarGAN reference uses): the same separable scheme with a triangle filter of support 1.
     *
     * @param picture the source
     * @param width target width
     * @param height target height
     * @return the resized picture (the source itself when the size is unchanged)
     */
    public static Picture resizeBilinear(Picture picture, int width, int height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("cannot resize to " + width + "x" + height);
        }
        if (width == picture.width() && height == picture.height()) {
            return picture;
        }
        return picture.bitDepth() == 8 ? resize8(picture, width, height, true)
                : resizeFloat(picture, width, height, true);
    }

    private static Picture resize8(Picture p, int width, int height, boolean bilinear) {
        int channels = p.channels();
        int inW = p.width();
        int inH = p.height();
        int[] src = new int[p.pixels().length];
        for (int i = 0; i < src.length; i++) {
            src[i] = Math.round(p.pixels()[i] * 255f);
        }
        int[] cur = src;
        int curW = inW;
        if (width != inW) {
            Taps t = taps(inW, width, bilinear);
            int[][] k = fixed(t);
            int[] out = new int[channels * inH * width];
            for (int row = 0; row < channels * inH; row++) {
                int in = row * inW;
                for (int xx = 0; xx < width; xx++) {
                    int acc = 1 << (PRECISION_BITS - 1);
                    int base = in + t.first()[xx];
                    int[] kx = k[xx];
                    for (int x = 0; x < kx.length; x++) {
                        acc += cur[base + x] * kx[x];
                    }
                    out[row * width + xx] = clip8(acc);
                }
            }
            cur = out;
            curW = width;
        }
        if (height != inH) {
            Taps t = taps(inH, height, bilinear);
            int[][] k = fixed(t);
            int[] out = new int[channels * height * curW];
            for (int c = 0; c < channels; c++) {
                int plane = c * inH * curW;
                for (int yy = 0; yy < height; yy++) {
                    int[] ky = k[yy];
                    int y0 = t.first()[yy];
                    for (int x = 0; x < curW; x++) {
                        int acc = 1 << (PRECISION_BITS - 1);
                        for (int y = 0; y < ky.length; y++) {
                            acc += cur[plane + (y0 + y) * curW + x] * ky[y];
                        }
                        out[(c * height + yy) * curW + x] = clip8(acc);
                    }
                }
            }
            cur = out;
        }
        float[] pixels = new float[cur.length];
        for (int i = 0; i < cur.length; i++) {
            pixels[i] = cur[i] / 255f;
        }
        return new Picture(channels, width, height, pixels, 8);
    }

    private static int[][] fixed(Taps t) {
        int[][] out = new int[t.weights().length][];
        for (int i = 0; i < out.length; i++) {
            double[] w = t.weights()[i];
            out[i] = new int[w.length];
            for (int x = 0; x < w.length; x++) {
                double scaled = w[x] * (1 << PRECISION_BITS);
                out[i][x] = (int) (scaled < 0 ? scaled - 0.5 : scaled + 0.5);
            }
        }
        return out;
    }

    private static int clip8(int acc) {
        return Math.max(0, Math.min(255, acc >> PRECISION_BITS));
    }

    private static Picture resizeFloat(Picture p, int width, int height, boolean bilinear) {
        int channels = p.channels();
        int inW = p.width();
        int inH = p.height();
        double[] cur = new double[p.pixels().length];
        for (int i = 0; i < cur.length; i++) {
            cur[i] = p.pixels()[i];
        }
        int curW = inW;
        if (width != inW) {
            Taps t = taps(inW, width, bilinear);
            double[] out = new double[channels * inH * width];
            for (int row = 0; row < channels * inH; row++) {
                for (int xx = 0; xx < width; xx++) {
                    double acc = 0;
                    int base = row * inW + t.first()[xx];
                    double[] kx = t.weights()[xx];
                    for (int x = 0; x < kx.length; x++) {
                        acc += cur[base + x] * kx[x];
                    }
                    out[row * width + xx] = acc;
                }
            }
            cur = out;
            curW = width;
        }
        if (height != inH) {
            Taps t = taps(inH, height, bilinear);
            double[] out = new double[channels * height * curW];
            for (int c = 0; c < channels; c++) {
                int plane = c * inH * curW;
                for (int yy = 0; yy < height; yy++) {
                    double[] ky = t.weights()[yy];
                    int y0 = t.first()[yy];
                    for (int x = 0; x < curW; x++) {
                        double acc = 0;
                        for (int y = 0; y < ky.length; y++) {
                            acc += cur[plane + (y0 + y) * curW + x] * ky[y];
                        }
                        out[(c * height + yy) * curW + x] = acc;
                    }
                }
            }
            cur = out;
        }
        float[] pixels = new float[cur.length];
        for (int i = 0; i < cur.length; i++) {
            // overshoot past the range cannot be stored in the 16-bit image the values stand for
            pixels[i] = (float) Math.max(0.0, Math.min(1.0, cur[i]));
        }
        return new Picture(channels, width, height, pixels, p.bitDepth());
    }
}
