package io.transmute.core.data;

import io.transmute.core.random.Rng;
import java.nio.file.Path;

/**
 * Colorization pairs made from RGB images in {@code <dataroot>/<phase>/}: A is Lab lightness scaled to
 * [-1, 1] (L / 50 - 1), B the a and b channels divided by 110, as the reference's colorization dataset.
 */
final class ColorizationDataset extends FolderDataset {
    ColorizationDataset(DataOptions options, ImageSource source) {
        super(options, source, options.dataroot().resolve(options.phase()));
    }

    @Override
    public Sample get(int index, Rng rng) {
        Path path = files().get(index);
        Picture rgb = Transform.read(source(), path, 3);
        Transform.Params params = Transform.params(options(), rgb.width(), rgb.height(), rng);
        Picture p = Transform.apply(rgb, options(), params, path);
        int n = p.width() * p.height();
        float[] px = p.pixels();
        float[] l = new float[n];
        float[] ab = new float[2 * n];
        for (int i = 0; i < n; i++) {
            double[] lab = LabColor.toLab(exact(px[i], p.bitDepth()), exact(px[n + i], p.bitDepth()),
                    exact(px[2 * n + i], p.bitDepth()));
            // the reference casts Lab to float32 before scaling, so scale in float
            l[i] = (float) lab[0] / 50.0f - 1.0f;
            ab[i] = (float) lab[1] / 110.0f;
            ab[n + i] = (float) lab[2] / 110.0f;
        }
        ImagePlane a = new ImagePlane(1, p.height(), p.width(), l);
        ImagePlane b = new ImagePlane(2, p.height(), p.width(), ab);
        return new Sample(a, b, path, path);
    }

    /** skimage divides 8-bit samples by 255 in double; recover that exact value from our float. */
    private static double exact(float v, int bitDepth) {
        return bitDepth == 8 ? Math.round(v * 255f) / 255.0 : v;
    }
}
