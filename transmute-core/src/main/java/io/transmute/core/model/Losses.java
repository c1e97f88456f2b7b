package io.transmute.core.model;

import java.util.List;

/** The losses one training step computed, typed per model; a loss that is switched off is 0.0. */
public interface Losses {
    /** No losses: models that do not train. */
    Losses NONE = List::of;

    /** @return the values under their reference labels, in the reference's {@code loss_names} order */
    List<Metric> values();
}
