package io.transmute.core.train;

import io.transmute.core.CheckpointException;
import io.transmute.core.io.PthReader;
import io.transmute.core.io.PthWriter;
import io.transmute.core.model.TranslationModel;
import io.transmute.core.nn.ModuleWeights;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.bytedeco.pytorch.Module;

/**
 * yunjey/stargan's checkpoints: one {@code torch.save(net.state_dict())} per network,
 * {@code <iteration>-<network>.ckpt} ({@code 200000-G.ckpt}, {@code 200000-D.ckpt}), which its
 * {@code restore_model} loads and which hold weights only. Each file carries the model's
 * {@link TranslationModel#weightRecords} as extra records, which the reference ignores.
 */
public final class IterationCheckpoints {
    private IterationCheckpoints() {
    }

    /**
     * Writes every network's file, each atomically.
     *
     * @param dir the run or model folder; created if missing
     * @param iteration iterations done
     * @param model the model, between steps
     * @return the files written, in network order
     * @throws CheckpointException when the folder cannot be created
     */
    public static List<Path> save(Path dir, long iteration, TranslationModel model) {
        return save(dir, iteration, model, network -> Map.of());
    }

    /**
     * Writes every network's file, each atomically, with records the run adds to the model's own.
     *
     * @param dir the run or model folder; created if missing
     * @param iteration iterations done
     * @param model the model, between steps
     * @param runRecords for a network's name, records only the run knows (e.g. its dataset's crop size)
     * @return the files written, in network order
     * @throws CheckpointException when the folder cannot be created
     */
    public static List<Path> save(Path dir, long iteration, TranslationModel model,
            Function<String, Map<String, String>> runRecords) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new CheckpointException(dir + ": cannot create the model folder (" + e.getMessage() + ")", e);
        }
        List<Path> files = new ArrayList<>();
        for (Map.Entry<String, Module> e : model.networks().asMap().entrySet()) {
            Path file = RunFolder.iterationFile(dir, iteration, e.getKey());
            Map<String, String> records = new LinkedHashMap<>(model.weightRecords(e.getKey()));
            records.putAll(runRecords.apply(e.getKey()));
            PthWriter.write(file, ModuleWeights.export(e.getValue()), records);
            files.add(file);
        }
        return files;
    }

    /**
     * The reference's {@code restore_model(iters)}: loads the networks' files and tells the model it continues
     * from iteration {@code iters}. The first network's file (the generator) must exist; a model that trains
     * needs every file, one that only translates loads the others where present. Optimizer moments and rates
     * are not in these files.
     *
     * @param dir the run or model folder
     * @param iters the iteration to load
     * @param model the model
     * @param training whether every network's file is required
     * @throws CheckpointException when a required file is missing or does not fit, listing the saved iterations
     */
    public static void load(Path dir, long iters, TranslationModel model, boolean training) {
        boolean first = true;
        for (Map.Entry<String, Module> e : model.networks().asMap().entrySet()) {
            Path file = RunFolder.iterationFile(dir, iters, e.getKey());
            if (!Files.isRegularFile(file) && (first || training)) {
                throw new CheckpointException(file + ": no such checkpoint; saved iterations in " + dir + ": "
                        + RunFolder.savedIterations(dir) + "; give one of them");
            }
            if (Files.isRegularFile(file)) {
                ModuleWeights.load(e.getValue(), PthReader.read(file), file.getFileName().toString());
            }
            first = false;
        }
        model.setIterationsDone(iters);
    }
}
