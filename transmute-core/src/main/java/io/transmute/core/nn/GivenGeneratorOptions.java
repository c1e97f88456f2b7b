package io.transmute.core.nn;

/**
 * Generator options the user gave explicitly; null means "not given, take the checkpoint's value".
 *
 * @param netG {@code --netG}
 * @param inputNc {@code --input_nc}
 * @param outputNc {@code --output_nc}
 * @param ngf {@code --ngf} (StarGAN: {@code --g_conv_dim})
 * @param norm {@code --norm}
 * @param upsample {@code --upsample}
 * @param useDropout dropout on ({@code --no_dropout} off); a checkpoint cannot always tell, so this is applied
 * @param cDim StarGAN's {@code --c_dim}
 * @param repeatNum StarGAN's {@code --g_repeat_num}
 */
public record GivenGeneratorOptions(String netG, Integer inputNc, Integer outputNc, Integer ngf, NormType norm,
        UpsampleType upsample, Boolean useDropout, Integer cDim, Integer repeatNum) {
    /** Nothing given: use the checkpoint's architecture as is. */
    public static final GivenGeneratorOptions NONE =
            new GivenGeneratorOptions(null, null, null, null, null, null, null, null, null);
}
