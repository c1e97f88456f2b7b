package io.transmute.core.nn;

import io.transmute.core.InvalidOptionException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The VGG-16 activations that perceptual and style losses read, named as in Johnson et al. and spelled as on
 * the command line ({@code --perceptual_layers relu2_2,relu3_3}).
 */
public enum VggLayer {
    /** After the second convolution of block 1: 64 channels, full resolution. */
    RELU1_2("relu1_2", 3, 64, 1),
    /** After the second convolution of block 2: 128 channels, 1/2 resolution. */
    RELU2_2("relu2_2", 8, 128, 2),
    /** After the third convolution of block 3: 256 channels, 1/4 resolution. */
    RELU3_3("relu3_3", 15, 256, 4),
    /** After the third convolution of block 4: 512 channels, 1/8 resolution. */
    RELU4_3("relu4_3", 22, 512, 8);

    private final String cliName;
    private final int index;
    private final int channels;
    private final int stride;

    VggLayer(String cliName, int index, int channels, int stride) {
        this.cliName = cliName;
        this.index = index;
        this.channels = channels;
        this.stride = stride;
    }

    /** @return the name as written on the command line, e.g. {@code relu2_2} */
    public String cliName() {
        return cliName;
    }

    /** @return the position of this ReLU in torchvision's {@code vgg16().features} */
    public int index() {
        return index;
    }

    /** @return channels of the activation */
    public int channels() {
        return channels;
    }

    /** @return how much smaller than the input the activation is in height and width */
    public int stride() {
        return stride;
    }

    /**
     * @param name e.g. {@code relu3_3}
     * @return the layer
     * @throws InvalidOptionException for any other name, listing the known ones
     */
    public static VggLayer parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (VggLayer l : values()) {
            if (l.cliName.equals(n)) {
                return l;
            }
        }
        throw new InvalidOptionException("'" + name + "' is not a VGG-16 layer; use " + names(EnumSet.allOf(
                VggLayer.class)));
    }

    /**
     * Parses a comma-separated list such as {@code relu1_2,relu2_2}.
     *
     * @param option the option name for error messages, e.g. {@code --perceptual_layers}
     * @param list the value
     * @return the layers, shallowest first, without duplicates
     * @throws InvalidOptionException for an empty list or an unknown name
     */
    public static List<VggLayer> parseList(String option, String list) {
        EnumSet<VggLayer> out = EnumSet.noneOf(VggLayer.class);
        for (String part : (list == null ? "" : list).split(",")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                out.add(parse(part));
            } catch (InvalidOptionException e) {
                throw new InvalidOptionException(option + ": " + e.getMessage());
            }
        }
        if (out.isEmpty()) {
            throw new InvalidOptionException(option + " needs at least one layer of " + names(EnumSet.allOf(
                    VggLayer.class)));
        }
        return List.copyOf(out);
    }

    /**
     * @param layers some layers
     * @return their names joined by commas, shallowest first (the inverse of {@link #parseList})
     */
    public static String names(Set<VggLayer> layers) {
        List<VggLayer> sorted = new ArrayList<>(layers);
        sorted.sort(null);
        return sorted.stream().map(VggLayer::cliName).collect(Collectors.joining(","));
    }

    /** @return all four layers, shallowest first */
    public static List<VggLayer> all() {
        return Arrays.asList(values());
    }

    @Override
    public String toString() {
        return cliName;
    }
}
