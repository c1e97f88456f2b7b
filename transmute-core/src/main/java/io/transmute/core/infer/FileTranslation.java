package io.transmute.core.infer;

import io.transmute.core.DataException;
import io.transmute.core.InvalidOptionException;
import io.transmute.core.TransmuteException;
import io.transmute.core.data.Picture;
import io.transmute.core.data.Preprocess;
import io.transmute.core.data.TestTimeTransform;
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
 * Translates files into an output folder: images to images, {@code .npy} arrays to arrays. A file that fails
 * is recorded and the rest go on; same-sized images share a forward pass up to the batch size.
 */
public final class FileTranslation {
    private final Translator translator;
    private final Path outputDir;
    private final String imageFormat;
    private final ImageLayout layout;
    private final Resize resize;
    private final Tiling tiling;

    /**
     * Optional test-time preprocessing as the reference applies it; without it images keep their size (they are
     * padded to what the network needs and cropped back).
     *
     * @param mode the reference's {@code --preprocess}
     * @param loadSize {@code --load_size}
     * @param cropSize {@code --crop_size}
     */
    public record Resize(Preprocess mode, int loadSize, int cropSize) implements ImageTransform {
        /** Checks the sizes. */
        public Resize {
            if (loadSize < 1 || cropSize < 1) {
                throw new InvalidOptionException("--load_size and --crop_size must be at least 1, got " + loadSize
                        + " and " + cropSize);
            }
        }

        @Override
        public ImageData apply(ImageData img, Path file) {
            Picture p = TestTimeTransform.apply(unit(img), mode, loadSize, cropSize, file);
            // alpha has no meaning after a resize and crop of the colour planes, so it is dropped
            return new ImageData(p.channels(), p.height(), p.width(), TestTimeTransform.normalized(p), null,
                    img.bitDepth());
        }

        @Override
        public String describe() {
            return mode.cliName() + " (load_size " + loadSize + ", crop_size " + cropSize + ")";
        }

        /** An image's planes mapped from [-1, 1] back to the [0, 1] samples the transforms work on. */
        static Picture unit(ImageData img) {
            float[] unit = new float[img.planes().length];
            for (int i = 0; i < unit.length; i++) {
                unit[i] = (img.planes()[i] + 1f) / 2f;
            }
            return new Picture(img.channels(), img.width(), img.height(), unit, img.bitDepth());
        }
    }

    /**
     * How input images are laid out.
     *
     * @param aligned input images hold A and B side by side (the reference {@code aligned} dataset mode)
     * @param takeRightHalf with {@code aligned}, use the right half (B) as input, as {@code --direction BtoA}
     */
    public record ImageLayout(boolean aligned, boolean takeRightHalf) {
        /** Whole images as input. */
        public static final ImageLayout SINGLE = new ImageLayout(false, false);
    }

    /**
     * What happened to one input.
     *
     * @param input the input
     * @param output the file written, or null
     * @param error why nothing was written, or null
     * @param warning something the user should know about an output that was written, or null
     */
    public record Result(InputFile input, Path output, String error, String warning) {
        /**
         * A result without warning.
         *
         * @param input the input
         * @param output the file written, or null
         * @param error why nothing was written, or null
         */
        public Result(InputFile input, Path output, String error) {
            this(input, output, error, null);
        }

        /** @return true when the output was written */
        public boolean ok() {
            return error == null;
        }
    }

    /**
     * @param translator the loaded generator
     * @param outputDir where outputs go (relative input paths are kept)
     * @param imageFormat output extension for images ({@code png}, {@code jpg}, {@code tif}, {@code bmp}), or
     *     {@code same} for the input's own
     * @param layout how inputs are laid out
     * @param resize test-time preprocessing, or null to keep every image's size
     */
    public FileTranslation(Translator translator, Path outputDir, String imageFormat, ImageLayout layout,
            Resize resize) {
        this(translator, outputDir, imageFormat, layout, resize, Tiling.automatic());
    }

