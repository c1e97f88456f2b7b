package io.transmute.core.model;

import io.transmute.core.train.Rng;

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
}
