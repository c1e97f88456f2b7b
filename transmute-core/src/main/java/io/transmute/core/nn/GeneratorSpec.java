package io.transmute.core.nn;

import io.transmute.core.InvalidOptionException;
import io.transmute.core.torch.Net;
import java.util.Objects;

/**
 * Everything needed to build a generator with the layer graph of a checkpoint.
 *
 * @param type architecture; a general type whose depth matches a reference name is normalised to that name
 * @param inputNc input channels (StarGAN: 3 + c_dim, the image plus one plane per label)
 * @param outputNc output channels (StarGAN: 3)
 * @param ngf filters in the first layer (StarGAN: {@code --g_conv_dim})
 * @param norm normalization (StarGAN: always {@link NormType#INSTANCE}, standing for its affine, tracked IN;
 *     transformer_net: {@link NormType#INSTANCE}, standing for its affine, untracked IN)
 * @param depth residual blocks (ResNet, StarGAN) or downsamplings (U-Net)
 * @param upsample decoder upsampling; only ResNet generators offer {@link UpsampleType#RESIZE_CONV}
 * @param useDropout dropout 0.5 as the reference places it; it has no weights, so a U-Net checkpoint cannot
 *     tell (inference says false), while a ResNet checkpoint can (its layer indices shift)
 */
public record GeneratorSpec(GeneratorType type, int inputNc, int outputNc, int ngf, NormType norm, int depth,
        UpsampleType upsample, boolean useDropout) {
    /** Validates and normalises the type to the reference name for the depth. */
    public GeneratorSpec {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(norm, "norm");
        Objects.requireNonNull(upsample, "upsample");
        if (type.fixedDepth() != 0 && type.fixedDepth() != depth) {
            throw new InvalidOptionException("--netG " + type.cliName() + " has depth " + type.fixedDepth()
                    + ", not " + depth);
        }
        type = GeneratorType.of(type.family(), depth);
        if (inputNc < 1 || outputNc < 1 || ngf < 1 || depth < 0) {
            throw new InvalidOptionException("generator " + type.netG(depth) + " needs input_nc, output_nc, ngf >= 1,"
                    + " got " + inputNc + ", " + outputNc + ", " + ngf);
        }
        if (type.family() != GeneratorType.Family.RESNET && upsample != UpsampleType.DECONV) {
            throw new InvalidOptionException("--upsample " + upsample + " is only available for resnet generators,"
                    + " not " + type.netG(depth));
        }
        if (type.family().unetShaped() && depth < 5) {
            throw new InvalidOptionException("--netG " + type.netG(depth) + ": a U-Net needs at least 5"
                    + " downsamplings; use a size of 32 or larger");
        }
        if (type.family() == GeneratorType.Family.TRANSFORMER
                && (inputNc != 3 || outputNc != 3 || norm != NormType.INSTANCE || useDropout)) {
            throw new InvalidOptionException("--netG transformer_net maps RGB to RGB with affine instance norm and no"
                    + " dropout; use --input_nc 3 --output_nc 3 --norm instance --no_dropout");
        }
        if (type.family() == GeneratorType.Family.STARGAN
                && (inputNc < 4 || outputNc != 3 || norm != NormType.INSTANCE || useDropout)) {
            throw new InvalidOptionException("a StarGAN generator takes 3 + c_dim channels, gives 3, uses instance"
                    + " norm and no dropout; got input_nc " + inputNc + ", output_nc " + outputNc);
        }
    }

    /**
     * A pix2pix/CycleGAN generator as {@code define_G} names it.
     *
     * @param netG {@code resnet_9blocks}, {@code resnet_6blocks}, {@code unet_256}, {@code unet_128}, or a
     *     general {@code resnet_<n>blocks} / {@code unet_<2^n>}
     * @param inputNc input channels
     * @param outputNc output channels
     * @param ngf filters in the first layer
     * @param norm normalization
     * @param useDropout dropout as the reference places it
     * @param upsample decoder upsampling (ResNet only; use {@link UpsampleType#DECONV} otherwise)
     * @return the spec
     */
    public static GeneratorSpec of(String netG, int inputNc, int outputNc, int ngf, NormType norm,
            boolean useDropout, UpsampleType upsample) {
        GeneratorType type = GeneratorType.parse(netG);
        if (type == GeneratorType.STARGAN) {
            throw new InvalidOptionException("--netG stargan is built with GeneratorSpec.stargan(conv_dim, c_dim,"
                    + " repeat_num)");
        }
        return new GeneratorSpec(type, inputNc, outputNc, ngf, norm, GeneratorType.depthOf(netG), upsample,
                useDropout);
    }

    /**
     * StarGAN's generator.
     *
     * @param convDim {@code --g_conv_dim}
     * @param cDim {@code --c_dim}
     * @param repeatNum {@code --g_repeat_num}
     * @return the spec
     */
    public static GeneratorSpec stargan(int convDim, int cDim, int repeatNum) {
        return new GeneratorSpec(GeneratorType.STARGAN, 3 + cDim, 3, convDim, NormType.INSTANCE, repeatNum,
                UpsampleType.DECONV, false);
    }

    /** @return the concrete {@code --netG} name, e.g. {@code unet_256} or {@code resnet_4blocks} */
    public String netG() {
        return type.netG(depth);
    }

    /** @return the side multiple the network needs: 2^depth for a U-Net, 4 for the others */
    public long sizeMultiple() {
        return type.family().sizeMultiple(depth);
    }

    /** @return StarGAN's number of domain labels ({@code inputNc - 3}); 0 for other generators */
    public int cDim() {
        return type.family() == GeneratorType.Family.STARGAN ? inputNc - 3 : 0;
    }

    /**
     * Builds the network with libtorch's default initialisation; load weights or call {@link Init#apply}.
     *
     * @return a {@link ResnetGenerator}, {@link UnetGenerator} (with or without skips), {@link StarGanGenerator} or
     *     {@link TransformerNet}
     */
    public Net build() {
        return switch (type.family()) {
            case RESNET -> new ResnetGenerator(inputNc, outputNc, ngf, norm, useDropout, depth, upsample);
            case UNET -> new UnetGenerator(inputNc, outputNc, depth, ngf, norm, useDropout, true);
            case ENCODER_DECODER -> new UnetGenerator(inputNc, outputNc, depth, ngf, norm, useDropout, false);
            case STARGAN -> new StarGanGenerator(ngf, cDim(), depth);
            case TRANSFORMER -> new TransformerNet(ngf, depth);
        };
    }
}
