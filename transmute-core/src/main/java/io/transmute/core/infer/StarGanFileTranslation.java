package io.transmute.core.infer;

import io.transmute.core.DataException;
import io.transmute.core.InvalidOptionException;
import io.transmute.core.TransmuteException;
import io.transmute.core.infer.FileTranslation.Result;
import io.transmute.core.infer.InputFiles.InputFile;
import io.transmute.core.io.ImageCodec;
import io.transmute.core.io.ImageData;
import io.transmute.core.io.Npy;
import io.transmute.core.io.TensorData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Translates image files with a StarGAN generator into an output folder: each input to one target label set
 * ({@code <stem>.<format>}), or to the reference's test grid ({@code <stem>_grid.<format>}). A file that fails
 * is recorded and the rest go on.
 */
public final class StarGanFileTranslation {
    private final StarGanTranslator translator;
    private final Path outputDir;
    private final String format;
    private final float[] labels;
    private final boolean grid;
    private final ImageTransform transform;

    /**
     * @param translator the loaded generator
     * @param outputDir where outputs go (relative input paths are kept)
     * @param format output extension ({@code png}, {@code jpg}, {@code tif}, {@code bmp}) or {@code same}
     * @param labels the target labels; with {@code grid}, the inputs' own labels, which {@code create_labels}
     *     flips one at a time
     * @param grid write the input and one translation per target side by side instead of one translation
     */
    public StarGanFileTranslation(StarGanTranslator translator, Path outputDir, String format, float[] labels,
            boolean grid) {
        this(translator, outputDir, format, labels, grid, null);
    }

    /**
     * @param translator the loaded generator
     * @param outputDir where outputs go (relative input paths are kept)
     * @param format output extension ({@code png}, {@code jpg}, {@code tif}, {@code bmp}) or {@code same}
     * @param labels the target labels; with {@code grid}, the inputs' own labels
     * @param grid write the input and one translation per target side by side instead of one translation
     * @param transform test-time preprocessing of images (not of {@code .npy} arrays), or null to translate each
     *     image whole at its own size
     */
    public StarGanFileTranslation(StarGanTranslator translator, Path outputDir, String format, float[] labels,
            boolean grid, ImageTransform transform) {
        String f = format.toLowerCase(Locale.ROOT);
        if (!f.equals("same") && !ImageCodec.EXTENSIONS.contains(f)) {
            throw new InvalidOptionException("--format " + format + " is not an image format; use one of "
                    + String.join(", ", ImageCodec.EXTENSIONS) + " or same");
        }
        if (labels.length != translator.cDim()) {
            throw new InvalidOptionException(labels.length + " labels but " + translator.source() + " takes "
                    + translator.cDim());
        }
        this.translator = translator;
        this.outputDir = outputDir;
        this.format = f;
        this.labels = labels.clone();
        this.grid = grid;
        this.transform = transform;
    }

    /**
     * @param in an input
     * @return where its output goes: its relative path under the output folder, {@code _grid} added for grids
     */
    public Path target(InputFile in) {
        String ext = in.isArray() ? "npy" : format.equals("same") ? InputFiles.extension(in.path()) : format;
        Path relative = InputFiles.withExtension(in.relative(), ext);
        if (grid) {
            String name = relative.getFileName().toString();
            String stem = name.substring(0, name.length() - ext.length() - 1);
            relative = relative.resolveSibling(stem + "_grid." + ext);
        }
        return outputDir.resolve(relative);
    }

    /**
     * Checks every output before anything is computed (see {@link OutputPlan#check}).
     *
     * @param inputs the inputs
     * @param overwrite allow an output folder equal to or inside an input folder
     */
    public void checkOutputs(List<InputFile> inputs, boolean overwrite) {
        OutputPlan.check(inputs, outputDir, this::target, overwrite);
    }

    /**
     * Translates every input, reporting each result as it completes.
     *
     * @param inputs files from {@link InputFiles#expand}
     * @param onResult called once per input, in order
     * @return all results
     */
    public List<Result> run(List<InputFile> inputs, Consumer<Result> onResult) {
        List<Result> results = new ArrayList<>();
        for (InputFile in : inputs) {
            Result r;
            try {
                r = new Result(in, translate(in), null);
            } catch (InvalidOptionException e) {
                r = new Result(in, null, in.path() + ": " + e.getMessage());
            } catch (TransmuteException e) {
                r = new Result(in, null, e.getMessage());
            }
            results.add(r);
            onResult.accept(r);
        }
        return results;
    }

    /** A CHW or 1×CHW float array in [-1, 1] to the same shape, unquantised. */
    private Path translateArray(InputFile in) {
        if (grid) {
            throw new InvalidOptionException("--grid writes images; give image files, or drop --grid for .npy");
        }
        TensorData x = Npy.read(in.path());
        long[] shape = x.shape();
        boolean chw = shape.length == 3;
        if (!x.dtype().isFloatingPoint() || !(chw || shape.length == 4 && shape[0] == 1)
                || shape[shape.length - 3] != 3) {
            throw new DataException(in.path() + ": array " + x.dtype() + " " + java.util.Arrays.toString(shape)
                    + "; a StarGAN generator takes float values in [-1, 1] of shape [3, H, W] or [1, 3, H, W]");
        }
        int h = Math.toIntExact(shape[shape.length - 2]);
        int w = Math.toIntExact(shape[shape.length - 1]);
        float[] values = x.toFloats();
        for (float v : values) {
            if (!Float.isFinite(v)) {
                throw new DataException(in.path() + ": holds NaN or infinite values; give finite float values in"
                        + " [-1, 1]");
            }
        }
        ImageData out = translator.translate(new ImageData(3, h, w, values, null, 8), labels);
        Path target = target(in);
        Npy.write(target, TensorData.ofFloats(out.planes(), shape));
        return target;
    }

    private Path translate(InputFile in) {
        if (in.isArray()) {
            return translateArray(in);
        }
        ImageData read = ImageCodec.read(in.path(), 3);
        ImageData image = transform == null ? read : transform.apply(read, in.path());
        Path target = target(in);
        String ext = InputFiles.extension(target);
        if (grid) {
            ImageCodec.write(target, translator.grid(image, labels));
            return target;
        }
        ImageData out = translator.translate(image, labels);
        boolean sixteen = out.bitDepth() == 16 && (ext.equals("png") || ext.startsWith("tif"));
        ImageCodec.write(target, sixteen ? out : new ImageData(3, out.height(), out.width(), out.planes(),
                out.alpha(), 8));
        return target;
    }
}
