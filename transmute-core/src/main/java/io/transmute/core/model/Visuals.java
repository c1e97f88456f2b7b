package io.transmute.core.model;

import io.transmute.core.data.ImagePlane;
import io.transmute.core.data.LabColor;
import io.transmute.core.torch.Tensors;
import org.bytedeco.pytorch.Tensor;

/** Copies the first sample of a batch to the heap as a {@link Visual}, as the reference's {@code tensor2im}. */
final class Visuals {
    private Visuals() {
    }

    static Visual of(String label, Tensor batch) {
        long[] s = Tensors.shape(batch);
        float[] v = Tensors.toFloats(batch.narrow(0, 0, 1));
        return new Visual(label, new ImagePlane((int) s[1], (int) s[2], (int) s[3], v));
    }

    /**
     * The reference colorization model's {@code lab2rgb}: L from [-1, 1] to [0, 100], ab times 110, then
     * scikit-image's Lab to sRGB; shown in [-1, 1] like every other visual.
     */
    static Visual labToRgb(String label, Tensor lightness, Tensor ab) {
        long[] s = Tensors.shape(lightness);
        int h = (int) s[2];
        int w = (int) s[3];
        int n = h * w;
        float[] l = Tensors.toFloats(lightness.narrow(0, 0, 1));
        float[] c = Tensors.toFloats(ab.narrow(0, 0, 1));
        float[] rgb = new float[3 * n];
        for (int i = 0; i < n; i++) {
            double[] p = LabColor.toRgb(((double) l[i] + 1.0) * 50.0, (double) c[i] * 110.0,
                    (double) c[n + i] * 110.0);
            for (int k = 0; k < 3; k++) {
                rgb[k * n + i] = (float) (p[k] * 2 - 1);
            }
        }
        return new Visual(label, new ImagePlane(3, h, w, rgb));
    }
}
