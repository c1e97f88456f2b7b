package io.transmute.core.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Module;

/**
 * A model's networks by reference name ({@code G}, {@code D}, {@code G_A}...), in the reference's
 * {@code model_names} order. The names give the checkpoint files, {@code <epoch>_net_<name>.pth}.
 */
public final class NetworkSet {
    // LinkedHashMap: the order is the reference's model_names order, which saving and printing follow
    private final Map<String, Module> networks = new LinkedHashMap<>();

    /**
     * Adds a network.
     *
     * @param name its reference name
     * @param net the network
     * @param <M> its type
     * @return {@code net}, so one line declares and registers
     */
    public <M extends Module> M add(String name, M net) {
        if (networks.putIfAbsent(name, net) != null) {
            throw new IllegalArgumentException("network " + name + " is already registered");
        }
        return net;
    }

    /** @return names in order */
    public List<String> names() {
        return List.copyOf(networks.keySet());
    }

    /**
     * @param name a reference name
     * @return the network
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public Module get(String name) {
        Module m = networks.get(name);
        if (m == null) {
            throw new IllegalArgumentException("no network " + name + "; this model has " + names());
        }
        return m;
    }

    /** @return all networks in order, read-only */
    public Map<String, Module> asMap() {
        return Collections.unmodifiableMap(networks);
    }

    /**
     * @param epoch {@code latest} or an epoch number
     * @param name a network name
     * @return the reference's file name, e.g. {@code latest_net_G_A.pth}
     */
    public static String fileName(String epoch, String name) {
        return epoch + "_net_" + name + ".pth";
    }
}
