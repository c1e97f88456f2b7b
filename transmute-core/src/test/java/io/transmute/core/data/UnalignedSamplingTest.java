package io.transmute.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The draws of CycleGAN's unaligned sampling over many epochs, against what the reference's loader draws: A in a
 * fresh random order every epoch, B uniform and independent of A and of the position ({@code random.randint} per
 * item), and A and B each flipped with probability 1/2, independently.
 */
class UnalignedSamplingTest {
    private static final int N = 12;
    private static final int EPOCHS = 300;

    @TempDir
    Path root;

    @Test
    void drawsOverManyEpochs_haveTheReferenceDistribution() {
        for (int i = 0; i < N; i++) {
            // red on the left half: pixel (0, 0) tells whether the image was mirrored
            TestImages.rgb(root.resolve(String.format("trainA/a%02d.png", i)), 4, 4, (x, y) -> x < 2 ? 0xFF0000 : 0);
            TestImages.rgb(root.resolve(String.format("trainB/b%02d.png", i)), 4, 4, (x, y) -> x < 2 ? 0xFF0000 : 0);
        }
        DataOptions o = DataOptions.defaults(root, DatasetMode.UNALIGNED).withPreprocess(Preprocess.CROP, 4, 4)
                .withLoading(1, 0);
        int[][] pairs = new int[N][N];
        int[][] byPosition = new int[N][N];
        int flipsA = 0;
        int flipsB = 0;
        int flipsAgree = 0;
        Set<List<Integer>> orders = new HashSet<>();
        try (DataLoader loader = new DataLoader(Dataset.open(o), 7)) {
            for (int epoch = 1; epoch <= EPOCHS; epoch++) {
                List<Integer> order = new ArrayList<>();
                int position = 0;
                try (DataLoader.Epoch it = loader.epoch(epoch)) {
                    while (it.hasNext()) {
                        Batch batch = it.next();
                        int a = id(batch.aPaths().get(0));
                        int b = id(batch.bPaths().get(0));
                        order.add(a);
                        pairs[a][b]++;
                        byPosition[position++][b]++;
                        boolean fa = batch.a()[0] < 0;
                        boolean fb = batch.b()[0] < 0;
                        flipsA += fa ? 1 : 0;
                        flipsB += fb ? 1 : 0;
                        flipsAgree += fa == fb ? 1 : 0;
                    }
                }
                assertThat(new HashSet<>(order)).as("epoch %d visits every A once", epoch).hasSize(N);
                orders.add(order);
            }
        }
        // 12! orders: a per-epoch shuffle repeats one in 300 epochs with probability ~1e-4
        assertThat(orders).as("distinct A orders").hasSize(EPOCHS);
        int samples = N * EPOCHS;
        System.out.printf("%d samples: chi-square B by A %.1f, B by position %.1f; flips A %d, B %d, agreeing %d%n",
                samples, chiSquare(pairs, samples), chiSquare(byPosition, samples), flipsA, flipsB, flipsAgree);
        // chi-square with 143 and 143 degrees of freedom: 200 is 3.4 sd above the mean, 220 is 4.6
        assertThat(chiSquare(pairs, samples)).as("B independent of A").isLessThan(220);
        assertThat(chiSquare(byPosition, samples)).as("B independent of the position").isLessThan(220);
        // binomial(3600, 1/2): sd 30, so +-120 is four sd
        assertThat(flipsA).as("A flips").isBetween(samples / 2 - 120, samples / 2 + 120);
        assertThat(flipsB).as("B flips").isBetween(samples / 2 - 120, samples / 2 + 120);
        assertThat(flipsAgree).as("A and B flip independently").isBetween(samples / 2 - 120, samples / 2 + 120);
    }

    private static int id(Path p) {
        String name = p.getFileName().toString();
        return Integer.parseInt(name.substring(1, 3));
    }

    private static double chiSquare(int[][] counts, int total) {
        double expected = (double) total / (counts.length * counts[0].length);
        double chi = 0;
        for (int[] row : counts) {
            for (int c : row) {
                chi += (c - expected) * (c - expected) / expected;
            }
        }
        return chi;
    }
}
