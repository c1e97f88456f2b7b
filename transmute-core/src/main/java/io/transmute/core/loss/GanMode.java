package io.transmute.core.loss;

import io.transmute.core.InvalidOptionException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The {@code --gan_mode} choices of the reference {@code networks.GANLoss}. */
public enum GanMode {
    /** The original GAN objective: binary cross-entropy on logits. */
    VANILLA("vanilla"),
    /** Least-squares GAN: mean squared error against 1 or 0. */
    LSGAN("lsgan"),
    /** Wasserstein GAN with gradient penalty: the critic's mean, signed. */
    WGANGP("wgangp");

    private final String cliName;

    GanMode(String cliName) {
        this.cliName = cliName;
    }

    /** @return the reference spelling, as given to {@code --gan_mode} */
    public String cliName() {
        return cliName;
    }

    /**
     * @param name {@code vanilla}, {@code lsgan} or {@code wgangp}
     * @return the mode
     * @throws InvalidOptionException for any other name, listing the known ones
     */
    public static GanMode parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (GanMode m : values()) {
            if (m.cliName.equals(n)) {
                return m;
            }
        }
        throw new InvalidOptionException("--gan_mode '" + name + "' is not a GAN objective; use one of "
                + Arrays.stream(values()).map(GanMode::cliName).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return cliName;
    }
}
