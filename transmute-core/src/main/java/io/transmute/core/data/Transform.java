package io.transmute.core.data;

import io.transmute.core.DataException;
import io.transmute.core.random.Rng;
import java.nio.file.Path;

/**
 * The reference's {@code get_params} and {@code get_transform}: resize or scale, crop, round to a multiple of
 * 4, flip, then normalise to [-1, 1]. Parameters are drawn once and applied to any number of images, which
 * is how aligned mode gives A and B the same crop and flip.
 */
final class Transform {
    private Transform() {
    }

    /**
     * @param x left of the crop
     * @param y top of the crop
     * @param flip whether to mirror (applied only without --no_flip)
     */
    record Params(int x, int y, boolean flip) {
    }

    /**
     * Draws the crop corner from the size the image will have after resizing, as {@code get_params} does, and
     * a flip; always three draws, so the stream stays aligned whatever the options.
     */
    static Params params(DataOptions o, int w, int h, Rng rng) {
        int newW = w;
        int newH = h;
        if (o.preprocess() == Preprocess.RESIZE_AND_CROP) {
            newW = o.loadSize();
            newH = o.loadSize();
        } else if (o.preprocess() == Preprocess.SCALE_WIDTH_AND_CROP) {
            newW = o.loadSize();
            newH = (int) ((long) o.loadSize() * h / w);
        }
        int x = rng.nextInt(Math.max(0, newW - o.cropSize()) + 1);
        int y = rng.nextInt(Math.max(0, newH - o.cropSize()) + 1);
        boolean flip = rng.nextDouble() > 0.5;
        return new Params(x, y, flip);
    }

    /** Geometry only (no normalisation); {@code path} names the file in errors. */
    static Picture apply(Picture p, DataOptions o, Params params, Path path) {
        Picture out = switch (o.preprocess()) {
            case RESIZE_AND_CROP -> crop(BicubicResampler.resize(p, o.loadSize(), o.loadSize()), params,
                    o.cropSize());
            case CROP -> crop(p, params, o.cropSize());
            case SCALE_WIDTH -> scaleWidth(p, o.loadSize(), o.cropSize());
            case SCALE_WIDTH_AND_CROP -> crop(scaleWidth(p, o.loadSize(), o.cropSize()), params, o.cropSize());
            case NONE -> multipleOf4(p, path);
        };
        return !o.noFlip() && params.flip() ? out.flipHorizontal() : out;
    }

    /** The reference's {@code __scale_width}: width to the target, height in proportion but at least crop_size. */
    static Picture scaleWidth(Picture p, int target, int cropSize) {
        if (p.width() == target && p.height() >= cropSize) {
            return p;
        }
        int h = (int) Math.max((double) target * p.height() / p.width(), cropSize);
        return BicubicResampler.resize(p, target, h);
    }

    /**
     * The reference's {@code __crop}: nothing when the image fits in the square, otherwise a crop_size square
     * that PIL fills with black where it runs past the image.
     */
    static Picture crop(Picture p, Params params, int size) {
        if (p.width() > size || p.height() > size) {
            return p.crop(params.x(), params.y(), size, size);
        }
        return p;
    }

    /** The reference's {@code __make_power_2} with base 4; Python's round() rounds halves to even, as rint. */
    static Picture multipleOf4(Picture p, Path path) {
        int w = (int) Math.rint(p.width() / 4.0) * 4;
        int h = (int) Math.rint(p.height() / 4.0) * 4;
        if (w == 0 || h == 0) {
            throw new UnreadableImageException(path, new DataException(path + ": " + p.width() + "x" + p.height()
                    + " is too small for --preprocess none, which needs at least 2x2"));
        }
        return BicubicResampler.resize(p, w, h);
    }

    /** ToTensor then Normalize(0.5, 0.5): float32 arithmetic in the same order as torchvision. */
    static ImagePlane normalize(Picture p) {
        float[] src = p.pixels();
        float[] out = new float[src.length];
        for (int i = 0; i < src.length; i++) {
            out[i] = (src[i] - 0.5f) / 0.5f;
        }
        return new ImagePlane(p.channels(), p.height(), p.width(), out);
    }

    /** Reads through the source, turning any decoder failure into one the loader can skip. */
    static Picture read(ImageSource source, Path path, int channels) {
        try {
            return source.read(path, channels);
        } catch (RuntimeException e) {
            throw e instanceof UnreadableImageException u ? u : new UnreadableImageException(path, e);
        }
    }
}
