package io.transmute.spark;

import io.transmute.core.DataException;
import io.transmute.core.InvalidOptionException;
import io.transmute.core.TransmuteException;
import io.transmute.core.data.Preprocess;
import io.transmute.core.infer.FileTranslation;
import io.transmute.core.infer.FileTranslation.ImageLayout;
import io.transmute.core.infer.InputFiles;
import io.transmute.core.infer.InputFiles.InputFile;
import io.transmute.core.infer.Translator;
import io.transmute.core.infer.TranslatorOptions;
import io.transmute.core.nn.GivenGeneratorOptions;
import io.transmute.core.torch.Device;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.SparkEnv;
import org.apache.spark.SparkFiles;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Translates one partition of input rows ({@code path}, and {@code content} bytes when present) into result rows
 * of {@link SparkTranslation#RESULT_SCHEMA}. Decoding, preprocessing, the forward pass and encoding are core's
 * {@link FileTranslation}, run on local copies, so every output equals what {@code transmute translate} writes.
 */
final class PartitionTranslator implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final JobSpec job;

    PartitionTranslator(JobSpec job) {
        this.job = job;
    }

    private record Pending(String input, InputFile local, org.apache.hadoop.fs.Path target) {
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) throws IOException {
        Configuration conf = HadoopFiles.configuration(job.hadoopConf());
        SparkTranslationOptions o = job.options();
        List<Row> out = new ArrayList<>();
        Path work = Files.createTempDirectory("transmute-spark-");
        try {
            Translator translator = null;
            List<Pending> chunk = new ArrayList<>();
            boolean hasContent = false;
            boolean checked = false;
            int n = 0;
            while (rows.hasNext()) {
                Row row = rows.next();
                if (!checked) {
                    hasContent = Arrays.asList(row.schema().fieldNames()).contains("content");
                    checked = true;
                }
                String input = row.getAs("path");
                if (translator == null) {
                    translator = model();
                }
                String relative = relative(input);
                org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(job.outputDir() + "/"
                        + InputFiles.withExtension(Path.of(relative), extension(relative, translator)));
                FileSystem fs = target.getFileSystem(conf);
                if (!o.overwrite() && fs.exists(target)) {
                    out.add(RowFactory.create(input, target.toString(), "skipped", null, null, null, 0L));
                    continue;
                }
                Path local = work.resolve("in").resolve(String.valueOf(n++)).resolve(relative);
                try {
                    Files.createDirectories(local.getParent());
                    byte[] bytes = hasContent ? row.getAs("content")
                            : HadoopFiles.readAll(new org.apache.hadoop.fs.Path(input), conf);
                    Files.write(local, bytes);
                } catch (IOException | UncheckedIOException e) {
                    out.add(RowFactory.create(input, null, "failed", input + ": cannot read (" + e.getMessage() + ")",
                            null, null, 0L));
                    continue;
                }
                chunk.add(new Pending(input, new InputFile(local, Path.of(relative), null), target));
                if (chunk.size() >= o.batchSize()) {
                    translate(translator, chunk, work, conf, out);
                }
            }
            translate(translator, chunk, work, conf, out);
        } finally {
            deleteTree(work);
        }
        return out.iterator();
    }

    /**
     * @return this JVM's generator for the job, loaded on first use; a bad checkpoint is a one-line error that
     *     names the weights as the user gave them
     */
    Translator model() {
        SparkTranslationOptions o = job.options();
        TranslatorOptions t = new TranslatorOptions(Device.CPU, o.eval(), o.noDropout() ? Boolean.FALSE : null,
                GivenGeneratorOptions.NONE, o.batchSize(), o.precision());
        Path[] local = new Path[1];
        try {
            return ModelCache.get(job.weightsSha256(), t, () -> local[0] = localWeights(), threads()).translator();
        } catch (InvalidOptionException e) {
            throw new InvalidOptionException(named(e.getMessage(), local[0]));
        } catch (TransmuteException e) {
            throw new DataException(named(e.getMessage(), local[0]));
        }
    }

    private String named(String message, Path local) {
        return local == null || message == null ? message : message.replace(local.toString(), job.weights());
    }

    /** Shipped by {@code addFile} to every executor, or else (a shared path) read where it lies. */
    private Path localWeights() {
        try {
            Path shipped = Path.of(SparkFiles.get(job.weightsName()));
            if (Files.isRegularFile(shipped)) {
                return shipped;
            }
        } catch (RuntimeException e) {
            // no SparkContext files in this JVM: fall through to the path itself
        }
        org.apache.hadoop.fs.Path w = new org.apache.hadoop.fs.Path(job.weights());
        try {
            Path local = Files.createTempDirectory("transmute-weights-").resolve(job.weightsName());
            Files.write(local, HadoopFiles.readAll(w, HadoopFiles.configuration(job.hadoopConf())));
            return local;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One forward pass at a time per JVM uses all the executor's cores; the other task threads meanwhile read,
     * decode and write, so the cores are not oversubscribed.
     */
    private int threads() {
        if (job.options().threads() > 0) {
            return job.options().threads();
        }
        SparkEnv env = SparkEnv.get();
        int cores = Runtime.getRuntime().availableProcessors();
        if (env != null) {
            String master = env.conf().get("spark.master", "");
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("local\\[(\\d+)(,\\d+)?]").matcher(master);
            if (m.matches()) {
                cores = Math.min(cores, Integer.parseInt(m.group(1)));
            } else if (env.conf().contains("spark.executor.cores")) {
                cores = env.conf().getInt("spark.executor.cores", cores);
            }
        }
        return Math.max(1, cores);
    }

    private String relative(String input) {
        String path = new org.apache.hadoop.fs.Path(input).toUri().getPath();
        String root = new org.apache.hadoop.fs.Path(job.inputRoot()).toUri().getPath();
        String prefix = root.endsWith("/") ? root : root + "/";
        return path.startsWith(prefix) ? path.substring(prefix.length()) : new org.apache.hadoop.fs.Path(input)
                .getName();
    }

    private String extension(String relative, Translator translator) {
        String ext = InputFiles.extension(Path.of(relative));
        if (ext.equals("npy") || (translator.outputChannels() != 1 && translator.outputChannels() != 3)) {
            return "npy";
        }
        return job.options().format().equals("same") ? ext : job.options().format();
    }

    private void translate(Translator translator, List<Pending> chunk, Path work, Configuration conf, List<Row> out)
            throws IOException {
        if (chunk.isEmpty()) {
            return;
        }
        SparkTranslationOptions o = job.options();
        Path outDir = work.resolve("out");
        FileTranslation ft = new FileTranslation(translator, outDir, o.format(), new ImageLayout(o.aligned(),
                o.bToA()), o.preprocess().equals("pad") ? null
                : new FileTranslation.Resize(Preprocess.fromCliName(o.preprocess()), o.loadSize(), o.cropSize()));
        long t0 = System.nanoTime();
        List<FileTranslation.Result> results;
        synchronized (translator) {
            results = ft.run(chunk.stream().map(Pending::local).toList(), r -> { });
        }
        long each = (System.nanoTime() - t0) / 1_000_000 / chunk.size();
        for (int i = 0; i < chunk.size(); i++) {
            Pending p = chunk.get(i);
            FileTranslation.Result r = results.get(i);
            if (!r.ok()) {
                String msg = r.error().replace(p.local().path().toString(), p.input());
                out.add(RowFactory.create(p.input(), null, "failed", msg, null, null, each));
                continue;
            }
            long t1 = System.nanoTime();
            int[] size = imageSize(r.output().toFile());
            try {
                HadoopFiles.publish(r.output(), p.target(), conf);
            } catch (IOException e) {
                out.add(RowFactory.create(p.input(), null, "failed", p.target() + ": cannot write ("
                        + e.getMessage() + ")", null, null, each));
                continue;
            } finally {
                Files.deleteIfExists(r.output());
                Files.deleteIfExists(p.local().path());
            }
            long ms = each + (System.nanoTime() - t1) / 1_000_000;
            out.add(RowFactory.create(p.input(), p.target().toString(), "ok", null, size == null ? null : size[0],
                    size == null ? null : size[1], ms));
        }
        chunk.clear();
    }

    private static int[] imageSize(File f) {
        try (ImageInputStream in = ImageIO.createImageInputStream(f)) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                return new int[] {reader.getWidth(0), reader.getHeight(0)};
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            return null;
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
