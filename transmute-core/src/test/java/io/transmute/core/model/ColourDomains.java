package io.transmute.core.model;

import io.transmute.core.random.Rng;

/**
 * Generated multi-domain data: the same random shapes (a filled square or disk on a gray background) painted in
 * one of N colours, the colour being the domain. A translation to domain k must repaint the shape in colour k.
 */
final class ColourDomains {
    private static final float[][] COLOURS = {{1, -1, -1}, {-1, 1, -1}, {-1, -1, 1}, {1, 1, -1}};

    private final int size;
    private final int domains;

    ColourDomains(int size, int domains) {
        this.size = size;
        this.domains = domains;
    }

    int size() {
        return size;
    }

    record Batch(float[] images, float[] labels, int[] classes) {
    }

    Batch batch(Rng rng, int n) {
        float[] images = new float[n * 3 * size * size];
        float[] labels = new float[n * domains];
        int[] classes = new int[n];
        for (int i = 0; i < n; i++) {
            int k = rng.nextInt(domains);
            classes[i] = k;
            labels[i * domains + k] = 1;
            boolean disk = rng.nextBoolean();
            int r = size / 6 + rng.nextInt(size / 6);
            int cx = r + rng.nextInt(size - 2 * r);
            int cy = r + rng.nextInt(size - 2 * r);
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    int dx = x - cx;
                    int dy = y - cy;
                    boolean in = disk ? dx * dx + dy * dy <= r * r : Math.abs(dx) <= r && Math.abs(dy) <= r;
                    for (int c = 0; c < 3; c++) {
                        images[((i * 3 + c) * size + y) * size + x] = in ? COLOURS[k][c] : 0f;
                    }
                }
            }
        }
        return new Batch(images, labels, classes);
    }

    /**
     * Reads the domain a translation painted: the mean colour of {@code translated} over the shape of source
     * image {@code i} (its non-background pixels), matched to the nearest domain colour.
     */
    int paintedDomain(float[] sources, float[] translated, int i) {
        int hw = size * size;
        double[] mean = new double[3];
        int count = 0;
        for (int p = 0; p < hw; p++) {
            int base = i * 3 * hw + p;
            if (sources[base] != 0f || sources[base + hw] != 0f || sources[base + 2 * hw] != 0f) {
                count++;
                for (int c = 0; c < 3; c++) {
                    mean[c] += translated[base + c * hw];
                }
            }
        }
        int best = 0;
        double bestDistance = Double.MAX_VALUE;
        for (int k = 0; k < domains; k++) {
            double d = 0;
            for (int c = 0; c < 3; c++) {
                double e = mean[c] / count - COLOURS[k][c];
                d += e * e;
            }
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        return best;
    }
}
