package io.transmute.spark;

import io.transmute.core.DataException;
import io.transmute.core.InvalidOptionException;
import io.transmute.core.infer.InputFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Batch translation as a Spark job: inputs are read with the {@code binaryFile} source, each executor loads the
 * generator once ({@link ModelCache}) and translates its partitions, outputs are written atomically through the
 * Hadoop file-system API under the input's relative path, and a results table comes back (also saved as Parquet).
 */
public final class SparkTranslation {
    /** One row per input: what happened to it. */
    public static final StructType RESULT_SCHEMA = new StructType()
            .add("input", DataTypes.StringType, false)
            .add("output", DataTypes.StringType, true)
            .add("status", DataTypes.StringType, false)
            .add("error", DataTypes.StringType, true)
            .add("width", DataTypes.IntegerType, true)
            .add("height", DataTypes.IntegerType, true)
            .add("millis", DataTypes.LongType, false);

    private SparkTranslation() {
    }

    /**
     * Translates every image an input glob names.
     *
     * @param spark the session
     * @param weights generator weights (a local path or Hadoop URI), shipped to the executors with
     *     {@code addFile}
     * @param inputGlob a folder, or a folder followed by glob patterns such as {@code hdfs:///photos/*.jpg}; output
     *     paths keep the path relative to the part before the first pattern
     * @param outputDir the output folder (any Hadoop file system)
     * @param options what to do
     * @return the results table, as saved under {@link #resultsPath}
     */
    public static Dataset<Row> translate(SparkSession spark, String weights, String inputGlob, String outputDir,
            SparkTranslationOptions options) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        String root = globRoot(inputGlob);
        String rest = inputGlob.substring(root.length()).replaceAll("^/+", "");
        DataFrameReader reader = spark.read().format("binaryFile");
        String load;
        if (rest.isEmpty()) {
            load = root;
        } else if (!rest.contains("/")) {
            reader = reader.option("pathGlobFilter", rest);
            load = root;
        } else {
            load = inputGlob;
        }
        if (options.recursive() && load.equals(root)) {
            reader = reader.option("recursiveFileLookup", "true");
        }
        if (!exists(new Path(root), conf)) {
            throw new DataException(root + ": no such folder; check --input");
        }
        Dataset<Row> files = reader.load(load).select("path", "content");
        if (rest.isEmpty()) {
            Column[] ok = InputFiles.EXTENSIONS.stream().map(e -> functions.lower(functions.col("path"))
                    .endsWith("." + e)).toArray(Column[]::new);
            files = files.filter(Arrays.stream(ok).reduce(Column::or).orElseThrow());
        }
        return translate(spark, files, weights, root, outputDir, options);
    }

    /**
     * Translates the rows of a user's own dataset: a {@code path} column (a Hadoop path or URI of each input), and
     * optionally a {@code content} column of its bytes (as the {@code binaryFile} source gives); without it each
     * task reads the file.
     *
     * @param spark the session
     * @param inputs the rows to translate
     * @param weights generator weights
     * @param inputRoot the folder that output paths are made relative to; inputs outside it keep their name only
     * @param outputDir the output folder
     * @param options what to do
     * @return the results table, as saved under {@link #resultsPath}
     */
    public static Dataset<Row> translate(SparkSession spark, Dataset<Row> inputs, String weights, String inputRoot,
            String outputDir, SparkTranslationOptions options) {
        if (!Arrays.asList(inputs.columns()).contains("path")) {
            throw new InvalidOptionException("the input dataset needs a path column (and optionally content); it has "
                    + String.join(", ", inputs.columns()));
        }
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        Path w = new Path(weights);
        if (!exists(w, conf)) {
            throw new DataException(weights + ": no such weights file; check --weights");
        }
        String sha;
        try {
            sha = HadoopFiles.sha256(w, conf);
        } catch (IOException e) {
            throw new DataException(weights + ": cannot read the weights (" + e.getMessage() + ")");
        }
        String qualifiedWeights = qualified(w, conf);
        if (!spark.sparkContext().listFiles().contains(qualifiedWeights)) {
            spark.sparkContext().addFile(qualifiedWeights);
        }
        Map<String, String> settings = new HashMap<>();
        conf.forEach(e -> settings.put(e.getKey(), e.getValue()));
        String out = qualified(new Path(outputDir), conf);
        JobSpec job = new JobSpec(qualifiedWeights, w.getName(), sha, qualified(new Path(inputRoot), conf), out,
                options, settings);
        // checked on the driver before any task starts: bad weights are one error, not a failed task per executor
        // (in local mode the driver is the executor, so the model loaded here is the one the tasks use)
        PartitionTranslator partitions = new PartitionTranslator(job);
        partitions.model();
        Dataset<Row> cols = Arrays.asList(inputs.columns()).contains("content") ? inputs.select("path", "content")
                : inputs.select("path");
        Dataset<Row> results = cols.mapPartitions(partitions, Encoders.row(RESULT_SCHEMA));
        String table = resultsPath(outputDir, options);
        results.write().mode("overwrite").parquet(table);
        return spark.read().parquet(table);
    }

    /**
     * @param outputDir the output folder
     * @param options the options
     * @return where the results table is saved: the option, or {@code <output>/results.parquet}
     */
    public static String resultsPath(String outputDir, SparkTranslationOptions options) {
        return options.resultsPath() != null ? options.resultsPath()
                : outputDir.replaceAll("/+$", "") + "/results.parquet";
    }

    /** The part of a glob before its first pattern character, cut at a separator. */
    static String globRoot(String glob) {
        int first = -1;
        for (int i = 0; i < glob.length(); i++) {
            if ("*?[{".indexOf(glob.charAt(i)) >= 0) {
                first = i;
                break;
            }
        }
        if (first < 0) {
            return glob.replaceAll("/+$", "");
        }
        int slash = glob.lastIndexOf('/', first);
        return slash <= 0 ? (slash == 0 ? "/" : ".") : glob.substring(0, slash);
    }

    private static boolean exists(Path p, Configuration conf) {
        try {
            return p.getFileSystem(conf).exists(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String qualified(Path p, Configuration conf) {
        try {
            FileSystem fs = p.getFileSystem(conf);
            return fs.makeQualified(p).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
