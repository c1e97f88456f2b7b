package io.transmute.core.bench;

import java.util.Optional;

/** One benchmark iteration and the native resources it reuses; {@code transmute bench} times {@link #step}. */
public interface Workload extends AutoCloseable {
    /** Runs one iteration (a batch through the network, or one training step) and frees its temporaries. */
    void step();

    /** @return what the run chose along the way that a reader of its figures should know, if anything */
    default Optional<String> note() {
        return Optional.empty();
    }

    @Override
    void close();
}
