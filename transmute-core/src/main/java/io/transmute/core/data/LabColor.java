package io.transmute.core.data;

/**
 * sRGB to CIE L*a*b* (D65, 2-degree observer) and back, with the constants of scikit-image's
 * {@code rgb2lab}/{@code lab2rgb}, which the reference colorization dataset and model use: L in [0, 100],
 * a and b roughly in [-110, 110].
 */
public final class LabColor {
    private static final double[][] XYZ_FROM_RGB = {
        {0.412453, 0.357580, 0.180423},
        {0.212671, 0.715160, 0.072169},
        {0.019334, 0.119193, 0.950227},
    };
    private static final double[][] RGB_FROM_XYZ = invert(XYZ_FROM_RGB);
    private static final double[] D65 = {0.95047, 1.0, 1.08883};

    private LabColor() {
    }

    /**
     * @param r red in [0, 1], gamma-encoded sRGB
     * @param g green in [0, 1]
     * @param b blue in [0, 1]
     * @return {L, a, b}
     */
    public static double[] toLab(double r, double g, double b) {
        double lr = linear(r);
        double lg = linear(g);
        double lb = linear(b);
        double fx = f((XYZ_FROM_RGB[0][0] * lr + XYZ_FROM_RGB[0][1] * lg + XYZ_FROM_RGB[0][2] * lb) / D65[0]);
        double fy = f((XYZ_FROM_RGB[1][0] * lr + XYZ_FROM_RGB[1][1] * lg + XYZ_FROM_RGB[1][2] * lb) / D65[1]);
        double fz = f((XYZ_FROM_RGB[2][0] * lr + XYZ_FROM_RGB[2][1] * lg + XYZ_FROM_RGB[2][2] * lb) / D65[2]);
        return new double[] {116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)};
    }

    /**
     * The inverse of {@link #toLab}, clipped to the sRGB gamut as {@code lab2rgb} does (negative Z set to 0).
     *
     * @param l lightness in [0, 100]
     * @param a green-red axis
     * @param b blue-yellow axis
     * @return {r, g, b} in [0, 1]
     */
    public static double[] toRgb(double l, double a, double b) {
        double fy = (l + 16.0) / 116.0;
        double fx = a / 500.0 + fy;
        double fz = Math.max(fy - b / 200.0, 0.0);
        double x = finv(fx) * D65[0];
        double y = finv(fy) * D65[1];
        double z = finv(fz) * D65[2];
        double[] rgb = new double[3];
        for (int i = 0; i < 3; i++) {
            double v = RGB_FROM_XYZ[i][0] * x + RGB_FROM_XYZ[i][1] * y + RGB_FROM_XYZ[i][2] * z;
            v = v > 0.0031308 ? 1.055 * Math.pow(v, 1 / 2.4) - 0.055 : v * 12.92;
            rgb[i] = Math.max(0.0, Math.min(1.0, v));
        }
        return rgb;
    }

    private static double linear(double c) {
        return c > 0.04045 ? Math.pow((c + 0.055) / 1.055, 2.4) : c / 12.92;
    }

    private static double f(double t) {
        return t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16.0 / 116.0;
    }

    private static double finv(double t) {
        return t > 0.2068966 ? t * t * t : (t - 16.0 / 116.0) / 7.787;
    }

    private static double[][] invert(double[][] m) {
        double det = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
                - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
        double[][] r = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                // cofactor of (j, i): the adjugate is the transposed cofactor matrix
                int r0 = (j + 1) % 3;
                int r1 = (j + 2) % 3;
                int c0 = (i + 1) % 3;
                int c1 = (i + 2) % 3;
                r[i][j] = (m[r0][c0] * m[r1][c1] - m[r0][c1] * m[r1][c0]) / det;
            }
        }
        return r;
    }
}
