package io.transmute.spark;

import io.transmute.core.infer.Translator;
import io.transmute.core.infer.TranslatorOptions;
import io.transmute.core.torch.Torch;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The generators loaded in this JVM, one per weights checksum and options: an executor loads a model once, on
 * its first task that needs it, and every later task and partition reuses it. Tasks of one executor run in
 * parallel threads, so a forward pass holds the model's lock ({@link Entry#translator()} is used under it).
 */
public final class ModelCache {
    private static final Map<String, Entry> MODELS = new ConcurrentHashMap<>();
    private static final AtomicInteger LOADS = new AtomicInteger();
    private static final Map<String, AtomicInteger> LOADS_BY_WEIGHTS = new ConcurrentHashMap<>();

    private ModelCache() {
    }

    /**
     * A loaded generator.
     *
     * @param translator the generator; synchronise on it while translating
     */
    public record Entry(Translator translator) {
    }

    /**
     * @param sha256 the weights' checksum
     * @param options how the generator runs
     * @param weights where the weights are on this machine, asked for only when the model is not loaded yet
     * @param threads libtorch intra-op threads to set when loading
     * @return the generator, loaded at most once per JVM for the same checksum and options
     */
    public static Entry get(String sha256, TranslatorOptions options, Supplier<Path> weights, int threads) {
        return MODELS.computeIfAbsent(sha256 + "/" + options, k -> {
            Torch.init(threads);
            LOADS.incrementAndGet();
            LOADS_BY_WEIGHTS.computeIfAbsent(sha256, x -> new AtomicInteger()).incrementAndGet();
            return new Entry(Translator.load(weights.get(), options));
        });
    }

    /** @return how many generators this JVM has loaded so far */
    public static int loads() {
        return LOADS.get();
    }

    /**
     * @param sha256 a weights checksum
     * @return how many times this JVM has loaded those weights
     */
    public static int loads(String sha256) {
        AtomicInteger n = LOADS_BY_WEIGHTS.get(sha256);
        return n == null ? 0 : n.get();
    }
}
