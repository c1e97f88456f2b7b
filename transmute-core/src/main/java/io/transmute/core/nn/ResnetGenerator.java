package io.transmute.core.nn;

import io.transmute.core.InvalidOptionException;
import io.transmute.core.torch.Layers;
import io.transmute.core.torch.Net;
import io.transmute.core.torch.Sequence;
import org.bytedeco.pytorch.Tensor;

/**
 * The reference {@code ResnetGenerator} (Johnson et al.): a 7x7 stem, two stride-2 downsampling convolutions,
 * {@code nBlocks} residual blocks, two upsampling stages and a 7x7 output convolution with tanh. Registered
 * under {@code model}, so its keys are {@code model.1.weight}, {@code model.10.conv_block.1.weight}, ... as in
 * {@code latest_net_G.pth} files written by the reference.
 */
public final class ResnetGenerator extends Net {
    private final Sequence model = new Sequence();

    /**
     * @param inputNc input channels
     * @param outputNc output channels
     * @param ngf filters in the first layer
     * @param norm normalization
     * @param useDropout dropout 0.5 inside every residual block (active in train mode only)
     * @param nBlocks residual blocks (the reference uses 6 or 9)
     * @param upsample how the decoder doubles the resolution
     */
    public ResnetGenerator(int inputNc, int outputNc, int ngf, NormType norm, boolean useDropout, int nBlocks,
            UpsampleType upsample) {
        if (inputNc < 1 || outputNc < 1 || ngf < 1 || nBlocks < 0) {
            throw new InvalidOptionException("ResnetGenerator needs input_nc, output_nc, ngf >= 1 and n_blocks >= 0,"
                    + " got " + inputNc + ", " + outputNc + ", " + ngf + ", " + nBlocks);
        }
        boolean bias = norm.convBias();
        model.add(Layers.reflectionPad(3))
                .add(Layers.conv(inputNc, ngf, 7, 1, 0, bias))
                .add(Norms.layer(norm, ngf))
                .add(Layers.relu());
        int downsamplings = 2;
        for (int i = 0; i < downsamplings; i++) {
            int mult = 1 << i;
            model.add(Layers.conv(ngf * mult, ngf * mult * 2, 3, 2, 1, bias))
                    .add(Norms.layer(norm, ngf * mult * 2))
                    .add(Layers.relu());
        }
        int mult = 1 << downsamplings;
        for (int i = 0; i < nBlocks; i++) {
            model.add(new ResnetBlock(ngf * mult, norm, useDropout));
        }
        for (int i = 0; i < downsamplings; i++) {
            int in = ngf * (mult >> i);
            int out = in / 2;
            switch (upsample) {
                case DECONV -> model.add(Layers.convTranspose(in, out, 3, 2, 1, 1, bias));
                case RESIZE_CONV -> model.add(Layers.upsampleNearest(2)).add(Layers.conv(in, out, 3, 1, 1, bias));
            }
            model.add(Norms.layer(norm, out)).add(Layers.relu());
        }
        model.add(Layers.reflectionPad(3))
                .add(Layers.conv(ngf, outputNc, 7, 1, 0, true))
                .add(Layers.tanh());
        register_module("model", model);
    }

    @Override
    public Tensor forward(Tensor input) {
        return model.forward(input);
    }
}
