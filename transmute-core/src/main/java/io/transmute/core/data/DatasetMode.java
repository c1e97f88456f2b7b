package io.transmute.core.data;

/** How a dataset folder is laid out and turned into samples ({@code --dataset_mode}). */
public enum DatasetMode {
    /** {@code <dataroot>/<phase>/} images holding A and B side by side (pix2pix). */
    ALIGNED("aligned"),
    /** {@code <dataroot>/<phase>A/} and {@code <dataroot>/<phase>B/}, unpaired (CycleGAN). */
    UNALIGNED("unaligned"),
    /** Images directly under {@code <dataroot>}, A only (testing one direction). */
    SINGLE("single"),
    /** RGB images under {@code <dataroot>/<phase>/}: A is Lab lightness, B its ab channels. */
    COLORIZATION("colorization");

    private final String cliName;

    DatasetMode(String cliName) {
        this.cliName = cliName;
    }

    /** @return the reference spelling, as given to {@code --dataset_mode} */
    public String cliName() {
        return cliName;
    }

    /**
     * @param name a {@code --dataset_mode} value
     * @return the mode with that reference spelling
     * @throws io.transmute.core.InvalidOptionException for an unknown name, listing the known ones
     */
    public static DatasetMode fromCliName(String name) {
        for (DatasetMode m : values()) {
            if (m.cliName.equals(name)) {
                return m;
            }
        }
        throw new io.transmute.core.InvalidOptionException("--dataset_mode " + name
                + " is unknown; use one of aligned, unaligned, single, colorization");
    }
}
