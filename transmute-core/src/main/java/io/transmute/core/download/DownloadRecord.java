package io.transmute.core.download;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.transmute.core.CheckpointException;
import io.transmute.core.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code download.json} beside a downloaded model: what was fetched from where, and the SHA-256 of each file as
 * first received, against which the files and any later transfer are checked.
 *
 * @param model the qualified catalogue name, e.g. {@code cyclegan:horse2zebra}
 * @param url the published address
 * @param archiveSha256 SHA-256 of the zip archive as received, or null for single files
 * @param files file name (in the model's folder) to its SHA-256
 * @param attributes StarGAN label names in training order; empty for the others
 * @param downloaded when the first transfer finished (ISO-8601)
 */
public record DownloadRecord(String model, String url, String archiveSha256, Map<String, String> files,
        List<String> attributes, String downloaded) {
    /** The record's file name. */
    public static final String FILE = "download.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Copies the collections, files sorted by name. */
    public DownloadRecord {
        files = files == null ? Map.of() : new TreeMap<>(files);
        attributes = attributes == null ? List.of() : List.copyOf(attributes);
    }

    /**
     * @param dir a model folder
     * @return its record, if it has one
     * @throws CheckpointException when the record cannot be parsed
     */
    public static Optional<DownloadRecord> read(Path dir) {
        Path p = dir.resolve(FILE);
        if (!Files.isRegularFile(p)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(p.toFile(), DownloadRecord.class));
        } catch (IOException e) {
            throw new CheckpointException(p + " is not a download record (" + e.getMessage().lines().findFirst()
                    .orElse("") + "); delete it to download the model again", e);
        }
    }

    /**
     * Writes the record atomically.
     *
     * @param dir the model folder
     */
    public void write(Path dir) {
        try {
            AtomicFiles.writeString(dir.resolve(FILE), JSON.writeValueAsString(this) + "\n");
        } catch (IOException e) {
            throw new CheckpointException("cannot encode the download record: " + e.getMessage(), e);
        }
    }
}