    /**
     * @param translator the loaded generator
     * @param outputDir where outputs go (relative input paths are kept)
     * @param imageFormat output extension for images, or {@code same} for the input's own
     * @param layout how inputs are laid out
     * @param resize test-time preprocessing, or null to keep every image's size
     * @param tiling when images are translated in tiles
     */
    public FileTranslation(Translator translator, Path outputDir, String imageFormat, ImageLayout layout,
            Resize resize, Tiling tiling) {
        String f = imageFormat.toLowerCase(Locale.ROOT);
        if (!f.equals("same") && !ImageCodec.EXTENSIONS.contains(f)) {
            throw new InvalidOptionException("--format " + imageFormat + " is not an image format; use one of "
                    + String.join(", ", ImageCodec.EXTENSIONS) + " or same");
        }
        if (translator.outputChannels() != 1 && translator.outputChannels() != 3) {
            // N-channel outputs have no image form; arrays still work
            f = "npy";
        }
        this.translator = translator;
        this.outputDir = outputDir;
        this.imageFormat = f;
        this.layout = layout;
        this.resize = resize;
        this.tiling = tiling;
    }

    /**
     * @param in an input
     * @return where its output goes: its relative path under the output folder, with the output extension
     */
    public Path target(InputFile in) {
        String ext = in.isArray() || imageFormat.equals("npy") ? "npy"
                : imageFormat.equals("same") ? InputFiles.extension(in.path()) : imageFormat;
        return outputDir.resolve(InputFiles.withExtension(in.relative(), ext));
    }

    /**
     * Checks every output before anything is computed (see {@link OutputPlan#check}).
     *
     * @param inputs the inputs
     * @param overwrite allow an output folder equal to or inside an input folder
     * @throws InvalidOptionException when two inputs would share an output, an output would replace an input,
     *     or the output folder is a file or lies in an input folder without {@code overwrite}
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
        List<Pending> batch = new ArrayList<>();
        int batchSize = translator.options().batchSize();
        for (InputFile in : inputs) {
            if (in.isArray()) {
                flush(batch, results, onResult);
                String[] warning = new String[1];
                Result r = guard(in, () -> translateArray(in, warning));
                if (r.ok() && warning[0] != null) {
                    r = new Result(in, r.output(), null, warning[0]);
                }
                results.add(r);
                onResult.accept(r);
                continue;
            }
            ImageData img;
            try {
                img = resized(prepare(ImageCodec.read(in.path(), readChannels()), in), in);
            } catch (TransmuteException e) {
                Result r = new Result(in, null, e.getMessage());
                results.add(r);
                onResult.accept(r);
                continue;
            }
            int tile;
            try {
                tile = tileFor(in, img.height(), img.width());
            } catch (TransmuteException e) {
                Result r = new Result(in, null, e.getMessage());
                results.add(r);
                onResult.accept(r);
                continue;
            }
            if (tile > 0) {
                flush(batch, results, onResult);
                ImageData image = img;
                Result r = guard(in, () -> writeTiled(in, image, tile));
                if (r.ok() && perImageStatistics() != null) {
                    r = new Result(in, r.output(), null, in.path() + ": translated in tiles of " + tile + " px; its "
                            + perImageStatistics() + " normalises each tile on its own, so tones may shift between"
                            + " tiles");
                } else if (r.ok() && tiling.tile() == 0) {
                    r = new Result(in, r.output(), null, in.path() + ": translated in tiles of " + tile + " px to"
                            + " stay under --max_memory " + Tiling.format(tiling.maxMemory()));
                }
                results.add(r);
                onResult.accept(r);
                continue;
            }
            if (!batch.isEmpty() && (batch.get(0).image.height() != img.height()
                    || batch.get(0).image.width() != img.width())) {
                flush(batch, results, onResult);
            }
            batch.add(new Pending(in, img));
            if (batch.size() >= batchSize) {
                flush(batch, results, onResult);
            }
        }
        flush(batch, results, onResult);
        return results;
    }

    /** @return what makes the generator's output depend on the whole image's statistics, or null for nothing */
    private String perImageStatistics() {
        if (translator.spec() == null) {
            return "TorchScript archive, whose layers are unknown,";
        }
        return switch (translator.spec().norm()) {
            case INSTANCE -> "instance norm";
            case BATCH -> translator.options().eval() ? null : "train-mode batch norm (translate without --eval)";
            case NONE -> null;
        };
    }

