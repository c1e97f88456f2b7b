package io.transmute.core.serve;

import java.util.List;

/**
 * What a served model is, as {@code GET /v1/models} describes it.
 *
 * @param name the name in URLs
 * @param kind {@code generator} (pix2pix, style transfer, one CycleGAN direction), {@code cycle_gan} (both
 *     directions of a run) or {@code stargan}
 * @param architecture the generator, e.g. {@code resnet_6blocks}, {@code unet_256}, {@code stargan}
 * @param ngf filters of the first or last layer
 * @param norm {@code batch}, {@code instance} or {@code none}
 * @param inputChannels 1 (gray) or 3 (RGB)
 * @param outputChannels 1 or 3
 * @param directions {@code AtoB}, and {@code BtoA} where the model has it
 * @param attributes StarGAN label names in order; empty for other models
 * @param sizeMultiple the side multiple the network needs; other sizes are padded and cropped back
 * @param maxBatch most requests that share a forward pass; 1 where images would influence each other
 * @param precision the number format it computes in: {@code float32} or {@code bf16}
 */
public record ModelInfo(String name, String kind, String architecture, int ngf, String norm, int inputChannels,
        int outputChannels, List<String> directions, List<String> attributes, long sizeMultiple, int maxBatch,
        String precision) {
    /** Copies the lists. */
    public ModelInfo {
        directions = List.copyOf(directions);
        attributes = List.copyOf(attributes);
    }
}
