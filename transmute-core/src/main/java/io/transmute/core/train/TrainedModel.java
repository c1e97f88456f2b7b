package io.transmute.core.train;

import io.transmute.core.CheckpointException;
import io.transmute.core.InvalidOptionException;
import io.transmute.core.io.PthReader;
import io.transmute.core.model.ModelOptions;
import io.transmute.core.model.ModelRegistry;
import io.transmute.core.model.StarGanModel;
import io.transmute.core.model.TranslationModel;
import io.transmute.core.nn.ModuleWeights;
import io.transmute.core.nn.StoredArchitecture;
import io.transmute.core.option.OptionKey;
import io.transmute.core.random.Rng;
import io.transmute.core.torch.Device;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bytedeco.pytorch.Module;

/**
 * Opens a trained run for testing, as the reference's {@code test.py} with {@code setup}: the model is built
 * from the options stored in the checkpoint's weight files (so no architecture flag is needed), without
 * discriminators or optimizers, and its generators are loaded from {@code <label>_net_<name>.pth}. Weight files
 * written by the reference carry no options; then the command line's options describe the model, as there.
 */
public final class TrainedModel {
    // the options a test run decides itself; everything else comes from the checkpoint
    private static final List<OptionKey<?>> TEST_KEYS = List.of(TrainOptions.PHASE, TrainOptions.NAME,
            TrainOptions.CHECKPOINTS_DIR, TrainOptions.EPOCH, TrainOptions.LOAD_ITER, TrainOptions.NUM_THREADS,
            TrainOptions.BATCH_SIZE, TrainOptions.MAX_DATASET_SIZE, TrainOptions.NO_FLIP, TrainOptions.SERIAL_BATCHES,
            TrainOptions.DISPLAY_WINSIZE, TrainOptions.VERBOSE, TrainOptions.SEED, TrainOptions.THREADS,
            TrainOptions.DEVICE, TrainOptions.SUFFIX);
    // StarGAN's test-time choice of iteration; the stored value is not kept
    private static final List<OptionKey<?>> STARGAN_TEST_KEYS = List.of(StarGanOptionKeys.TEST_ITERS);
    // StarGAN's folders: the training ones are kept unless the test gives its own
    private static final List<OptionKey<?>> STARGAN_DATA_KEYS = List.of(StarGanOptionKeys.CELEBA_IMAGE_DIR,
            StarGanOptionKeys.ATTR_PATH, StarGanOptionKeys.RAFD_IMAGE_DIR);
    // the data the run was trained on, kept unless the test gives its own
    private static final List<OptionKey<?>> DATA_KEYS = List.of(TrainOptions.DATAROOT, TrainOptions.DIRECTION,
            TrainOptions.LOAD_SIZE, TrainOptions.CROP_SIZE, TrainOptions.PREPROCESS);

    private TrainedModel() {
    }

