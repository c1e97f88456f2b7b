package io.transmute.core.nn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.StringSharedModuleDict;
import org.bytedeco.pytorch.StringSharedModuleDictItem;
import org.bytedeco.pytorch.StringTensorDict;
import org.bytedeco.pytorch.Tensor;

/**
 * A module's submodules in PyTorch's pre-order, with their dotted prefixes. The JavaCPP collections are
 * indexed, not iterable, and give the root's empty name as null; this turns them into Java collections.
 */
final class ModuleTree {
    private ModuleTree() {
    }

    /** A submodule and its key prefix ({@code ""} for the root, else {@code "model.1."}). */
    record Node(String prefix, Module module) {
        /** @return the libtorch class name, e.g. {@code torch::nn::Conv2dImpl} */
        String className() {
            return module.name().getString();
        }

        /** @return the module's own parameters (undefined ones, like a disabled bias, are absent) */
        Map<String, Tensor> parameters() {
            return toMap(module.named_parameters(false));
        }

        /** @return the module's own buffers */
        Map<String, Tensor> buffers() {
            return toMap(module.named_buffers(false));
        }
    }

    static List<Node> nodes(Module root) {
        StringSharedModuleDict dict = root.named_modules("", true);
        List<Node> out = new ArrayList<>();
        for (long i = 0; i < dict.size(); i++) {
            StringSharedModuleDictItem item = dict.get(i);
            String name = item.key() == null ? "" : item.key().getString();
            out.add(new Node(name.isEmpty() ? "" : name + ".", item.value()));
        }
        return out;
    }

    /**
     * Parameters and buffers under their full keys, in {@code state_dict()} order: per module (pre-order) its
     * parameters, then its buffers.
     */
    static Map<String, Tensor> stateTensors(Module root) {
        // LinkedHashMap: the order is the state_dict order that files and messages use
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Node n : nodes(root)) {
            n.parameters().forEach((k, v) -> out.put(n.prefix() + k, v));
            n.buffers().forEach((k, v) -> out.put(n.prefix() + k, v));
        }
        return out;
    }

    private static Map<String, Tensor> toMap(StringTensorDict dict) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (long i = 0; i < dict.size(); i++) {
            out.put(dict.get(i).key().getString(), dict.get(i).value());
        }
        return out;
    }
}
