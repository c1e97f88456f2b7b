package io.transmute.core.nn;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.transmute.core.CheckpointException;
import io.transmute.core.TransmuteException;
import io.transmute.core.io.PthReader;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The architecture a network was trained with, stored as the text record {@value #RECORD} inside each weight file
 * we write (see {@code PthWriter.write(Path, StateDict, Map)}), so a checkpoint loads without architecture flags.
 * {@code torch.load} ignores the record; files from the reference lack it, and inference falls back to
 * {@link ArchitectureInference}.
 *
 * <p>The JSON holds {@code format} (1), {@code model} ({@code --model}), {@code network} ({@code G}, {@code D_A},
 * ...), for generators a {@code generator} object ({@code netG}, {@code input_nc}, {@code output_nc}, {@code ngf},
 * {@code norm}, {@code use_dropout}, {@code upsample}), and {@code options}: every effective training option.
 *
 * @param model the model the network belongs to
 * @param network the network's reference name
 * @param generator the generator's architecture, or null for a discriminator
 * @param options the run's effective options by reference name (without dashes)
 */
public record StoredArchitecture(String model, String network, GeneratorSpec generator, Map<String, Object> options) {
    /** The record's name inside the archive's {@code transmute/} folder. */
    public static final String RECORD = "architecture.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Copies the options. */
    public StoredArchitecture {
        options = Map.copyOf(options);
    }

    /** @return the record's JSON text */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", 1);
        root.put("model", model);
        root.put("network", network);
        if (generator != null) {
            ObjectNode g = root.putObject("generator");
            g.put("netG", generator.netG());
            g.put("input_nc", generator.inputNc());
            g.put("output_nc", generator.outputNc());
            g.put("ngf", generator.ngf());
            g.put("norm", generator.norm().cliName());
            g.put("use_dropout", generator.useDropout());
            g.put("upsample", generator.upsample().cliName());
        }
        root.set("options", JSON.valueToTree(new java.util.TreeMap<>(options)));
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new TransmuteException("cannot encode the architecture of " + network + ": " + e.getMessage(), e);
        }
    }

    /**
     * Parses a record written by {@link #toJson()}.
     *
     * @param json the text
     * @param source the file, for messages
     * @return the architecture
     * @throws CheckpointException when the text is not such a record
     */
    @SuppressWarnings("unchecked")
    public static StoredArchitecture parse(String json, String source) {
        try {
            JsonNode root = JSON.readTree(json);
            if (root == null || root.path("format").asInt() != 1) {
                throw new CheckpointException(source + ": " + RECORD + " has an unknown format; it was written by a"
                        + " newer Transmute");
            }
            GeneratorSpec spec = null;
            JsonNode g = root.get("generator");
            if (g != null) {
                spec = GeneratorSpec.of(g.path("netG").asText(), g.path("input_nc").asInt(), g.path("output_nc").asInt(),
                        g.path("ngf").asInt(), NormType.parse(g.path("norm").asText()),
                        g.path("use_dropout").asBoolean(), UpsampleType.parse(g.path("upsample").asText("deconv")));
            }
            Map<String, Object> options = root.has("options") ? JSON.convertValue(root.get("options"), Map.class)
                    : Map.of();
            return new StoredArchitecture(root.path("model").asText(), root.path("network").asText(), spec, options);
        } catch (JsonProcessingException | RuntimeException e) {
            if (e instanceof CheckpointException ce) {
                throw ce;
            }
            throw new CheckpointException(source + ": " + RECORD + " is unreadable (" + e.getMessage()
                    + "); the file is corrupt", e);
        }
    }

    /**
     * Reads the architecture stored in a weight file.
     *
     * @param weights a {@code .pth} file
     * @return the architecture, or empty for a file without the record (e.g. written by the reference)
     */
    public static Optional<StoredArchitecture> read(Path weights) {
        String json = PthReader.readRecords(weights).get(RECORD);
        return json == null ? Optional.empty() : Optional.of(parse(json, weights.getFileName().toString()));
    }
}
