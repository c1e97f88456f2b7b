package io.transmute.cli;

import io.transmute.core.model.PerceptualOptions;
import io.transmute.core.train.TrainOptions;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The VGG-16 feature-loss options of {@code transmute train}: the perceptual term of pix2pix and CycleGAN, and
 * the losses of {@code --model style_transfer} (docs/PERCEPTUAL.md). Fields stay null unless given, so the core's
 * defaults apply.
 */
public final class PerceptualOptionsMixin {
    @Option(names = "--lambda_perceptual", paramLabel = "X",
            description = "pix2pix, cycle_gan: weight of G_perceptual, the VGG-16 feature distance between G(A) and B"
                    + " (pix2pix) or between each real image and its reconstruction (cycle_gan); needs --vgg_weights"
                    + " (default: 0, off).")
    Double lambdaPerceptual;

    @Option(names = "--perceptual_layers", paramLabel = "LAYERS",
            description = "Comma-separated VGG-16 activations compared by G_perceptual and by style_transfer's"
                    + " content loss, of relu1_2, relu2_2, relu3_3, relu4_3 (default: relu2_2).")
    String perceptualLayers;

    @Option(names = "--vgg_weights", paramLabel = "PATH",
            description = "torchvision's ImageNet VGG-16 file vgg16-397923af.pth (nothing is downloaded); needed by"
                    + " style_transfer and by --lambda_perceptual above 0 (no default).")
    Path vggWeights;

    @Option(names = "--style_image", paramLabel = "PATH",
            description = "style_transfer: the one image whose style is learnt, used at its own size (required for"
                    + " style_transfer; no default).")
    Path styleImage;

    @Option(names = "--content_weight", paramLabel = "X",
            description = "style_transfer: weight of the content loss (default: 1).")
    Double contentWeight;

    @Option(names = "--style_weight", paramLabel = "X",
            description = "style_transfer: weight of the Gram-matrix style loss (default: 10).")
    Double styleWeight;

    @Option(names = "--tv_weight", paramLabel = "X",
            description = "style_transfer: weight of the total-variation smoothing loss (default: 0.01).")
    Double tvWeight;

    @Option(names = "--style_layers", paramLabel = "LAYERS",
            description = "style_transfer: comma-separated VGG-16 activations whose Gram matrices are compared"
                    + " (default: relu1_2,relu2_2,relu3_3,relu4_3).")
    String styleLayers;

    /**
     * Copies the given options into a builder; options not given are left out.
     *
     * @param b the builder
     * @return {@code b}
     */
    TrainOptions.Builder applyTo(TrainOptions.Builder b) {
        BaseOptionsMixin.put(b, PerceptualOptions.LAMBDA_PERCEPTUAL, lambdaPerceptual);
        BaseOptionsMixin.put(b, PerceptualOptions.PERCEPTUAL_LAYERS, perceptualLayers);
        BaseOptionsMixin.put(b, PerceptualOptions.VGG_WEIGHTS, vggWeights);
        BaseOptionsMixin.put(b, PerceptualOptions.STYLE_IMAGE, styleImage);
        BaseOptionsMixin.put(b, PerceptualOptions.CONTENT_WEIGHT, contentWeight);
        BaseOptionsMixin.put(b, PerceptualOptions.STYLE_WEIGHT, styleWeight);
        BaseOptionsMixin.put(b, PerceptualOptions.TV_WEIGHT, tvWeight);
        BaseOptionsMixin.put(b, PerceptualOptions.STYLE_LAYERS, styleLayers);
        return b;
    }
}
