package io.transmute.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.transmute.core.DataException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataLoaderTest {
    @TempDir
    Path root;

    private DataOptions aligned(int count, int batch, int threads) {
        for (int i = 0; i < count; i++) {
            int shift = i * 13;
            TestImages.rgb(root.resolve(String.format("train/%02d.png", i)), 48, 20,
                    (x, y) -> TestImages.pattern(x + shift, y));
        }
        return DataOptions.defaults(root, DatasetMode.ALIGNED).withPreprocess(Preprocess.RESIZE_AND_CROP, 20, 16)
                .withLoading(batch, threads);
    }

    private static List<Batch> all(DataLoader loader, int epoch, int start) {
        List<Batch> out = new ArrayList<>();
        try (DataLoader.Epoch it = loader.epoch(epoch, start)) {
            while (it.hasNext()) {
                out.add(it.next());
            }
        }
        return out;
    }

    @Test
    void batches_areIdenticalForOneOrThreeThreadsOrNone() {
        DataOptions o = aligned(7, 2, 1);
        List<List<Batch>> runs = new ArrayList<>();
        for (int threads : new int[] {1, 3, 0}) {
            try (DataLoader loader = new DataLoader(Dataset.open(o.withLoading(2, threads)), 1234)) {
                List<Batch> run = all(loader, 1, 0);
                run.addAll(all(loader, 2, 0));
                runs.add(run);
            }
        }
        assertThat(runs.get(0)).hasSize(8);
        assertThat(runs.get(1)).isEqualTo(runs.get(0));
        assertThat(runs.get(2)).isEqualTo(runs.get(0));
        try (DataLoader other = new DataLoader(Dataset.open(o), 99)) {
            assertThat(all(other, 1, 0)).isNotEqualTo(runs.get(0).subList(0, 4));
        }
    }

    @Test
    void resumingAtABatch_givesTheSameRemainingBatches() {
        DataOptions o = aligned(9, 2, 2);
        try (DataLoader loader = new DataLoader(Dataset.open(o), 5)) {
            List<Batch> full = all(loader, 3, 0);
            try (DataLoader fresh = new DataLoader(Dataset.open(o), 5)) {
                assertThat(all(fresh, 3, 2)).isEqualTo(full.subList(2, full.size()));
            }
        }
    }

    @Test
    void epoch_keepsTheLastPartialBatch_coversEveryFileOnce_andReshufflesEachEpoch() {
        DataOptions o = aligned(5, 2, 2);
        try (DataLoader loader = new DataLoader(Dataset.open(o), 1)) {
            assertThat(loader.size()).isEqualTo(5);
            assertThat(loader.batchesPerEpoch()).isEqualTo(3);
            List<Batch> e1 = all(loader, 1, 0);
            assertThat(e1).extracting(Batch::size).containsExactly(2, 2, 1);
            assertThat(e1.get(2).aShape()).containsExactly(1, 3, 16, 16);
            List<Path> order1 = e1.stream().flatMap(b -> b.aPaths().stream()).toList();
            assertThat(new HashSet<>(order1)).hasSize(5);
            Set<List<Path>> orders = new HashSet<>();
            for (int epoch = 1; epoch <= 6; epoch++) {
                orders.add(all(loader, epoch, 0).stream().flatMap(b -> b.aPaths().stream()).toList());
            }
            assertThat(orders).hasSizeGreaterThan(1);
        }
    }

    @Test
    void serialBatches_keepFileOrder_andMaxDatasetSizeLimitsTheEpoch() {
        DataOptions o = aligned(6, 4, 1).withSerialBatches(true).withMaxDatasetSize(5);
        try (DataLoader loader = new DataLoader(Dataset.open(o), 1)) {
            List<Path> seen = all(loader, 1, 0).stream().flatMap(b -> b.aPaths().stream()).toList();
            assertThat(seen).extracting(p -> p.getFileName().toString())
                    .containsExactly("00.png", "01.png", "02.png", "03.png", "04.png");
        }
    }

    @Test
    void corruptFile_isSkippedCountedAndReplaced() throws Exception {
        DataOptions o = aligned(4, 1, 2).withSerialBatches(true);
        Path bad = root.resolve("train/01.png");
        Files.write(bad, new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        try (DataLoader loader = new DataLoader(Dataset.open(o), 1)) {
            List<Batch> batches = all(loader, 1, 0);
            assertThat(batches).hasSize(4);
            assertThat(batches.get(1).aPaths()).containsExactly(root.resolve("train/02.png"));
            assertThat(loader.skippedFiles()).isEqualTo(1);
            assertThat(loader.skippedPaths()).containsExactly(bad);
            all(loader, 2, 0);
            assertThat(loader.skippedFiles()).as("counted once per file").isEqualTo(1);
        }
    }

    @Test
    void datasetWithNoReadableFile_failsWithOneLine() throws Exception {
        Files.createDirectories(root.resolve("train"));
        Files.writeString(root.resolve("train/a.jpg"), "text");
        DataOptions o = DataOptions.defaults(root, DatasetMode.ALIGNED).withLoading(1, 1);
        try (DataLoader loader = new DataLoader(Dataset.open(o), 1); DataLoader.Epoch it = loader.epoch(1)) {
            assertThatThrownBy(it::next).isInstanceOf(DataException.class)
                    .hasMessageStartingWith(root + ": none of the 1 samples could be read; first failure: "
                            + root.resolve("train/a.jpg"));
        }
    }

    @Test
    void mixedSizesInABatch_areAUsageError() {
        TestImages.rgb(root.resolve("train/a.png"), 16, 8, (x, y) -> 0);
        TestImages.rgb(root.resolve("train/b.png"), 24, 8, (x, y) -> 0);
        DataOptions o = DataOptions.defaults(root, DatasetMode.ALIGNED).withPreprocess(Preprocess.NONE, 8, 8)
                .withLoading(2, 0).withSerialBatches(true);
        try (DataLoader loader = new DataLoader(Dataset.open(o), 1); DataLoader.Epoch it = loader.epoch(1)) {
            assertThatThrownBy(it::next).isInstanceOf(DataException.class).hasMessageContaining("--batch_size 1");
        }
    }

    @Test
    void waitTime_isReported() {
        DataOptions o = aligned(2, 1, 0);
        try (DataLoader loader = new DataLoader(Dataset.open(o), 1); DataLoader.Epoch it = loader.epoch(1)) {
            it.next();
            assertThat(it.lastWaitSeconds()).isPositive();
            assertThat(loader.waitedSeconds()).isGreaterThanOrEqualTo(it.lastWaitSeconds());
        }
    }
}
