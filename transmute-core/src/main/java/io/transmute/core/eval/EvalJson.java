package io.transmute.core.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.transmute.core.io.AtomicFiles;
import java.nio.file.Path;
import java.util.Map;

/**
 * The JSON form of an {@link EvalResult}: the metric names at the top level with their numbers (null where not
 * finite, e.g. the PSNR of identical images), then {@code n_real}, {@code n_fake}, {@code n_pairs}, the protocol,
 * the weights files' SHA-256 and the Transmute version.
 */
public final class EvalJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private EvalJson() {
    }

    /**
     * @param result the scores
     * @param version the Transmute version
     * @return the JSON text
     */
    public static String toJson(EvalResult result, String version) {
        ObjectNode root = MAPPER.createObjectNode();
        for (Map.Entry<String, Double> e : result.scores().entrySet()) {
            if (Double.isFinite(e.getValue())) {
                root.put(e.getKey(), e.getValue());
            } else {
                root.putNull(e.getKey());
            }
        }
        root.put("n_real", result.nReal());
        root.put("n_fake", result.nFake());
        if (result.nPairs() > 0) {
            root.put("n_pairs", result.nPairs());
        }
        root.set("skipped", MAPPER.valueToTree(result.skipped()));
        root.set("unmatched", MAPPER.valueToTree(result.unmatched()));
        root.set("protocol", MAPPER.valueToTree(result.protocol()));
        root.set("weights_sha256", MAPPER.valueToTree(result.weights()));
        root.put("transmute_version", version);
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes the JSON atomically.
     *
     * @param file the file to create or replace
     * @param result the scores
     * @param version the Transmute version
     */
    public static void write(Path file, EvalResult result, String version) {
        AtomicFiles.writeString(file, toJson(result, version));
    }
}
