package io.transmute.core.nn;

import io.transmute.core.InvalidOptionException;
import io.transmute.core.torch.Net;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The {@code --netD} choices of the reference {@code networks.define_D}. */
public enum DiscriminatorType {
    /** The 70x70 PatchGAN: an {@link NLayerDiscriminator} with 3 layers. */
    BASIC("basic"),
    /** An {@link NLayerDiscriminator} with {@code --n_layers_D} layers. */
    N_LAYERS("n_layers"),
    /** The 1x1 {@link PixelDiscriminator}. */
    PIXEL("pixel");

    private final String cliName;

    DiscriminatorType(String cliName) {
        this.cliName = cliName;
    }

    /** @return the reference spelling, as used on the command line */
    public String cliName() {
        return cliName;
    }

    /**
     * Builds the discriminator as {@code define_D} does (weights left at libtorch's default init; apply
     * {@link Init#apply} afterwards).
     *
     * @param inputNc input channels (pix2pix: input_nc + output_nc)
     * @param ndf filters in the first layer
     * @param nLayersD layers for {@link #N_LAYERS}; ignored otherwise
     * @param norm normalization
     * @return the network
     */
    public Net build(int inputNc, int ndf, int nLayersD, NormType norm) {
        return switch (this) {
            case BASIC -> new NLayerDiscriminator(inputNc, ndf, 3, norm);
            case N_LAYERS -> new NLayerDiscriminator(inputNc, ndf, nLayersD, norm);
            case PIXEL -> new PixelDiscriminator(inputNc, ndf, norm);
        };
    }

    /**
     * @param name {@code basic}, {@code n_layers} or {@code pixel}
     * @return the discriminator type
     * @throws InvalidOptionException for any other name
     */
    public static DiscriminatorType parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (DiscriminatorType t : values()) {
            if (t.cliName.equals(n)) {
                return t;
            }
        }
        throw new InvalidOptionException("--netD '" + name + "' is not a discriminator; use one of "
                + Arrays.stream(values()).map(DiscriminatorType::cliName).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return cliName;
    }
}
