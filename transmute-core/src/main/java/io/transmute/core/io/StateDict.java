package io.transmute.core.io;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An ordered map from dotted parameter names ({@code model.1.weight}) to tensors, as PyTorch's
 * {@code state_dict()}. Order is the module's registration order and is preserved through every format.
 */
public final class StateDict {
    // LinkedHashMap: state-dict order is part of the file format and of error messages
    private final Map<String, TensorData> entries = new LinkedHashMap<>();

    /**
     * Adds or replaces an entry (a replaced key keeps its position).
     *
     * @param key dotted name
     * @param value tensor
     * @return this
     */
    public StateDict put(String key, TensorData value) {
        entries.put(key, value);
        return this;
    }

    /**
     * @param key dotted name
     * @return the tensor, or null
     */
    public TensorData get(String key) {
        return entries.get(key);
    }

    /**
     * @param key dotted name
     * @return the removed tensor, or null
     */
    public TensorData remove(String key) {
        return entries.remove(key);
    }

    /**
     * @param key dotted name
     * @return whether the key is present
     */
    public boolean contains(String key) {
        return entries.containsKey(key);
    }

    /** @return keys in order */
    public Set<String> keys() {
        return Collections.unmodifiableSet(entries.keySet());
    }

    /** @return entries in order, read-only */
    public Map<String, TensorData> entries() {
        return Collections.unmodifiableMap(entries);
    }

    /** @return the number of entries */
    public int size() {
        return entries.size();
    }

    /**
     * A copy keeping only the keys under {@code prefix}, with the prefix removed.
     *
     * @param prefix e.g. {@code netG.}
     * @return the sub-dictionary
     */
    public StateDict withPrefixRemoved(String prefix) {
        StateDict out = new StateDict();
        entries.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }

    /** @return keys in order as a list */
    public List<String> keyList() {
        return List.copyOf(entries.keySet());
    }
}
