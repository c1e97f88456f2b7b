package io.transmute.core.model;

import io.transmute.core.data.ImagePlane;
import java.util.List;

/**
 * yunjey/stargan's sample and test image: one row per input image, the input followed by its translation to each
 * target, side by side ({@code torch.cat(x_fake_list, dim=3)} saved with {@code nrow=1, padding=0}).
 */
public final class SampleGrid {
    private SampleGrid() {
    }

    /**
     * Lays out tiles.
     *
     * @param tiles the inputs then one translation per target, each an NCHW array of the same shape
     * @param n images per tile
     * @param channels channels per image
     * @param height image height
     * @param width image width
     * @return {@code channels x n*height x tiles*width}, values as given
     * @throws IllegalArgumentException when a tile does not hold {@code n x channels x height x width} values
     */
    public static ImagePlane of(List<float[]> tiles, int n, int channels, int height, int width) {
        int per = n * channels * height * width;
        int cols = tiles.size();
        int gridW = cols * width;
        float[] out = new float[per * cols];
        for (int t = 0; t < cols; t++) {
            float[] tile = tiles.get(t);
            if (tile.length != per) {
                throw new IllegalArgumentException("tile " + t + " has " + tile.length + " values, not " + per);
            }
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < channels; c++) {
                    for (int y = 0; y < height; y++) {
                        System.arraycopy(tile, ((i * channels + c) * height + y) * width, out,
                                (c * n * height + i * height + y) * gridW + t * width, width);
                    }
                }
            }
        }
        return new ImagePlane(channels, n * height, gridW, out);
    }
}
