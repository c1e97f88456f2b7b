package io.transmute.core.infer;

import io.transmute.core.nn.GeneratorSpec;

/**
 * How much native memory a generator's forward pass takes for an image: every intermediate tensor of an
 * inference batch lives until the batch's scope closes, so the peak is the sum of all activations, which grows
 * with the pixel count. The per-pixel figures follow the layer layout and were checked against measured peak RSS
 * (docs/PERFORMANCE.md: a {@code resnet_9blocks} at ngf 64 needs about 7 KB per pixel, a {@code unet_256}
 * about 1.2 KB).
 */
public final class MemoryEstimate {
    /** Libtorch, the weights and the JVM before any image: measured at about 450 MB. */
    public static final long BASE = 450L << 20;

    private MemoryEstimate() {
    }

    /**
     * @param spec the generator
     * @return bytes of activations per input pixel
     */
    public static long bytesPerPixel(GeneratorSpec spec) {
        double ngf = spec.ngf();
        double channels = switch (spec.type().family()) {
            // full resolution: pad, conv, norm, relu and their mirror on the way up; 1/4 and 1/16 of the
            // pixels carry 2 and 4 ngf channels, and each residual block holds about eight tensors
            case RESNET, STARGAN, TRANSFORMER -> 7 * ngf + 9 + 1.5 * ngf + 0.75 * ngf
                    + 2 * ngf * Math.max(1, spec.depth());
            // most U-Net activations sit at half resolution and below
            case UNET, ENCODER_DECODER -> 4.6 * ngf + 10;
        };
        return (long) Math.ceil(channels * Float.BYTES);
    }

    /**
     * @param spec the generator
     * @param multiple the side multiple the network pads to
     * @param height image height
     * @param width image width
     * @return estimated peak bytes to translate the image in one pass, padding to the network's multiple included
     */
    public static long bytes(GeneratorSpec spec, long multiple, long height, long width) {
        long h = (height + multiple - 1) / multiple * multiple;
        long w = (width + multiple - 1) / multiple * multiple;
        return BASE + bytesPerPixel(spec) * h * w;
    }
}
