package io.transmute.core.model;

import io.transmute.core.InvalidOptionException;
import io.transmute.core.nn.VggLayer;
import io.transmute.core.option.OptionKey;
import java.nio.file.Path;
import java.util.List;

/**
 * Options of the VGG-16 feature losses: the optional perceptual term of pix2pix and CycleGAN, and the losses of
 * {@code style_transfer}. Part of {@link ModelOptions}; the keys below set them on its builder.
 *
 * @param vggWeights {@code --vgg_weights}: torchvision's ImageNet VGG-16 file ({@code vgg16-397923af.pth}), or
 *     null when not given; required by {@code style_transfer} and by {@code --lambda_perceptual > 0}
 * @param lambdaPerceptual {@code --lambda_perceptual}: weight of {@code G_perceptual} in pix2pix (between G(A)
 *     and B) and CycleGAN (between each real image and its reconstruction); 0 turns it off
 * @param perceptualLayers {@code --perceptual_layers}: the activations compared by the perceptual term and by
 *     {@code style_transfer}'s content loss; default {@code relu2_2}
 * @param styleLayers {@code --style_layers}: the activations whose Gram matrices {@code style_transfer} compares;
 *     default all four
 * @param styleImage {@code --style_image}: the one style image of {@code style_transfer}, or null
 * @param contentWeight {@code --content_weight} ({@code style_transfer})
 * @param styleWeight {@code --style_weight} ({@code style_transfer})
 * @param tvWeight {@code --tv_weight} ({@code style_transfer}): total-variation smoothing
 */
public record PerceptualOptions(Path vggWeights, double lambdaPerceptual, List<VggLayer> perceptualLayers,
        List<VggLayer> styleLayers, Path styleImage, double contentWeight, double styleWeight, double tvWeight) {
    /** {@code --vgg_weights}, no default. */
    public static final OptionKey<Path> VGG_WEIGHTS = new OptionKey<>("--vgg_weights", Path.class, null,
            "torchvision's ImageNet VGG-16 file vgg16-397923af.pth (nothing is downloaded); needed by style_transfer"
                    + " and by --lambda_perceptual above 0 (no default).", "PATH", false);
    /** {@code --lambda_perceptual}, 0 = off. */
    public static final OptionKey<Double> LAMBDA_PERCEPTUAL = OptionKey.real("--lambda_perceptual", 0.0,
            "pix2pix, cycle_gan: weight of G_perceptual, the VGG-16 feature distance between G(A) and B (pix2pix) or"
                    + " between each real image and its reconstruction (cycle_gan); needs --vgg_weights; 0 = off.");
    /** {@code --perceptual_layers}, comma-separated. */
    public static final OptionKey<String> PERCEPTUAL_LAYERS = OptionKey.text("--perceptual_layers", "relu2_2",
            "LAYERS", "Comma-separated VGG-16 activations compared by G_perceptual and by style_transfer's content"
                    + " loss, of relu1_2, relu2_2, relu3_3, relu4_3.");
    /** {@code --style_layers}, comma-separated. */
    public static final OptionKey<String> STYLE_LAYERS = OptionKey.text("--style_layers",
            "relu1_2,relu2_2,relu3_3,relu4_3", "LAYERS",
            "style_transfer: comma-separated VGG-16 activations whose Gram matrices are compared.");
    /** {@code --style_image}, no default. */
    public static final OptionKey<Path> STYLE_IMAGE = new OptionKey<>("--style_image", Path.class, null,
            "style_transfer: the one image whose style is learnt, used at its own size (required for"
                    + " style_transfer; no default).", "PATH", false);
    /** {@code --content_weight}. */
    public static final OptionKey<Double> CONTENT_WEIGHT = OptionKey.real("--content_weight", 1.0,
            "style_transfer: weight of the content loss.");
    /** {@code --style_weight}. */
    public static final OptionKey<Double> STYLE_WEIGHT = OptionKey.real("--style_weight", 10.0,
            "style_transfer: weight of the Gram-matrix style loss.");
    /** {@code --tv_weight}. */
    public static final OptionKey<Double> TV_WEIGHT = OptionKey.real("--tv_weight", 0.01,
            "style_transfer: weight of the total-variation smoothing loss.");

    /** The VGG-16 loss options, in help order. */
    public static final List<OptionKey<?>> KEYS = List.of(LAMBDA_PERCEPTUAL, PERCEPTUAL_LAYERS, VGG_WEIGHTS,
            STYLE_IMAGE, CONTENT_WEIGHT, STYLE_WEIGHT, TV_WEIGHT, STYLE_LAYERS);

    /** Validates every value. */
    public PerceptualOptions {
        perceptualLayers = List.copyOf(perceptualLayers);
        styleLayers = List.copyOf(styleLayers);
        if (perceptualLayers.isEmpty() || styleLayers.isEmpty()) {
            throw new InvalidOptionException("--perceptual_layers and --style_layers need at least one layer");
        }
        nonNegative(LAMBDA_PERCEPTUAL, lambdaPerceptual);
        nonNegative(CONTENT_WEIGHT, contentWeight);
        nonNegative(STYLE_WEIGHT, styleWeight);
        nonNegative(TV_WEIGHT, tvWeight);
        if (lambdaPerceptual > 0 && vggWeights == null) {
            throw new InvalidOptionException("--lambda_perceptual " + lambdaPerceptual + " needs --vgg_weights PATH,"
                    + " torchvision's ImageNet VGG-16 file vgg16-397923af.pth");
        }
    }

    private static void nonNegative(OptionKey<?> key, double value) {
        ModelOptions.nonNegative(key, value);
    }

    /** @return whether pix2pix and CycleGAN add {@code G_perceptual} */
    public boolean perceptualOn() {
        return lambdaPerceptual > 0;
    }

    /**
     * Reads the values from a builder, with the defaults where nothing was set.
     *
     * @param b the builder
     * @return the options
     */
    static PerceptualOptions from(ModelOptions.Builder b) {
        return new PerceptualOptions(b.resolve(VGG_WEIGHTS), b.resolve(LAMBDA_PERCEPTUAL),
                VggLayer.parseList(PERCEPTUAL_LAYERS.cliName(), b.resolve(PERCEPTUAL_LAYERS)),
                VggLayer.parseList(STYLE_LAYERS.cliName(), b.resolve(STYLE_LAYERS)), b.resolve(STYLE_IMAGE),
                b.resolve(CONTENT_WEIGHT), b.resolve(STYLE_WEIGHT), b.resolve(TV_WEIGHT));
    }
}
