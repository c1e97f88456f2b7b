package io.transmute.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.transmute.core.infer.FileTranslation;
import io.transmute.core.infer.InputFiles;
import io.transmute.core.infer.Translator;
import io.transmute.core.infer.TranslatorOptions;
import io.transmute.core.io.PthWriter;
import io.transmute.core.nn.GeneratorSpec;
import io.transmute.core.nn.ModuleWeights;
import io.transmute.core.nn.NormType;
import io.transmute.core.nn.UpsampleType;
import io.transmute.core.torch.Net;
import io.transmute.core.torch.Precision;
import io.transmute.core.torch.Torch;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkTranslationTest {
    /** Good images; with the 2 corrupt ones, 40 inputs. */
    private static final int GOOD = 38;
    @TempDir
    static Path tmp;
    private static SparkSession spark;
    private static Path weights;
    private static Path inputs;
    private static Path reference;

    @BeforeAll
    static void setUp() throws IOException {
        weights = tmp.resolve("tiny_net_G.pth");
        Torch.seed(3);
        try (Net g = GeneratorSpec.of("resnet_6blocks", 3, 3, 8, NormType.INSTANCE, false, UpsampleType.DECONV)
                .build()) {
            PthWriter.write(weights, ModuleWeights.export(g), Map.of());
        }
        inputs = tmp.resolve("in");
        writeImages(inputs);
        reference = tmp.resolve("reference");
        // what transmute translate writes for the same files
        try (Translator t = Translator.load(weights, TranslatorOptions.defaults().withEval(true))) {
            List<FileTranslation.Result> r = new FileTranslation(t, reference, "png",
                    FileTranslation.ImageLayout.SINGLE, null).run(InputFiles.expand(List.of(inputs.toString())),
                    x -> { });
            assertThat(r.stream().filter(FileTranslation.Result::ok).count()).isEqualTo(GOOD);
        }
        spark = SparkSession.builder().master("local[2]").appName("transmute-spark-test")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "2")
                // several partitions from a few small files, so both task slots share the one model
                .config("spark.sql.files.maxPartitionBytes", "2048")
                .config("spark.sql.files.openCostInBytes", "1024")
                .getOrCreate();
    }

    @AfterAll
    static void tearDown() {
        if (spark != null) {
            spark.stop();
        }
    }

    /** 38 images of mixed sizes and formats in sub-folders, and 2 corrupt ones. */
    private static void writeImages(Path dir) throws IOException {
        Random r = new Random(7);
        String[] formats = {"png", "jpg", "bmp", "tif"};
        int[][] sizes = {{32, 32}, {48, 40}, {64, 64}, {40, 56}, {37, 29}, {20, 60}};
        for (int i = 0; i < GOOD; i++) {
            int[] s = sizes[i % sizes.length];
            BufferedImage img = new BufferedImage(s[0], s[1], BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < s[1]; y++) {
                for (int x = 0; x < s[0]; x++) {
                    img.setRGB(x, y, r.nextInt(0x1000000));
                }
            }
            String fmt = formats[(i / 4) % formats.length];
            Path f = dir.resolve(i % 2 == 0 ? "a" : "b/c").resolve("img" + i + "." + fmt);
            Files.createDirectories(f.getParent());
            assertThat(ImageIO.write(img, fmt.equals("tif") ? "tiff" : fmt, f.toFile())).isTrue();
        }
        byte[] junk = new byte[300];
        r.nextBytes(junk);
        Files.write(dir.resolve("a/corrupt.png"), junk);
        byte[] jpg = Files.readAllBytes(dir.resolve("a/img4.jpg"));
        Files.write(dir.resolve("b/truncated.jpg"), java.util.Arrays.copyOf(jpg, 40));
    }

    private static SparkTranslationOptions options() {
        return SparkTranslationOptions.defaults().withEval(true);
    }

    /** Every output file (relative path to bytes), the results table and temporary names left out. */
    private static Map<String, byte[]> outputs(Path dir) throws IOException {
        Map<String, byte[]> out = new HashMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String rel = dir.relativize(p).toString();
                if (!rel.startsWith("results.parquet")) {
                    out.put(rel, Files.readAllBytes(p));
                }
            }
        }
        return out;
    }

    @Test
    void translatesEveryGoodImageAsTranslateDoes_reportsTheCorruptOnes_andARerunWritesNothing() throws Exception {
        Path out = tmp.resolve("out");
        int loadsBefore = ModelCache.loads();
        List<Row> rows = SparkTranslation.translate(spark, weights.toString(), inputs.toString(), out.toString(),
                options()).collectAsList();
        // the one JVM of local[2] loaded these weights once, whichever test of this class ran first
        assertThat(ModelCache.loads(HadoopFiles.sha256(new org.apache.hadoop.fs.Path(weights.toString()),
                new org.apache.hadoop.conf.Configuration()))).isEqualTo(1);
        assertThat(rows).hasSize(GOOD + 2);
        Map<String, List<Row>> byStatus = rows.stream().collect(Collectors.groupingBy(r -> r.getAs("status")));
        assertThat(byStatus.get("ok")).hasSize(GOOD);
        assertThat(byStatus.get("failed")).hasSize(2);
        assertThat(byStatus.get("failed")).allSatisfy(r -> {
            assertThat((String) r.getAs("input")).containsAnyOf("corrupt.png", "truncated.jpg");
            assertThat((String) r.getAs("error")).contains(((String) r.getAs("input")).replaceFirst("^file:", ""));
        });
        for (Row r : byStatus.get("ok")) {
            Path o = Path.of(java.net.URI.create((String) r.getAs("output")));
            BufferedImage img = ImageIO.read(o.toFile());
            assertThat((Integer) r.getAs("width")).isEqualTo(img.getWidth());
            assertThat((Integer) r.getAs("height")).isEqualTo(img.getHeight());
        }
        Map<String, byte[]> written = outputs(out);
        Map<String, byte[]> expected = outputs(reference);
        assertThat(written.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((k, v) -> assertThat(written.get(k)).as(k).isEqualTo(v));
        assertThat(Files.isDirectory(out.resolve("results.parquet"))).isTrue();
        assertThat(spark.read().parquet(out.resolve("results.parquet").toString()).count()).isEqualTo(GOOD + 2);

        Map<String, Long> times = new HashMap<>();
        for (String k : written.keySet()) {
            times.put(k, Files.getLastModifiedTime(out.resolve(k)).toMillis());
        }
        Thread.sleep(20);
        List<Row> again = SparkTranslation.translate(spark, weights.toString(), inputs.toString(), out.toString(),
                options()).collectAsList();
        assertThat(again.stream().filter(r -> r.getAs("status").equals("skipped")).count()).isEqualTo(GOOD);
        assertThat(again.stream().filter(r -> r.getAs("status").equals("failed")).count()).isEqualTo(2);
        assertThat(outputs(out).keySet()).isEqualTo(written.keySet());
        for (String k : written.keySet()) {
            assertThat(Files.getLastModifiedTime(out.resolve(k)).toMillis()).as(k).isEqualTo(times.get(k));
        }
        assertThat(ModelCache.loads() - loadsBefore).isLessThanOrEqualTo(1);
        assertThat(ModelCache.loads(HadoopFiles.sha256(new org.apache.hadoop.fs.Path(weights.toString()),
                new org.apache.hadoop.conf.Configuration()))).isEqualTo(1);
    }

    @Test
    void aGlobFilterSelectsFiles_andAnOwnDatasetOfPathsTranslatesToo() throws Exception {
        Path out = tmp.resolve("glob");
        List<Row> rows = SparkTranslation.translate(spark, weights.toString(), inputs + "/*.jpg", out.toString(),
                options().withFormat("same")).collectAsList();
        // img4-7, img20-23, img36-37 and the truncated one
        assertThat(rows).hasSize(11);
        assertThat(rows.stream().filter(r -> r.getAs("status").equals("ok")).count()).isEqualTo(10);
        assertThat(outputs(out).keySet()).allMatch(k -> k.endsWith(".jpg"));

        Path own = tmp.resolve("own");
        List<String> paths = List.of(inputs.resolve("a/img0.png").toString(), inputs.resolve("b/c/img1.png")
                .toString());
        List<Row> r2 = SparkTranslation.translate(spark, spark.createDataset(paths,
                org.apache.spark.sql.Encoders.STRING()).toDF("path"), weights.toString(), inputs.toString(),
                own.toString(), options()).collectAsList();
        assertThat(r2).allMatch(r -> r.getAs("status").equals("ok"));
        assertThat(outputs(own).get("a/img0.png")).isEqualTo(outputs(reference).get("a/img0.png"));
        assertThat(outputs(own).get("b/c/img1.png")).isEqualTo(outputs(reference).get("b/c/img1.png"));
    }

    @Test
    void precisionBf16_writesWhatTranslateWritesInBf16() throws Exception {
        // weights of their own, so that the other tests' count of loads per checksum stays theirs
        Path own = tmp.resolve("bf16_net_G.pth");
        Torch.seed(5);
        try (Net g = GeneratorSpec.of("resnet_6blocks", 3, 3, 8, NormType.INSTANCE, false, UpsampleType.DECONV)
                .build()) {
            PthWriter.write(own, ModuleWeights.export(g), Map.of());
        }
        Path out = tmp.resolve("bf16");
        String image = inputs.resolve("a/img0.png").toString();
        List<Row> rows = SparkTranslation.translate(spark, spark.createDataset(List.of(image),
                org.apache.spark.sql.Encoders.STRING()).toDF("path"), own.toString(), inputs.toString(),
                out.toString(), options().withPrecision(Precision.BFLOAT16)).collectAsList();
        assertThat(rows).allMatch(r -> r.getAs("status").equals("ok"));
        Map<Precision, byte[]> offline = new java.util.EnumMap<>(Precision.class);
        for (Precision p : Precision.values()) {
            Path dir = tmp.resolve("offline_" + p);
            try (Translator t = Translator.load(own, TranslatorOptions.defaults().withEval(true).withPrecision(p))) {
                new FileTranslation(t, dir, "png", FileTranslation.ImageLayout.SINGLE, null)
                        .run(InputFiles.expand(List.of(image)), x -> { });
            }
            offline.put(p, Files.readAllBytes(dir.resolve("img0.png")));
        }
        byte[] bf16 = Files.readAllBytes(out.resolve("a/img0.png"));
        assertThat(bf16).isEqualTo(offline.get(Precision.BFLOAT16)).isNotEqualTo(offline.get(Precision.FLOAT32));
    }

    @Test
    void aJobCancelledHalfWay_finishesOnRerun_withEveryOutputOnce() throws Exception {
        Path out = tmp.resolve("cancelled");
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread job = new Thread(() -> {
            spark.sparkContext().setJobGroup("cancel-me", "translation to cancel", true);
            try {
                SparkTranslation.translate(spark, weights.toString(), inputs.toString(), out.toString(),
                        options());
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        job.start();
        long deadline = System.currentTimeMillis() + 60_000;
        while (job.isAlive() && System.currentTimeMillis() < deadline && (!Files.isDirectory(out)
                || outputs(out).isEmpty())) {
            Thread.sleep(5);
        }
        spark.sparkContext().cancelJobGroup("cancel-me");
        job.join();
        int before = Files.isDirectory(out) ? outputs(out).size() : 0;
        System.out.println("cancelled job: " + before + " of " + GOOD + " outputs written, "
                + (failure.get() == null ? "job had finished" : "job failed: " + failure.get().getClass().getName()));
        List<Row> rows = SparkTranslation.translate(spark, weights.toString(), inputs.toString(), out.toString(),
                options()).collectAsList();
        assertThat(rows.stream().filter(r -> !r.getAs("status").equals("failed")).count()).isEqualTo(GOOD);
        assertThat(rows.stream().filter(r -> r.getAs("status").equals("ok")).count()).isEqualTo(GOOD - before);
        Map<String, byte[]> written = outputs(out);
        Map<String, byte[]> expected = outputs(reference);
        assertThat(written.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((k, v) -> assertThat(written.get(k)).as(k).isEqualTo(v));
    }
}