    /**
     * The tile side for an image, or 0 to translate it whole: the given {@code --tile} for an image larger than
     * it; else, for an image whose forward pass would not fit in {@code --max_memory}, the largest tile that does
     * (a generator that normalises per image is refused instead, since its tiles would not match the whole).
     */
    int tileFor(InputFile in, int height, int width) {
        long m = translator.sizeMultiple();
        if (tiling.tile() > 0) {
            int t = (int) Math.max(m, tiling.tile() / m * m);
            return height > t || width > t ? t : 0;
        }
        if (translator.spec() == null) {
            // a TorchScript archive's layers, and so its memory, are unknown: whole unless --tile asks otherwise
            return 0;
        }
        long need = MemoryEstimate.bytes(translator.spec(), m, height, width);
        if (need <= tiling.maxMemory()) {
            return 0;
        }
        long perPixel = MemoryEstimate.bytesPerPixel(translator.spec());
        long side = (long) Math.sqrt(Math.max(0, tiling.maxMemory() - MemoryEstimate.BASE) / (double) perPixel);
        int t = (int) Math.min(Integer.MAX_VALUE, side / m * m);
        String what = in.path() + ": " + width + "x" + height + " needs about " + Tiling.format(need)
                + " to translate at once, over --max_memory " + Tiling.format(tiling.maxMemory());
        if (t < m || t <= 2 * tiling.overlap()) {
            throw new DataException(what + ", and even one " + m + "-pixel tile would not fit; raise --max_memory");
        }
        String stats = perImageStatistics();
        if (stats != null) {
            throw new DataException(what + "; its " + stats + " uses per-image statistics, so tiles would not match"
                    + " the whole image: add --tile " + t + " to translate in tiles anyway, or raise --max_memory");
        }
        return t;
    }

    private Path writeTiled(InputFile in, ImageData img, int tile) {
        float[] planes = TiledTranslation.translate(translator, img.planes(), img.channels(), img.height(),
                img.width(), tile, tiling.overlap());
        return writeImage(new Pending(in, img), translator.outputChannels(), planes);
    }

    private int readChannels() {
        int c = translator.inputChannels();
        if (c != 1 && c != 3) {
            throw new InvalidOptionException(translator.source() + " expects " + c + " input channels, which no"
                    + " image format holds; give the inputs as .npy arrays (CHW or NCHW, float32 in [-1, 1])");
        }
        return c;
    }

    private ImageData prepare(ImageData img, InputFile in) {
        return layout.aligned() ? half(img, layout.takeRightHalf(), in.path()) : img;
    }

    /**
     * One side of an aligned pair, A and B side by side as the reference {@code aligned} dataset mode holds them.
     *
     * @param img the whole image
     * @param right the right half (B) instead of the left (A)
     * @param source the file it came from, for the error
     * @return the half, with its alpha if any
     * @throws DataException for an image too narrow to hold two halves
     */
    public static ImageData half(ImageData img, boolean right, Path source) {
        int half = img.width() / 2;
        if (half < 1) {
            throw new DataException(source + ": " + img.width() + " pixels wide, too narrow to hold A and B side by"
                    + " side; drop --dataset_mode aligned");
        }
        int x0 = right ? half : 0;
        float[] planes = new float[img.channels() * img.height() * half];
        float[] alpha = img.hasAlpha() ? new float[img.height() * half] : null;
        for (int c = 0; c < img.channels(); c++) {
            for (int y = 0; y < img.height(); y++) {
                System.arraycopy(img.planes(), (c * img.height() + y) * img.width() + x0, planes,
                        (c * img.height() + y) * half, half);
            }
        }
        if (alpha != null) {
            for (int y = 0; y < img.height(); y++) {
                System.arraycopy(img.alpha(), y * img.width() + x0, alpha, y * half, half);
            }
        }
        return new ImageData(img.channels(), img.height(), half, planes, alpha, img.bitDepth());
    }

