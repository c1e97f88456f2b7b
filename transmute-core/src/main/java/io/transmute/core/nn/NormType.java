package io.transmute.core.nn;

import io.transmute.core.InvalidOptionException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The {@code --norm} choices of the reference {@code networks.get_norm_layer}. */
public enum NormType {
    /** {@code BatchNorm2d(affine=True, track_running_stats=True)}. */
    BATCH("batch"),
    /** {@code InstanceNorm2d(affine=False, track_running_stats=False)}: no parameters, no buffers. */
    INSTANCE("instance"),
    /** An {@code Identity} that still takes its index in the enclosing sequence, so later keys keep their numbers. */
    NONE("none");

    private final String cliName;

    NormType(String cliName) {
        this.cliName = cliName;
    }

    /** @return the reference spelling, as used on the command line */
    public String cliName() {
        return cliName;
    }

    /**
     * Whether convolutions followed by this norm have a bias. The reference computes {@code use_bias} as
     * "the norm layer is InstanceNorm2d": batch norm's shift makes a bias redundant, and {@code none} keeps the
     * reference's (surprising) bias-free convolutions so that its checkpoints load.
     *
     * @return true only for {@link #INSTANCE}
     */
    public boolean convBias() {
        return this == INSTANCE;
    }

    /**
     * @param name {@code batch}, {@code instance} or {@code none}
     * @return the norm type
     * @throws InvalidOptionException for any other name
     */
    public static NormType parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (NormType t : values()) {
            if (t.cliName.equals(n)) {
                return t;
            }
        }
        throw new InvalidOptionException("--norm '" + name + "' is not a normalization; use one of "
                + Arrays.stream(values()).map(NormType::cliName).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return cliName;
    }
}
