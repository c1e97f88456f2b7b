package io.transmute.core.nn;

import io.transmute.core.InvalidOptionException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The {@code --init_type} choices of the reference {@code networks.init_weights}. */
public enum InitType {
    /** Weights from N(0, gain). */
    NORMAL("normal"),
    /** {@code xavier_normal_(gain)}. */
    XAVIER("xavier"),
    /** {@code kaiming_normal_(a=0, mode='fan_in')}; the gain is ignored, as in the reference. */
    KAIMING("kaiming"),
    /** {@code orthogonal_(gain)}. */
    ORTHOGONAL("orthogonal");

    private final String cliName;

    InitType(String cliName) {
        this.cliName = cliName;
    }

    /** @return the reference spelling, as used on the command line */
    public String cliName() {
        return cliName;
    }

    /**
     * @param name {@code normal}, {@code xavier}, {@code kaiming} or {@code orthogonal}
     * @return the init type
     * @throws InvalidOptionException for any other name
     */
    public static InitType parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (InitType t : values()) {
            if (t.cliName.equals(n)) {
                return t;
            }
        }
        throw new InvalidOptionException("--init_type '" + name + "' is not an initialization; use one of "
                + Arrays.stream(values()).map(InitType::cliName).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return cliName;
    }
}
