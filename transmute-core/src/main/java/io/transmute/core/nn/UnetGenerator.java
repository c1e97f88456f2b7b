package io.transmute.core.nn;

import io.transmute.core.InvalidOptionException;
import io.transmute.core.torch.Net;
import org.bytedeco.pytorch.Tensor;

/**
 * The reference {@code UnetGenerator}: {@code numDowns} nested {@link UnetSkipConnectionBlock}s, so an input of
 * 2^numDowns pixels reaches 1x1 at the bottleneck. Keys nest as {@code model.model.1.model.3.model.1.weight}.
 * Without skips it is {@code --netG encoder_decoder}, the pix2pix paper's ablation: the same keys, but each
 * up-convolution takes only its inner block's output, so its weights have half the input channels.
 */
public final class UnetGenerator extends Net {
    private final UnetSkipConnectionBlock model;

    /**
     * The U-Net, with its skips.
     *
     * @param inputNc input channels
     * @param outputNc output channels
     * @param numDowns downsamplings; at least 5
     * @param ngf filters in the outermost layer
     * @param norm normalization
     * @param useDropout dropout 0.5 next to the innermost block
     */
    public UnetGenerator(int inputNc, int outputNc, int numDowns, int ngf, NormType norm, boolean useDropout) {
        this(inputNc, outputNc, numDowns, ngf, norm, useDropout, true);
    }

    /**
     * @param inputNc input channels
     * @param outputNc output channels
     * @param numDowns downsamplings (7 for unet_128, 8 for unet_256); at least 5
     * @param ngf filters in the outermost layer
     * @param norm normalization
     * @param useDropout dropout 0.5 in the {@code numDowns - 5} blocks next to the innermost one (train mode only)
     * @param skips true for the U-Net, false for the encoder-decoder
     */
    public UnetGenerator(int inputNc, int outputNc, int numDowns, int ngf, NormType norm, boolean useDropout,
            boolean skips) {
        if (numDowns < 5) {
            // the fixed outer blocks (ngf -> 2ngf -> 4ngf -> 8ngf) and the innermost one need five levels
            throw new InvalidOptionException("a U-Net needs at least 5 downsamplings, got " + numDowns
                    + "; use unet_32 or deeper");
        }
        if (inputNc < 1 || outputNc < 1 || ngf < 1) {
            throw new InvalidOptionException("UnetGenerator needs input_nc, output_nc and ngf >= 1, got "
                    + inputNc + ", " + outputNc + ", " + ngf);
        }
        UnetSkipConnectionBlock block = new UnetSkipConnectionBlock(ngf * 8, ngf * 8, 0, null, false, norm, false, skips);
        for (int i = 0; i < numDowns - 5; i++) {
            block = new UnetSkipConnectionBlock(ngf * 8, ngf * 8, 0, block, false, norm, useDropout, skips);
        }
        block = new UnetSkipConnectionBlock(ngf * 4, ngf * 8, 0, block, false, norm, false, skips);
        block = new UnetSkipConnectionBlock(ngf * 2, ngf * 4, 0, block, false, norm, false, skips);
        block = new UnetSkipConnectionBlock(ngf, ngf * 2, 0, block, false, norm, false, skips);
        model = new UnetSkipConnectionBlock(outputNc, ngf, inputNc, block, true, norm, false, skips);
        register_module("model", model);
    }

    @Override
    public Tensor forward(Tensor input) {
        return model.forward(input);
    }
}
