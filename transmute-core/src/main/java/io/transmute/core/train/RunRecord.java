package io.transmute.core.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.transmute.core.TransmuteException;
import io.transmute.core.io.AtomicFiles;
import io.transmute.core.torch.Torch;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The provenance of a training run, {@code <run>/run.json}: the model and its effective options (with the ones
 * the user gave listed), the Transmute, libtorch and Java versions, OS and architecture (floating-point results
 * can differ across platforms and library versions, so a run is only reproducible where these match), device,
 * threads and seed, progress and times, and a fingerprint of the dataset. Rewritten atomically at the start and
 * at every checkpoint; the same text is embedded in each training-state file.
 */
final class RunRecord {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TrainOptions options;
    private final List<Path> files;
    private final String datasetHash;
    private final Instant started;
    private final String resumedFrom;

    /**
     * @param options the run's options
     * @param datasetFiles every file the dataset reads
     * @param started when this process started training
     * @param resumedFrom the state file this process continued from, or null
     */
    RunRecord(TrainOptions options, List<Path> datasetFiles, Instant started, String resumedFrom) {
        this.options = options;
        this.files = List.copyOf(datasetFiles);
        this.datasetHash = fingerprint(options.data().dataroot(), datasetFiles);
        this.started = started;
        this.resumedFrom = resumedFrom;
    }

    // names relative to the dataset root, sorted: moving the folder keeps the fingerprint
    private static String fingerprint(Path root, List<Path> files) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            files.stream().map(f -> relative(root, f)).sorted().forEach(n -> {
                md.update(n.getBytes(StandardCharsets.UTF_8));
                md.update((byte) '\n');
            });
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static String relative(Path root, Path file) {
        Path r = root.toAbsolutePath().normalize();
        Path f = file.toAbsolutePath().normalize();
        return (f.startsWith(r) ? r.relativize(f) : f).toString().replace('\\', '/');
    }

    /**
     * @param position the loop position
     * @param checkpoint the label of the checkpoint being written, or null at the start
     * @param listenerState the listeners' state, each top-level key becoming one of the document's
     * @return the JSON text
     */
    String json(TrainingCheckpoint.Position position, String checkpoint, Map<String, Object> listenerState) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", "transmute-run");
        String version = RunRecord.class.getPackage().getImplementationVersion();
        root.put("transmute", version == null ? "dev" : version);
        root.put("model", options.model());
        root.put("name", options.name());
        root.set("options", JSON.valueToTree(options.values()));
        root.set("given", JSON.valueToTree(options.given()));
        ObjectNode env = root.putObject("environment");
        env.put("libtorch", Torch.libtorchVersion());
        env.put("java", System.getProperty("java.version"));
        env.put("java_vendor", System.getProperty("java.vendor"));
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        env.put("arch", System.getProperty("os.arch"));
        env.put("device", options.device());
        env.put("threads", Torch.threads());
        env.put("seed", options.seed());
        ObjectNode progress = root.putObject("progress");
        progress.put("epoch", position.epoch());
        progress.put("epoch_iter", position.epochIter());
        progress.put("total_iters", position.totalIters());
        progress.put("last_epoch", options.lastEpoch());
        if (checkpoint != null) {
            progress.put("checkpoint", checkpoint);
        }
        if (resumedFrom != null) {
            progress.put("resumed_from", resumedFrom);
        }
        ObjectNode times = root.putObject("times");
        Instant now = Instant.now();
        times.put("started", started.toString());
        times.put("updated", now.toString());
        times.put("seconds", Duration.between(started, now).toMillis() / 1000.0);
        ObjectNode data = root.putObject("dataset");
        data.put("root", options.data().dataroot().toAbsolutePath().normalize().toString());
        data.put("phase", options.data().phase());
        data.put("files", files.size());
        data.put("names_sha256", datasetHash);
        listenerState.forEach((k, v) -> root.set(k, JSON.valueToTree(v)));
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new TransmuteException("cannot encode run.json: " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@code run.json} atomically.
     *
     * @param json text from {@link #json}
     */
    void write(String json) {
        AtomicFiles.writeString(options.runDir().resolve("run.json"), json);
    }
}
