package io.transmute.core.io;

import io.transmute.core.CheckpointException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Finds NaN and infinite values in floating-point tensors: weights that would make every output garbage. */
public final class NonFiniteValues {
    private NonFiniteValues() {
    }

    /**
     * One tensor holding non-finite values.
     *
     * @param key the state-dict key
     * @param count how many values are NaN or infinite
     * @param numel how many values the tensor has
     */
    public record Finding(String key, long count, long numel) {
        @Override
        public String toString() {
            return key + " (" + count + " of " + numel + ")";
        }
    }

    /**
     * @param tensor any tensor
     * @return how many of its values are NaN or infinite (0 for integer tensors)
     */
    public static long count(TensorData tensor) {
        if (!tensor.dtype().isFloatingPoint()) {
            return 0;
        }
        long n = 0;
        for (float v : tensor.toFloats()) {
            if (!Float.isFinite(v)) {
                n++;
            }
        }
        return n;
    }

    /**
     * @param tensors named tensors, e.g. a state dict's entries
     * @return every tensor holding a non-finite value, in order
     */
    public static List<Finding> find(Map<String, TensorData> tensors) {
        List<Finding> out = new ArrayList<>();
        tensors.forEach((k, t) -> {
            long n = count(t);
            if (n > 0) {
                out.add(new Finding(k, n, t.numel()));
            }
        });
        return out;
    }

    /**
     * Refuses weights with NaN or infinite values.
     *
     * @param stateDict the weights
     * @param name the file they came from, for the message
     * @throws CheckpointException naming the tensors that hold such values
     */
    public static void requireFinite(StateDict stateDict, String name) {
        List<Finding> bad = find(stateDict.entries());
        if (!bad.isEmpty()) {
            throw new CheckpointException(name + ": " + bad.size() + " tensor(s) hold NaN or infinite values: "
                    + abbreviate(bad) + "; the weights are unusable (training diverged, or the file is damaged);"
                    + " use an earlier checkpoint");
        }
    }

    static String abbreviate(List<Finding> bad) {
        List<String> s = bad.stream().limit(3).map(Finding::toString).toList();
        return String.join(", ", s) + (bad.size() > 3 ? " and " + (bad.size() - 3) + " more" : "");
    }
}
