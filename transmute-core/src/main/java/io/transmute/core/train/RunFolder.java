package io.transmute.core.train;

import io.transmute.core.InvalidOptionException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The run folder {@code <checkpoints_dir>/<name>/}: its default names, the labels of its checkpoints, the
 * listing of what it holds and what a training run may do with it before it writes anything there.
 */
public final class RunFolder {
    /** {@code --checkpoints_dir}'s default. */
    public static final String DEFAULT_CHECKPOINTS_DIR = "./checkpoints";
    /** {@code --name}'s default. */
    public static final String DEFAULT_NAME = "experiment_name";
    /** The label of the newest checkpoint, {@code --epoch}'s default. */
    public static final String LATEST = "latest";

    private RunFolder() {
    }

    /**
     * @param checkpointsDir {@code --checkpoints_dir}, or null for the default
     * @param name {@code --name}, or null for the default
     * @return the run folder
     */
    public static Path of(String checkpointsDir, String name) {
        return Path.of(checkpointsDir == null ? DEFAULT_CHECKPOINTS_DIR : checkpointsDir)
                .resolve(name == null ? DEFAULT_NAME : name);
    }

    /**
     * @param loadIter {@code --load_iter}, or null
     * @param epoch {@code --epoch}, or null for {@link #LATEST}
     * @return the label of the checkpoint to load: {@code iter_<load_iter>} if above 0, else the epoch
     */
    public static String loadLabel(Integer loadIter, String epoch) {
        return loadIter != null && loadIter > 0 ? iterationLabel(loadIter) : epoch == null ? LATEST : epoch;
    }

    /**
     * @param iters samples trained
     * @return {@code iter_<iters>}, the label of {@code --save_by_iter} checkpoints
     */
    public static String iterationLabel(long iters) {
        return "iter_" + iters;
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
