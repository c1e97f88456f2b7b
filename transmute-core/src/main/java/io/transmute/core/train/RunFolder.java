package io.transmute.core.train;

import io.transmute.core.InvalidOptionException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** What a training run may do with {@code <checkpoints_dir>/<name>/} before it writes anything there. */
public final class RunFolder {
    private RunFolder() {
    }

    /**
     * @param checkpointsDir {@code --checkpoints_dir}
     * @param name {@code --name}
     * @throws InvalidOptionException when the name does not give a folder of its own below the checkpoints folder
     *     ({@code .}, {@code ..}, empty, or a path that leaves it)
     */
    public static void requireOwnFolder(Path checkpointsDir, String name) {
        Path root = checkpointsDir.toAbsolutePath().normalize();
        Path run = root.resolve(name).normalize();
        if (name.isBlank() || Path.of(name).isAbsolute() || !run.startsWith(root) || run.equals(root)) {
            throw new InvalidOptionException("--name '" + name + "' does not name a folder of its own inside "
                    + checkpointsDir + "; give a plain name such as facades_pix2pix");
        }
    }

    /**
     * @param runDir the run folder
     * @return the checkpoint files already there (weights, training states, StarGAN {@code .ckpt}), sorted
     */
    public static List<String> checkpoints(Path runDir) {
        if (!Files.isDirectory(runDir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(runDir)) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith(".") && (n.endsWith(".pth") || n.endsWith(".ckpt")))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Refuses to start a new run over an earlier one's checkpoints unless asked to.
     *
     * @param runDir the run folder
     * @param overwrite {@code --overwrite}: replace the earlier run
     * @throws InvalidOptionException when the folder holds checkpoints and {@code overwrite} is false
     */
    public static void requireFreshOrOverwrite(Path runDir, boolean overwrite) {
        List<String> existing = checkpoints(runDir);
        if (!existing.isEmpty() && !overwrite) {
            throw new InvalidOptionException(runDir + " already holds a run (" + existing.size() + " checkpoint"
                    + " file(s), e.g. " + existing.get(0) + "); add --continue_train to resume it, --overwrite to"
                    + " start over and replace it, or choose another --name");
        }
    }
}
