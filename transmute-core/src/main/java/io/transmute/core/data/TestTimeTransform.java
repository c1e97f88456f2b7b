package io.transmute.core.data;

import java.nio.file.Path;

/**
 * The reference's test-time preprocessing ({@code get_transform} with {@code no_flip}) for translating single
 * images: resize or scale the width, then crop. Crops are centred, so the same image always gives the same
 * output (the reference draws the crop corner at random even at test time).
 */
public final class TestTimeTransform {
    private TestTimeTransform() {
    }

    /**
     * @param p the decoded image
     * @param mode the reference's {@code --preprocess}
     * @param loadSize {@code --load_size}
     * @param cropSize {@code --crop_size}
     * @param path names the file in errors
     * @return the image as the network will see it
     */
    public static Picture apply(Picture p, Preprocess mode, int loadSize, int cropSize, Path path) {
        int w = p.width();
        int h = p.height();
        if (mode == Preprocess.RESIZE_AND_CROP) {
            w = loadSize;
            h = loadSize;
        } else if (mode == Preprocess.SCALE_WIDTH_AND_CROP) {
            w = loadSize;
            h = (int) Math.max((double) loadSize * p.height() / p.width(), cropSize);
        }
        Transform.Params centre = new Transform.Params(Math.max(0, w - cropSize) / 2, Math.max(0, h - cropSize) / 2,
                false);
        DataOptions options = DataOptions.defaults(Path.of("."), DatasetMode.SINGLE)
                .withPreprocess(mode, loadSize, cropSize).withNoFlip(true);
        return Transform.apply(p, options, centre, path);
    }

    /**
     * @param p an image with samples in [0, 1]
     * @return its samples mapped to [-1, 1] exactly as training normalises them
     */
    public static float[] normalized(Picture p) {
        return Transform.normalize(p).values();
    }
}
