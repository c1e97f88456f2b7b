package io.transmute.core.model;

import java.util.List;
import java.util.Objects;

/**
 * Everything one training step produced: its losses and the images to show, already on the heap.
 *
 * @param losses typed losses
 * @param visuals images under their reference labels, in the reference's {@code visual_names} order
 */
public record StepResult(Losses losses, List<Visual> visuals) {
    /** Copies the list. */
    public StepResult {
        Objects.requireNonNull(losses, "losses");
        visuals = List.copyOf(visuals);
    }
}
