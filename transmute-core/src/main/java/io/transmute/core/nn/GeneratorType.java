package io.transmute.core.nn;

import io.transmute.core.InvalidOptionException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Generator architectures: the reference's four {@code --netG} names, their generalisations to any depth
 * ({@code resnet_<n>blocks}, {@code unet_<2^n>}, e.g. {@code resnet_4blocks} or {@code unet_64}) and StarGAN's
 * generator, and {@code encoder_decoder} (the U-Net without skips). The depth of the general kinds travels in
 * {@link GeneratorSpec#depth()}.
 */
public enum GeneratorType {
    /** ResNet generator with 9 blocks (CycleGAN's default, for 256 px). */
    RESNET_9BLOCKS("resnet_9blocks", Family.RESNET, 9),
    /** ResNet generator with 6 blocks (for 128 px). */
    RESNET_6BLOCKS("resnet_6blocks", Family.RESNET, 6),
    /** U-Net with 7 downsamplings (128 px to 1 px). */
    UNET_128("unet_128", Family.UNET, 7),
    /** U-Net with 8 downsamplings (pix2pix's default, 256 px to 1 px). */
    UNET_256("unet_256", Family.UNET, 8),
    /** ResNet generator with another number of blocks. */
    RESNET_NBLOCKS("resnet_<n>blocks", Family.RESNET, 0),
    /** U-Net with another number of downsamplings; named by the image size that reaches 1 px. */
    UNET_NDOWNS("unet_<2^n>", Family.UNET, 0),
    /** The U-Net without skip connections, the pix2pix paper's ablation; 8 downsamplings as unet_256. */
    ENCODER_DECODER("encoder_decoder", Family.ENCODER_DECODER, 8),
    /** The encoder-decoder with another number of downsamplings, e.g. {@code encoder_decoder_64}. */
    ENCODER_DECODER_NDOWNS("encoder_decoder_<2^n>", Family.ENCODER_DECODER, 0),
    /** StarGAN's generator; its depth is {@code --g_repeat_num}. */
    STARGAN("stargan", Family.STARGAN, 0),
    /** Johnson et al.'s fast style transfer network ({@link TransformerNet}); its depth is the residual blocks. */
    TRANSFORMER_NET("transformer_net", Family.TRANSFORMER, 0);

    /** The layer graph a type belongs to. */
    public enum Family {
        /** {@link ResnetGenerator}; depth = residual blocks. */
        RESNET,
        /** {@link UnetGenerator}; depth = downsamplings. */
        UNET,
        /** {@link UnetGenerator} without skip connections; depth = downsamplings. */
        ENCODER_DECODER,
        /** {@link StarGanGenerator}; depth = residual blocks. */
        STARGAN,
        /** {@link TransformerNet}; depth = residual blocks, ngf = filters of the first convolution. */
        TRANSFORMER;

        /** @return whether the graph is the U-Net's nesting, down to 1 px, with or without its skips */
        public boolean unetShaped() {
            return this == UNET || this == ENCODER_DECODER;
        }

        /**
         * @param depth downsamplings (U-Net) or residual blocks
         * @return the side multiple the network needs: 2^depth for a U-Net, 4 (two stride-2 stages) for the others
         */
        public long sizeMultiple(int depth) {
            return unetShaped() ? 1L << depth : 4L;
        }
    }

    /** Residual blocks of {@code transformer_net}, as in Johnson et al. */
    public static final int TRANSFORMER_NET_BLOCKS = 5;
    private static final Pattern RESNET = Pattern.compile("resnet_(\\d+)blocks");
    private static final Pattern UNET = Pattern.compile("unet_(\\d+)");
    private static final Pattern ENCODER_DECODER_SIZE = Pattern.compile("encoder_decoder(?:_(\\d+))?");

    private final String cliName;
    private final Family family;
    private final int fixedDepth;

    GeneratorType(String cliName, Family family, int fixedDepth) {
        this.cliName = cliName;
        this.family = family;
        this.fixedDepth = fixedDepth;
    }

    /** @return the reference spelling, or a pattern for the general kinds */
    public String cliName() {
        return cliName;
    }

    /** @return the layer graph */
    public Family family() {
        return family;
    }

    /** @return the depth this name implies, or 0 when the depth is free */
    public int fixedDepth() {
        return fixedDepth;
    }

    /**
     * The concrete {@code --netG} name for a depth.
     *
     * @param depth residual blocks or downsamplings
     * @return e.g. {@code resnet_9blocks}, {@code resnet_4blocks}, {@code unet_64}, {@code stargan}
     */
    public String netG(int depth) {
        return switch (family) {
            case RESNET -> "resnet_" + depth + "blocks";
            case UNET -> "unet_" + (1L << depth);
            case ENCODER_DECODER -> depth == ENCODER_DECODER.fixedDepth ? "encoder_decoder"
                    : "encoder_decoder_" + (1L << depth);
            case STARGAN -> "stargan";
            case TRANSFORMER -> "transformer_net";
        };
    }

    /**
     * @param family the layer graph
     * @param depth residual blocks or downsamplings
     * @return the reference-named type when one has this depth, else the general one
     */
    public static GeneratorType of(Family family, int depth) {
        for (GeneratorType t : values()) {
            if (t.family == family && t.fixedDepth == depth) {
                return t;
            }
        }
        return switch (family) {
            case RESNET -> RESNET_NBLOCKS;
            case UNET -> UNET_NDOWNS;
            case ENCODER_DECODER -> ENCODER_DECODER_NDOWNS;
            case STARGAN -> STARGAN;
            case TRANSFORMER -> TRANSFORMER_NET;
        };
    }

    /**
     * Reads the depth a {@code --netG} name gives.
     *
     * @param netG e.g. {@code resnet_9blocks}, {@code resnet_4blocks}, {@code unet_256}, {@code unet_64}
     * @return residual blocks or downsamplings (0 for {@code stargan})
     * @throws InvalidOptionException for an unknown name or a U-Net size that is not a power of two
     */
    public static int depthOf(String netG) {
        String n = netG == null ? "" : netG.trim().toLowerCase(Locale.ROOT);
        Matcher m = RESNET.matcher(n);
        if (m.matches()) {
            return Integer.parseInt(m.group(1));
        }
        m = UNET.matcher(n);
        if (m.matches()) {
            return downsamplings(netG, m.group(1), "unet");
        }
        m = ENCODER_DECODER_SIZE.matcher(n);
        if (m.matches()) {
            return m.group(1) == null ? ENCODER_DECODER.fixedDepth
                    : downsamplings(netG, m.group(1), "encoder_decoder");
        }
        if (n.equals("stargan")) {
            return 0;
        }
        if (n.equals("transformer_net")) {
            return TRANSFORMER_NET_BLOCKS;
        }
        throw new InvalidOptionException("--netG '" + netG + "' is not a generator; use resnet_9blocks,"
                + " resnet_6blocks, unet_256, unet_128, resnet_<n>blocks, unet_<2^n>, encoder_decoder,"
                + " encoder_decoder_<2^n> or transformer_net");
    }

    private static int downsamplings(String netG, String digits, String prefix) {
        long size = Long.parseLong(digits);
        if (Long.bitCount(size) == 1 && size >= 32) {
            return Long.numberOfTrailingZeros(size);
        }
        throw new InvalidOptionException("--netG " + netG + ": the image size must be a power of two >= 32 ("
                + prefix + "_32, " + prefix + "_64, " + prefix + "_128, " + prefix + "_256, ...)");
    }

    /**
     * @param netG a {@code --netG} name
     * @return its type
     * @throws InvalidOptionException for an unknown name
     */
    public static GeneratorType parse(String netG) {
        int depth = depthOf(netG);
        String n = netG.trim().toLowerCase(Locale.ROOT);
        Family f = n.startsWith("resnet_") ? Family.RESNET : n.startsWith("unet_") ? Family.UNET
                : n.startsWith("encoder_decoder") ? Family.ENCODER_DECODER
                : n.equals("transformer_net") ? Family.TRANSFORMER : Family.STARGAN;
        return of(f, depth);
    }

    /**
     * Checks that a fixed image side fits a U-Net, whose innermost layer needs a 2^depth multiple; other
     * generators take sides their data loading rounds to 4.
     *
     * @param netG a {@code --netG} name
     * @param side the image side
     * @param option the option that sets the side, named in the error
     * @throws InvalidOptionException naming a size and a generator that fit
     */
    public static void requireSide(String netG, long side, String option) {
        Family family = parse(netG).family();
        long m = family.sizeMultiple(depthOf(netG));
        if (family.unetShaped() && side % m != 0) {
            String name = netG.trim().toLowerCase(Locale.ROOT);
            long fitting = Long.lowestOneBit(side);
            String otherNet = fitting >= 32 ? "--netG " + name.replaceFirst("_\\d+$", "") + "_" + fitting + " or " : "";
            throw new InvalidOptionException(option + " " + side + " does not fit --netG " + name + ", whose "
                    + Long.numberOfTrailingZeros(m) + " downsamplings need a multiple of " + m + "; use " + otherNet
                    + option + " " + m);
        }
    }

    @Override
    public String toString() {
        return cliName;
    }
}
