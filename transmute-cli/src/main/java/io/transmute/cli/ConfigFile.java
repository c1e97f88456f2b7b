package io.transmute.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.transmute.core.InvalidOptionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a {@code --config} file, a YAML or JSON map from option names (with or without the leading
 * {@code --}) to values, into command-line arguments: {@code n_epochs: 5} gives {@code --n_epochs 5}, a boolean
 * true gives the bare flag, false nothing, a list one value after another. Options also given on the command
 * line are left out, so the command line wins.
 */
final class ConfigFile {
    private ConfigFile() {
    }

    /**
     * @param file a {@code .yaml}/{@code .yml} or {@code .json} file
     * @param given the long names of the options on the command line, e.g. {@code --name}
     * @return the arguments the file stands for
     * @throws InvalidOptionException when the file is missing or not a map of options
     */
    static List<String> arguments(Path file, Set<String> given) {
        String n = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        ObjectMapper mapper = n.endsWith(".json") ? new JsonMapper() : new YAMLMapper();
        JsonNode root;
        try {
            root = mapper.readTree(Files.readString(file));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new InvalidOptionException("--config " + file + ": no such file; check the path");
        } catch (IOException e) {
            throw new InvalidOptionException("--config " + file + ": not valid " + (n.endsWith(".json") ? "JSON"
                    : "YAML") + " (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidOptionException("--config " + file + ": expected a map of option names to values,"
                    + " such as 'n_epochs: 5'");
        }
        List<String> args = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey().startsWith("-") ? e.getKey() : "--" + e.getKey();
            if (name.equals("--config")) {
                throw new InvalidOptionException("--config " + file + ": a config file cannot name another one");
            }
            if (given.contains(name)) {
                continue;
            }
            JsonNode v = e.getValue();
            if (v.isBoolean()) {
                if (v.booleanValue()) {
                    args.add(name);
                }
            } else if (v.isArray()) {
                args.add(name);
                v.forEach(item -> args.add(item.asText()));
            } else if (v.isValueNode() && !v.isNull()) {
                args.add(name);
                args.add(v.asText());
            } else {
                throw new InvalidOptionException("--config " + file + ": " + e.getKey() + " must be a value or a"
                        + " list, not " + v.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
            }
        }
        return args;
    }
}
