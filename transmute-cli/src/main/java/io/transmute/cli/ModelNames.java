package io.transmute.cli;

import io.transmute.core.model.ModelRegistry;
import java.util.Iterator;

/** The registered {@code --model} names, in registry order, for picocli's help and completion. */
final class ModelNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
        return ModelRegistry.names().iterator();
    }
}
