package io.transmute.spark;

import io.transmute.core.InvalidOptionException;
import io.transmute.core.data.Preprocess;
import io.transmute.core.io.ImageCodec;
import io.transmute.core.torch.Precision;
import java.io.Serializable;
import java.util.Locale;

/**
 * What a Spark translation job does, with the meaning of the matching {@code transmute translate} options. Sent to
 * the executors with every task, so it holds plain values only.
 *
 * @param format output extension ({@code png}, {@code jpg}, {@code tif}, {@code bmp}) or {@code same}
 * @param eval eval mode (batch norm running statistics, no dropout), as {@code --eval}
 * @param noDropout no dropout in train mode, as {@code --no_dropout}
 * @param aligned inputs hold A and B side by side ({@code --dataset_mode aligned})
 * @param bToA with {@code aligned}, translate the right half ({@code --direction BtoA})
 * @param preprocess {@code --preprocess} name; {@code pad} (the default) keeps every image's size
 * @param loadSize {@code --load_size}
 * @param cropSize {@code --crop_size}
 * @param batchSize images per forward pass ({@code --batch_size})
 * @param overwrite translate again inputs whose output exists
 * @param recursive find inputs in sub-folders of the input root
 * @param threads libtorch intra-op threads per executor; 0 takes the executor's cores
 * @param resultsPath where the results table goes as Parquet; null: {@code <output>/results.parquet}
 * @param precision the number format the generator computes in ({@code --precision}); null: float32
 */
public record SparkTranslationOptions(String format, boolean eval, boolean noDropout, boolean aligned, boolean bToA,
        String preprocess, int loadSize, int cropSize, int batchSize, boolean overwrite, boolean recursive,
        int threads, String resultsPath, Precision precision) implements Serializable {
    /** Checks the values on the driver, before any task starts. */
    public SparkTranslationOptions {
        format = format.toLowerCase(Locale.ROOT);
        precision = precision == null ? Precision.FLOAT32 : precision;
        if (!format.equals("same") && !ImageCodec.EXTENSIONS.contains(format)) {
            throw new InvalidOptionException("--format " + format + " is not an image format; use one of "
                    + String.join(", ", ImageCodec.EXTENSIONS) + " or same");
        }
        if (batchSize < 1) {
            throw new InvalidOptionException("--batch_size " + batchSize + " must be at least 1");
        }
        if (threads < 0) {
            throw new InvalidOptionException("--threads must be 0 (the executor's cores) or more, got " + threads);
        }
        if (!preprocess.equals("pad")) {
            Preprocess.fromCliName(preprocess);
        }
        if (bToA && !aligned) {
            throw new InvalidOptionException("--direction BtoA needs --dataset_mode aligned");
        }
    }

    /** @return PNG outputs, train mode as the reference test script, sizes kept, batch 1, existing outputs kept */
    public static SparkTranslationOptions defaults() {
        return new SparkTranslationOptions("png", false, false, false, false, "pad", 256, 256, 1, false, true, 0,
                null, Precision.FLOAT32);
    }

    /**
     * @param e eval mode
     * @return a copy with eval mode set
     */
    public SparkTranslationOptions withEval(boolean e) {
        return new SparkTranslationOptions(format, e, noDropout, aligned, bToA, preprocess, loadSize, cropSize,
                batchSize, overwrite, recursive, threads, resultsPath, precision);
    }

    /**
     * @param o translate again inputs whose output exists
     * @return a copy with overwrite set
     */
    public SparkTranslationOptions withOverwrite(boolean o) {
        return new SparkTranslationOptions(format, eval, noDropout, aligned, bToA, preprocess, loadSize, cropSize,
                batchSize, o, recursive, threads, resultsPath, precision);
    }

    /**
     * @param p the number format
     * @return a copy computing in {@code p}
     */
    public SparkTranslationOptions withPrecision(Precision p) {
        return new SparkTranslationOptions(format, eval, noDropout, aligned, bToA, preprocess, loadSize, cropSize,
                batchSize, overwrite, recursive, threads, resultsPath, p);
    }

    /**
     * @param f output extension or {@code same}
     * @return a copy with the output format set
     */
    public SparkTranslationOptions withFormat(String f) {
        return new SparkTranslationOptions(f, eval, noDropout, aligned, bToA, preprocess, loadSize, cropSize,
                batchSize, overwrite, recursive, threads, resultsPath, precision);
    }
}
