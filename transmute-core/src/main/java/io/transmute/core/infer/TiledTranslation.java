package io.transmute.core.infer;

import io.transmute.core.io.TensorData;
import java.util.ArrayList;
import java.util.List;

/**
 * Translates an image in overlapping square tiles and blends them: inside an overlap each output pixel is the
 * weighted mean of the tiles covering it, with weights that ramp linearly from the tile's edge, so no seam is a
 * hard cut. Memory then grows with the tile, not the image. Exact for no network (every output pixel sees a
 * neighbourhood of the input that a tile may cut), but close for fully convolutional generators with
 * image-independent normalisation once the overlap covers most of the receptive field.
 */
final class TiledTranslation {
    private TiledTranslation() {
    }

    /**
     * @param length an image side
     * @param tile the tile side
     * @param overlap pixels neighbouring tiles share at least
     * @return the tiles' start positions: the last tile ends at the image's edge
     */
    static List<Integer> starts(int length, int tile, int overlap) {
        List<Integer> out = new ArrayList<>();
        if (length <= tile) {
            out.add(0);
            return out;
        }
        int step = tile - overlap;
        for (int s = 0; s + tile < length; s += step) {
            out.add(s);
        }
        out.add(length - tile);
        return out;
    }

    /**
     * @param translator the generator
     * @param planes input planes, CHW
     * @param channels input channels
     * @param height image height
     * @param width image width
     * @param tile tile side
     * @param overlap overlap in pixels
     * @return output planes, CHW with the generator's output channels
     */
    static float[] translate(Translator translator, float[] planes, int channels, int height, int width, int tile,
            int overlap) {
        int oc = translator.outputChannels();
        float[] sum = new float[oc * height * width];
        float[] weight = new float[height * width];
        List<Integer> ys = starts(height, tile, overlap);
        List<Integer> xs = starts(width, tile, overlap);
        for (int y0 : ys) {
            int th = Math.min(tile, height);
            for (int x0 : xs) {
                int tw = Math.min(tile, width);
                float[] in = new float[channels * th * tw];
                for (int c = 0; c < channels; c++) {
                    for (int y = 0; y < th; y++) {
                        System.arraycopy(planes, (c * height + y0 + y) * width + x0, in, (c * th + y) * tw, tw);
                    }
                }
                float[] out = translator.translate(TensorData.ofFloats(in, channels, th, tw)).toFloats();
                float[] wy = ramp(th, y0 > 0, y0 + th < height, overlap);
                float[] wx = ramp(tw, x0 > 0, x0 + tw < width, overlap);
                for (int y = 0; y < th; y++) {
                    for (int x = 0; x < tw; x++) {
                        float wgt = wy[y] * wx[x];
                        int at = (y0 + y) * width + x0 + x;
                        weight[at] += wgt;
                        for (int c = 0; c < oc; c++) {
                            sum[c * height * width + at] += wgt * out[(c * th + y) * tw + x];
                        }
                    }
                }
            }
        }
        for (int c = 0; c < oc; c++) {
            for (int i = 0; i < height * width; i++) {
                sum[c * height * width + i] /= weight[i];
            }
        }
        return sum;
    }

    // 1 inside; rising from the edges a neighbour overlaps, never 0 so that every pixel keeps some weight
    private static float[] ramp(int n, boolean before, boolean after, int overlap) {
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            float v = 1f;
            if (before) {
                v = Math.min(v, (i + 1f) / (overlap + 1f));
            }
            if (after) {
                v = Math.min(v, (n - i) / (overlap + 1f));
            }
            w[i] = v;
        }
        return w;
    }
}
