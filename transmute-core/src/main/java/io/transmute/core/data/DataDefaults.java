package io.transmute.core.data;

/**
 * A model's defaults for the data options that are not model options: what a training run uses when the user
 * gives no {@code --batch_size}, {@code --load_size} or {@code --crop_size}.
 *
 * @param batchSize default {@code --batch_size}
 * @param loadSize default {@code --load_size}
 * @param cropSize default {@code --crop_size}
 */
public record DataDefaults(int batchSize, int loadSize, int cropSize) {
    /** The reference's base options: batch 1, load 286, crop 256. */
    public static final DataDefaults REFERENCE = new DataDefaults(1, DataOptions.DEFAULT_LOAD_SIZE,
            DataOptions.DEFAULT_CROP_SIZE);

    /** Requires positive sizes. */
    public DataDefaults {
        if (batchSize < 1 || loadSize < 1 || cropSize < 1 || cropSize > loadSize) {
            throw new IllegalArgumentException("data defaults need positive sizes and crop <= load, got batch "
                    + batchSize + ", load " + loadSize + ", crop " + cropSize);
        }
    }
}
