package io.transmute.core.io;

import java.io.IOException;

/**
 * A consumer that may throw {@link IOException}, so that writers can stream into a file without wrapping every
 * call.
 *
 * @param <T> the consumed type
 */
@FunctionalInterface
public interface IoConsumer<T> {
    /**
     * @param value the value to consume
     * @throws IOException when writing fails
     */
    void accept(T value) throws IOException;
}
