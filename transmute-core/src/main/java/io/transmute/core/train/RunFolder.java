package io.transmute.core.train;

import io.transmute.core.CheckpointException;
import io.transmute.core.InvalidOptionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The files of a run folder, {@code <checkpoints_dir>/<name>/}: the checkpoints it holds and what a training run
 * may do there before it writes anything. Checkpoints are the reference's weight files
 * {@code <label>_net_<network>.pth}, our training states {@code <label>_train_state.pth} and yunjey/stargan's
 * {@code <iteration>-<network>.ckpt}.
 */
public final class RunFolder {
    /** The reference's default {@code --checkpoints_dir}. */
    public static final String DEFAULT_CHECKPOINTS_DIR = "./checkpoints";
    /** The reference's default {@code --name}. */
    public static final String DEFAULT_NAME = "experiment_name";
    /** The label of the newest checkpoint, the reference's default {@code --epoch}. */
    public static final String LATEST = "latest";
    private static final String ITERATION_FILE = "[0-9]+-G\\.ckpt";

    private RunFolder() {
    }

    /**
     * @param checkpointsDir {@code --checkpoints_dir}, or null for the default
     * @param name {@code --name}, or null for the default
     * @return the run folder {@code <checkpoints_dir>/<name>}
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
        return names(runDir, n -> !n.startsWith(".") && (n.endsWith(".pth") || n.endsWith(".ckpt")));
    }

    /**
     * @param runDir the run folder
     * @param label {@code latest}, an epoch number or {@code iter_<n>}
     * @return the weight files {@code <label>_net_*.pth} there, sorted
     */
    public static List<Path> weightFiles(Path runDir, String label) {
        String prefix = label + "_net_";
        return names(runDir, n -> n.startsWith(prefix) && n.endsWith(".pth")).stream().map(runDir::resolve)
                .toList();
    }

    /**
     * @param runDir a run or model folder
     * @param iteration an iteration count
     * @param network a network name, e.g. {@code G}
     * @return yunjey/stargan's checkpoint file {@code <runDir>/<iteration>-<network>.ckpt}
     */
    public static Path iterationFile(Path runDir, long iteration, String network) {
        return runDir.resolve(iteration + "-" + network + ".ckpt");
    }

    /**
     * @param runDir a run or model folder
     * @return the iterations that have a {@code <iteration>-G.ckpt} there, ascending
     */
    public static List<Long> savedIterations(Path runDir) {
        return names(runDir, n -> n.matches(ITERATION_FILE)).stream()
                .map(n -> Long.parseLong(n.substring(0, n.indexOf('-')))).sorted().toList();
    }

    private static List<String> names(Path runDir, Predicate<String> filter) {
        if (!Files.isDirectory(runDir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(runDir)) {
            return s.map(p -> p.getFileName().toString()).filter(filter).sorted().toList();
        } catch (IOException e) {
            throw new CheckpointException(runDir + ": cannot list checkpoints (" + e.getMessage() + ")", e);
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
