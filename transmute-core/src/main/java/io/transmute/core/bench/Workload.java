package io.transmute.core.bench;

/** One benchmark iteration and the native resources it reuses; {@code transmute bench} times {@link #step}. */
public interface Workload extends AutoCloseable {
    /** Runs one iteration (a batch through the network, or one training step) and frees its temporaries. */
    void step();

    @Override
    void close();
}
