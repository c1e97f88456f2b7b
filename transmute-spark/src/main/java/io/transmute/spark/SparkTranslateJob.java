package io.transmute.spark;

import io.transmute.core.InvalidOptionException;
import io.transmute.core.TransmuteException;
import io.transmute.core.torch.Precision;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Entry point for {@code spark-submit --class io.transmute.spark.SparkTranslateJob}: translates every image under
 * an input path or glob with the options of {@code transmute translate}, prints a summary, and exits 0 when every
 * input was translated or skipped, 4 when some failed (the results table says which), 2 for bad options and 3 for
 * bad weights or inputs.
 */
@Command(name = "transmute spark", mixinStandardHelpOptions = true,
        description = "Translate images on Apache Spark (local[*] unless spark-submit or --master says otherwise).")
public final class SparkTranslateJob implements Callable<Integer> {
    @Option(names = "--weights", required = true, paramLabel = "FILE",
            description = "Generator weights (.pth, .safetensors or TorchScript), local or any Hadoop URI.")
    private String weights;

    @Option(names = "--input", required = true, paramLabel = "PATH",
            description = "Folder or glob such as 'hdfs:///photos/*.jpg' (file-name patterns match in sub-folders).")
    private String input;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "Output folder.")
    private String output;

    @Option(names = "--format", paramLabel = "EXT", defaultValue = "png",
            description = "Output format: png, jpg, tif, bmp or same (default: ${DEFAULT-VALUE}).")
    private String format;

    @Option(names = "--eval", description = "Eval mode: batch norm uses running statistics, dropout off.")
    private boolean eval;

    @Option(names = "--no_dropout", description = "No dropout in train mode.")
    private boolean noDropout;

    @Option(names = "--batch_size", paramLabel = "N", defaultValue = "1", description = "Images per forward pass.")
    private int batchSize;

    @Option(names = "--dataset_mode", paramLabel = "MODE", defaultValue = "single",
            description = "single, or aligned (A and B side by side).")
    private String datasetMode;

    @Option(names = "--direction", paramLabel = "DIR", defaultValue = "AtoB",
            description = "With aligned inputs: AtoB translates the left half, BtoA the right.")
    private String direction;

    @Option(names = "--preprocess", paramLabel = "MODE", defaultValue = "pad",
            description = "pad (keep sizes), or the reference's resize_and_crop, scale_width, ... with the sizes.")
    private String preprocess;

    @Option(names = "--load_size", paramLabel = "N", defaultValue = "256", description = "--load_size.")
    private int loadSize;

    @Option(names = "--crop_size", paramLabel = "N", defaultValue = "256", description = "--crop_size.")
    private int cropSize;

    @Option(names = "--precision", paramLabel = "P", defaultValue = "float32",
            description = "float32, or bf16 (bfloat16: faster on CPUs with AMX or AVX-512 BF16, outputs within a few"
                    + " 8-bit levels of float32's), as translate --precision (default: ${DEFAULT-VALUE}).")
    private String precision;

    @Option(names = "--overwrite", description = "Translate again inputs whose output exists (default: skip them).")
    private boolean overwrite;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
            description = "libtorch threads per executor; 0 takes the executor's cores.")
    private int threads;

    @Option(names = "--results", paramLabel = "PATH",
            description = "Where the results table goes as Parquet (default: <output>/results.parquet).")
    private String results;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master when spark-submit gives none (default: local[*]).")
    private String master;

    @Option(names = "--verbose", description = "Stack traces on errors.")
    private boolean verbose;

    @Override
    public Integer call() {
        if (!datasetMode.equals("single") && !datasetMode.equals("aligned")) {
            throw new InvalidOptionException("--dataset_mode " + datasetMode + " must be single or aligned");
        }
        if (!direction.equals("AtoB") && !direction.equals("BtoA")) {
            throw new InvalidOptionException("--direction " + direction + " must be AtoB or BtoA");
        }
        boolean aligned = datasetMode.equals("aligned");
        SparkTranslationOptions options = new SparkTranslationOptions(format, eval, noDropout, aligned,
                aligned && direction.equals("BtoA"), preprocess, loadSize, cropSize, batchSize, overwrite, true,
                threads, results, Precision.parse(precision));
        SparkConf conf = new SparkConf();
        if (master != null) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        SparkSession spark = SparkSession.builder().appName("transmute translate").config(conf).getOrCreate();
        try {
            long t0 = System.nanoTime();
            Dataset<Row> table = SparkTranslation.translate(spark, weights, input, output, options);
            double seconds = (System.nanoTime() - t0) / 1e9;
            List<Row> counts = table.groupBy("status").count().collectAsList();
            long failed = 0;
            StringBuilder summary = new StringBuilder();
            for (Row r : counts) {
                summary.append(summary.length() == 0 ? "" : ", ").append(r.getLong(1)).append(' ')
                        .append(r.getString(0));
                if (r.getString(0).equals("failed")) {
                    failed = r.getLong(1);
                }
            }
            System.out.printf(java.util.Locale.ROOT, "%s in %.1f s (%.2f inputs/s); results in %s%n",
                    summary.length() == 0 ? "no inputs" : summary, seconds, table.count() / seconds,
                    SparkTranslation.resultsPath(output, options));
            if (failed > 0) {
                table.filter("status = 'failed'").select("error").limit(20).collectAsList()
                        .forEach(r -> System.err.println("failed: " + r.getString(0)));
            }
            return failed > 0 ? 4 : 0;
        } finally {
            spark.stop();
        }
    }

    /**
     * Builds the command line with Transmute's error handling: one-line errors, stack traces with --verbose.
     *
     * @return the command line
     */
    static CommandLine commandLine() {
        SparkTranslateJob job = new SparkTranslateJob();
        CommandLine cl = new CommandLine(job);
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            if (job.verbose) {
                ex.printStackTrace(c.getErr());
            }
            if (ex instanceof TransmuteException) {
                c.getErr().println("error: " + ex.getMessage());
                return ex instanceof InvalidOptionException ? 2 : 3;
            }
            c.getErr().println("error: " + ex + (job.verbose ? "" : " (rerun with --verbose for details)"));
            return 1;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            ex.getCommandLine().getErr().println("error: " + ex.getMessage());
            ex.getCommandLine().getErr().println("Run 'transmute spark --help' for usage.");
            return 2;
        });
        cl.setErr(new PrintWriter(System.err, true));
        return cl;
    }

    /**
     * Runs the job and exits with its code.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
