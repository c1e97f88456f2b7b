package io.transmute.core.model;

import java.util.List;

/**
 * One style-transfer step's losses, each already multiplied by its weight.
 *
 * @param content {@code content}: {@code content_weight} times the feature reconstruction loss between the
 *     stylised images and the content images
 * @param style {@code style}: {@code style_weight} times the Gram-matrix loss against the style image
 * @param tv {@code tv}: {@code tv_weight} times the total variation of the stylised images
 */
public record StyleTransferLosses(double content, double style, double tv) implements Losses {
    @Override
    public List<Metric> values() {
        return List.of(new Metric("content", content), new Metric("style", style), new Metric("tv", tv));
    }
}