    /**
     * Resolves the options to test with: the checkpoint's stored options, with the command line's data and
     * runtime options on top; options that shape the model must match the stored ones.
     *
     * @param commandLine what the user gave, including {@code --name}, {@code --checkpoints_dir},
     *     {@code --epoch} / {@code --load_iter} and the test's data options
     * @return the options, and the stored architecture if the checkpoint has one
     * @throws CheckpointException when the checkpoint does not exist
     * @throws InvalidOptionException when a given option contradicts the checkpoint
     */
    public static TrainOptions options(TrainOptions.Builder commandLine) {
        Path runDir = RunFolder.of(commandLine.get(TrainOptions.CHECKPOINTS_DIR), commandLine.get(TrainOptions.NAME));
        String label = RunFolder.loadLabel(commandLine.get(TrainOptions.LOAD_ITER),
                commandLine.get(TrainOptions.EPOCH));
        List<Path> files = RunFolder.weightFiles(runDir, label);
        if (files.isEmpty() && StarGanModel.NAME.equals(commandLine.get(TrainOptions.MODEL))) {
            // a folder of the reference's <iter>-G.ckpt files holds no options: the command line describes the run
            return commandLine.build();
        }
        if (files.isEmpty()) {
            throw new CheckpointException("no checkpoint '" + label + "' in " + runDir + " (no " + label
                    + "_net_*.pth); check --name, --checkpoints_dir and --epoch");
        }
        Optional<StoredArchitecture> stored = Optional.empty();
        for (Path f : files) {
            stored = StoredArchitecture.read(f);
            if (stored.isPresent()) {
                break;
            }
        }
        if (stored.isEmpty()) {
            return withTestLoadSize(commandLine).build();
        }
        Map<String, Object> given = new LinkedHashMap<>();
        // StarGAN's test() keeps the training batch size: one result grid per batch
        boolean starGan = StarGanModel.NAME.equals(stored.get().options().get("model"));
        stored.get().options().forEach((k, v) -> {
            OptionKey<?> key = TrainOptions.Builder.key("--" + k);
            boolean keep = key != null && (starGan && key == TrainOptions.BATCH_SIZE
                    || !TEST_KEYS.contains(key) && !STARGAN_TEST_KEYS.contains(key));
            if (keep && key != TrainOptions.LOAD_SIZE) {
                given.put("--" + k, v);
            }
        });
        TrainOptions.Builder merged = TrainOptions.Builder.fromStored(given);
        TrainOptions storedOptions = merged.buildUnchecked();
        Map<String, Object> values = storedOptions.values();
        commandLine.given().forEach((key, value) -> {
            if (TEST_KEYS.contains(key) || DATA_KEYS.contains(key) || STARGAN_TEST_KEYS.contains(key)
                    || STARGAN_DATA_KEYS.contains(key)) {
                set(merged, key, value);
            } else if (!java.util.Objects.equals(values.get(key.cliName().substring(2)), OptionValues.plain(value))) {
                throw new InvalidOptionException(key + " " + OptionValues.python(OptionValues.plain(value))
                        + " contradicts the checkpoint, which was trained with " + key + " "
                        + OptionValues.python(values.get(key.cliName().substring(2))) + "; drop it");
            }
        });
        return StarGanModel.NAME.equals(storedOptions.model()) ? merged.build() : withTestLoadSize(merged).build();
    }

    // the reference's test options: --load_size defaults to --crop_size, so test images are not cropped
    private static TrainOptions.Builder withTestLoadSize(TrainOptions.Builder b) {
        if (b.get(TrainOptions.LOAD_SIZE) == null) {
            b.set(TrainOptions.LOAD_SIZE, b.buildUnchecked().data().cropSize());
        }
        return b;
    }

    @SuppressWarnings("unchecked")
    private static <T> void set(TrainOptions.Builder b, OptionKey<T> key, Object value) {
        b.set(key, (T) value);
    }

    /**
     * Builds an iteration-based model for testing from its own checkpoint of one iteration (StarGAN's
     * {@code <iters>-G.ckpt}, the reference's {@code restore_model(test_iters)}). Call outside any step scope.
     *
     * @param options from {@link #options}
     * @param device where to run
     * @param iters the iteration to load ({@code --test_iters})
     * @return the model; the caller closes it
     * @throws CheckpointException when the iteration's files are missing or do not fit
     */
    public static TranslationModel loadIteration(TrainOptions options, Device device, long iters) {
        ModelOptions testing = options.modelOptions().toBuilder().set(ModelOptions.IS_TRAIN, false).build();
        TranslationModel model = ModelRegistry.get(options.model()).create(testing, device, new Rng(options.seed()));
        try {
            IterationCheckpoints.load(options.runDir(), iters, model, false);
            return model;
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /**
     * Builds the model for testing and loads its generators' weights. Call outside any step scope.
     *
     * @param options from {@link #options}
     * @param device where to run
     * @return the model, in train mode (call {@code setEvalMode(true)} for {@code --eval}); the caller closes it
     * @throws CheckpointException when a weight file is missing or does not fit
     */
    public static TranslationModel load(TrainOptions options, Device device) {
        ModelOptions testing = options.modelOptions().toBuilder().set(ModelOptions.IS_TRAIN, false).build();
        TranslationModel model = ModelRegistry.get(options.model()).create(testing, device, new Rng(options.seed()));
        try {
            for (Map.Entry<String, Module> e : model.networks().asMap().entrySet()) {
                Path file = TrainingCheckpoint.weightsFile(options.runDir(), options.loadLabel(), e.getKey());
                ModuleWeights.load(e.getValue(), PthReader.read(file), file.getFileName().toString());
            }
            return model;
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }
}