    private ImageData resized(ImageData img, InputFile in) {
        return resize == null ? img : resize.apply(img, in.path());
    }

    private record Pending(InputFile input, ImageData image) {
    }

    private void flush(List<Pending> batch, List<Result> results, Consumer<Result> onResult) {
        if (batch.isEmpty()) {
            return;
        }
        List<Result> done = new ArrayList<>();
        try {
            ImageData first = batch.get(0).image;
            int c = first.channels();
            int per = c * first.height() * first.width();
            float[] all = new float[per * batch.size()];
            for (int i = 0; i < batch.size(); i++) {
                System.arraycopy(batch.get(i).image.planes(), 0, all, i * per, per);
            }
            TensorData out = translator.translate(TensorData.ofFloats(all, batch.size(), c, first.height(),
                    first.width()));
            float[] values = out.toFloats();
            int oc = translator.outputChannels();
            int outPer = oc * first.height() * first.width();
            for (int i = 0; i < batch.size(); i++) {
                Pending p = batch.get(i);
                float[] planes = java.util.Arrays.copyOfRange(values, i * outPer, (i + 1) * outPer);
                done.add(guard(p.input, () -> writeImage(p, oc, planes)));
            }
        } catch (TransmuteException e) {
            for (Pending p : batch) {
                done.add(new Result(p.input, null, e.getMessage()));
            }
        }
        batch.clear();
        for (Result r : done) {
            results.add(r);
            onResult.accept(r);
        }
    }

    private Path writeImage(Pending p, int outChannels, float[] planes) {
        Path target = target(p.input);
        if (imageFormat.equals("npy")) {
            Npy.write(target, TensorData.ofFloats(planes, outChannels, p.image.height(), p.image.width()));
            return target;
        }
        String ext = InputFiles.extension(target);
        boolean sixteen = p.image.bitDepth() == 16 && (ext.equals("png") || ext.startsWith("tif"));
        ImageData out = new ImageData(outChannels, p.image.height(), p.image.width(), planes, p.image.alpha(),
                sixteen ? 16 : 8);
        ImageCodec.write(target, out);
        return target;
    }

    private Path translateArray(InputFile in, String[] warning) {
        TensorData x = Npy.read(in.path());
        if (!x.dtype().isFloatingPoint()) {
            throw new DataException(in.path() + ": array of " + x.dtype() + "; give float32 values in [-1, 1]");
        }
        warning[0] = checkRange(in.path(), x.toFloats());
        TensorData y = translator.translate(x);
        Path target = target(in);
        Npy.write(target, y);
        return target;
    }

    /**
     * NaN or infinite values make the whole output garbage, so they are an error; values outside the [-1, 1]
     * the generator was trained on still translate, but the user should know.
     */
    static String checkRange(Path file, float[] values) {
        long outside = 0;
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : values) {
            if (!Float.isFinite(v)) {
                throw new DataException(file + ": holds NaN or infinite values; give finite float values in"
                        + " [-1, 1]");
            }
            if (v < -1f || v > 1f) {
                outside++;
            }
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return outside == 0 ? null : String.format(Locale.ROOT, "%s: %d of %d values lie outside [-1, 1] (range"
                + " %.4g to %.4g); the generator was trained on [-1, 1], so scale the input (x / 127.5 - 1 for"
                + " 8-bit data)", file, outside, values.length, min, max);
    }

    private interface Work {
        Path run();
    }

    private static Result guard(InputFile in, Work work) {
        try {
            return new Result(in, work.run(), null);
        } catch (InvalidOptionException e) {
            return new Result(in, null, in.path() + ": " + e.getMessage());
        } catch (TransmuteException e) {
            return new Result(in, null, e.getMessage());
        }
    }
}
