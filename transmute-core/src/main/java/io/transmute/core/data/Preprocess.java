package io.transmute.core.data;

/** Resizing and cropping applied to every image at load time ({@code --preprocess}). */
public enum Preprocess {
    /** Resize to load_size x load_size, then take a random crop_size square. */
    RESIZE_AND_CROP("resize_and_crop"),
    /** Take a random crop_size square of the original image. */
    CROP("crop"),
    /** Scale the width to load_size keeping the aspect ratio, the height never below crop_size. */
    SCALE_WIDTH("scale_width"),
    /** {@link #SCALE_WIDTH}, then a random crop_size square. */
    SCALE_WIDTH_AND_CROP("scale_width_and_crop"),
    /** Keep the size, only rounding each side to a multiple of 4 so the networks' strides fit. */
    NONE("none");

    private final String cliName;

    Preprocess(String cliName) {
        this.cliName = cliName;
    }

    /** @return the reference spelling, as given to {@code --preprocess} */
    public String cliName() {
        return cliName;
    }

    /** @return whether a crop_size square is cut after resizing */
    public boolean crops() {
        return this == RESIZE_AND_CROP || this == CROP || this == SCALE_WIDTH_AND_CROP;
    }

    /**
     * @param name a {@code --preprocess} value
     * @return the choice with that reference spelling
     * @throws io.transmute.core.InvalidOptionException for an unknown name, listing the known ones
     */
    public static Preprocess fromCliName(String name) {
        for (Preprocess p : values()) {
            if (p.cliName.equals(name)) {
                return p;
            }
        }
        throw new io.transmute.core.InvalidOptionException("--preprocess " + name + " is unknown; use one of "
                + "resize_and_crop, crop, scale_width, scale_width_and_crop, none");
    }
}
