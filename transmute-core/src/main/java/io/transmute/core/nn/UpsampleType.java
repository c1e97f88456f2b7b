package io.transmute.core.nn;

import io.transmute.core.InvalidOptionException;
import java.util.Locale;

/** How a {@link ResnetGenerator} doubles the resolution in its decoder. */
public enum UpsampleType {
    /** The reference's {@code ConvTranspose2d(k3, s2, p1, output_padding=1)}. */
    DECONV("deconv"),
    /**
     * Nearest-neighbour x2 upsampling followed by {@code Conv2d(k3, p1)}: avoids the checkerboard artefacts of
     * strided transposed convolutions. Not in the reference; the upsample layer takes its own index.
     */
    RESIZE_CONV("resize_conv");

    private final String cliName;

    UpsampleType(String cliName) {
        this.cliName = cliName;
    }

    /** @return the spelling used on the command line */
    public String cliName() {
        return cliName;
    }

    /**
     * @param name {@code deconv} or {@code resize_conv}
     * @return the upsample type
     * @throws InvalidOptionException for any other name
     */
    public static UpsampleType parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (UpsampleType t : values()) {
            if (t.cliName.equals(n)) {
                return t;
            }
        }
        throw new InvalidOptionException("--upsample '" + name
                + "' is not an upsampling mode; use deconv or resize_conv");
    }

    @Override
    public String toString() {
        return cliName;
    }
}
