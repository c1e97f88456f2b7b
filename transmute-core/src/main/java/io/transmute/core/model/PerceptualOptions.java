package io.transmute.core.model;

import io.transmute.core.InvalidOptionException;
import io.transmute.core.nn.VggLayer;
import java.nio.file.Path;
import java.util.EnumSet;
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
    public static final OptionKey<Path> VGG_WEIGHTS = new OptionKey<>("--vgg_weights", Path.class);
    /** {@code --lambda_perceptual}, default 0 (off). */
    public static final OptionKey<Double> LAMBDA_PERCEPTUAL = new OptionKey<>("--lambda_perceptual", Double.class);
    /** {@code --perceptual_layers}, comma-separated, default {@code relu2_2}. */
    public static final OptionKey<String> PERCEPTUAL_LAYERS = new OptionKey<>("--perceptual_layers", String.class);
    /** {@code --style_layers}, comma-separated, default {@code relu1_2,relu2_2,relu3_3,relu4_3}. */
    public static final OptionKey<String> STYLE_LAYERS = new OptionKey<>("--style_layers", String.class);
    /** {@code --style_image}, no default. */
    public static final OptionKey<Path> STYLE_IMAGE = new OptionKey<>("--style_image", Path.class);
    /** {@code --content_weight}, default 1. */
    public static final OptionKey<Double> CONTENT_WEIGHT = new OptionKey<>("--content_weight", Double.class);
    /** {@code --style_weight}, default 10. */
    public static final OptionKey<Double> STYLE_WEIGHT = new OptionKey<>("--style_weight", Double.class);
    /** {@code --tv_weight}, default 0.01. */
    public static final OptionKey<Double> TV_WEIGHT = new OptionKey<>("--tv_weight", Double.class);

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
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new InvalidOptionException(key + " must be a non-negative number, got " + value);
        }
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
        return new PerceptualOptions(b.get(VGG_WEIGHTS), or(b.get(LAMBDA_PERCEPTUAL), 0.0),
                VggLayer.parseList(PERCEPTUAL_LAYERS.cliName(), or(b.get(PERCEPTUAL_LAYERS), "relu2_2")),
                VggLayer.parseList(STYLE_LAYERS.cliName(), or(b.get(STYLE_LAYERS), "relu1_2,relu2_2,relu3_3,relu4_3")),
                b.get(STYLE_IMAGE), or(b.get(CONTENT_WEIGHT), 1.0), or(b.get(STYLE_WEIGHT), 10.0),
                or(b.get(TV_WEIGHT), 0.01));
    }

    private static <T> T or(T value, T fallback) {
        return value == null ? fallback : value;
    }

    /**
     * Sets these values on a builder, as given.
     *
     * @param b the builder
     */
    void copyTo(ModelOptions.Builder b) {
        if (vggWeights != null) {
            b.set(VGG_WEIGHTS, vggWeights);
        }
        if (styleImage != null) {
            b.set(STYLE_IMAGE, styleImage);
        }
        b.set(LAMBDA_PERCEPTUAL, lambdaPerceptual)
                .set(PERCEPTUAL_LAYERS, VggLayer.names(EnumSet.copyOf(perceptualLayers)))
                .set(STYLE_LAYERS, VggLayer.names(EnumSet.copyOf(styleLayers)))
                .set(CONTENT_WEIGHT, contentWeight).set(STYLE_WEIGHT, styleWeight).set(TV_WEIGHT, tvWeight);
    }
}
