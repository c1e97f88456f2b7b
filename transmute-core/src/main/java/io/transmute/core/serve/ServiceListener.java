package io.transmute.core.serve;

/** Hears what a {@link TranslationService} does, e.g. to keep metrics. Called on the service's worker threads. */
public interface ServiceListener {
    /** Hears nothing. */
    ServiceListener NONE = (model, size, nanos) -> { };

    /**
     * A forward pass finished.
     *
     * @param model the served model's name
     * @param size the requests it held
     * @param nanos how long it took
     */
    void batchDone(String model, int size, long nanos);
}
