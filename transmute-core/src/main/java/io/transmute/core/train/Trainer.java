package io.transmute.core.train;

import io.transmute.core.CheckpointException;
import io.transmute.core.data.Batch;
import io.transmute.core.data.DataLoader;
import io.transmute.core.data.Dataset;
import io.transmute.core.dist.DistributedContext;
import io.transmute.core.io.AtomicFiles;
import io.transmute.core.io.PthReader;
import io.transmute.core.model.IterationSchedule;
import io.transmute.core.model.ModelInput;
import io.transmute.core.model.ModelRegistry;
import io.transmute.core.model.StepResult;
import io.transmute.core.model.TranslationModel;
import io.transmute.core.model.Visual;
import io.transmute.core.nn.ModuleWeights;
import io.transmute.core.optim.LrSchedule;
import io.transmute.core.random.Rng;
import io.transmute.core.report.HtmlReport;
import io.transmute.core.report.LossLog;
import io.transmute.core.torch.Device;
import io.transmute.core.torch.Scope;
import io.transmute.core.torch.Torch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.bytedeco.pytorch.Module;

/**
 * The reference's {@code train.py} loop for any registered model. Epochs run from {@code --epoch_count} to
 * {@code n_epochs + n_epochs_decay}; the learning rate is updated at the beginning of every epoch, as current
 * upstream does; {@code total_iters} and {@code epoch_iter} grow by {@code --batch_size} per step; losses are
 * reported every {@code --print_freq} samples, visuals every {@code --display_freq}, {@code latest} (or
 * {@code iter_<n>}) is saved every {@code --save_latest_freq} samples, and {@code latest} and the epoch number
 * every {@code --save_epoch_freq} epochs. {@code --max_iters} stops once that many samples are trained, with a
 * checkpoint; like the other frequencies it counts samples, the reference's {@code total_iters}. Unlike the
 * reference, the end of training also saves {@code latest} if the last step is not saved yet.
 *
 * <p>Each step runs in its own {@link Scope}; the model, optimizers and pools live outside. Every checkpoint
 * holds a training state from which {@code --continue_train} resumes exactly: the resumed run's weights equal
 * an uninterrupted run's bit for bit (same options, one thread, CPU).
 *
 * <p>Reports go to the listener given to {@link #run}, plus the reference's {@code loss_log.txt} and, unless
 * {@code --no_html}, the {@code web/} page, which the trainer attaches itself. {@code train_opt.txt} and
 * {@code run.json} are written at the start; {@code run.json} again at every checkpoint.
 */
public final class Trainer {
    private static final System.Logger LOG = System.getLogger(Trainer.class.getName());
    // the model's generator is split off the run's seed under its own key, apart from the data loader's
    private static final long MODEL_RNG_KEY = 0x6d6f64656cL;

    private final TrainOptions options;
    private final TrainingCheckpoint.Saved resume;
    private final String referenceLabel;
    private final boolean overwrite;
    private final DistributedContext dist;
    private volatile boolean stopRequested;

    private Trainer(TrainOptions options, TrainingCheckpoint.Saved resume, String referenceLabel,
            boolean overwrite, DistributedContext dist) {
        this.options = options;
        this.resume = resume;
        this.referenceLabel = referenceLabel;
        this.overwrite = overwrite;
        this.dist = dist;
    }

    private Trainer(TrainOptions options, TrainingCheckpoint.Saved resume, String referenceLabel,
            boolean overwrite) {
        this(options, resume, referenceLabel, overwrite, DistributedContext.single());
    }

    private Trainer(TrainOptions options, TrainingCheckpoint.Saved resume, String referenceLabel) {
        this(options, resume, referenceLabel, false);
    }

    /**
     * @param replace true to let a new run (not a continued one) replace the checkpoints of an earlier run with
     *     the same name, as {@code --overwrite}; without it such a run is refused
     * @return a trainer like this one with that choice
     */
    public Trainer overwriting(boolean replace) {
        return new Trainer(options, resume, referenceLabel, replace, dist);
    }

    /**
     * Makes this run one rank of a data-parallel run (see {@link DistributedRun}); {@code --batch_size} is then
     * per process, and only rank 0 writes.
     *
     * @param context the joined group; the caller closes it after {@link #run}
     * @return a trainer like this one in that group
     */
    public Trainer distributed(DistributedContext context) {
        return new Trainer(options, resume, referenceLabel, overwrite, context);
    }

    /**
     * Resolves the options and, with {@code --continue_train}, finds what to continue from: the training state
     * {@code <label>_train_state.pth}, whose stored options then apply (see
     * {@link TrainOptions#forResume}), or else the reference's weight files {@code <label>_net_*.pth}, loaded
     * as the reference does, starting at {@code --epoch_count} with the command line's options.
     *
     * @param given the options the user gave
     * @return a trainer ready to {@link #run}
     * @throws io.transmute.core.InvalidOptionException for invalid options
     * @throws CheckpointException when continuing and no readable checkpoint exists
     */
    public static Trainer prepare(TrainOptions.Builder given) {
        boolean cont = Boolean.TRUE.equals(given.get(TrainOptions.CONTINUE_TRAIN));
        if (!cont) {
            return new Trainer(given.build(), null, null);
        }
        Path runDir;
        String label;
        if (given.get(TrainOptions.SUFFIX) != null) {
            TrainOptions o = given.build();
            runDir = o.runDir();
            label = o.loadLabel();
        } else {
            runDir = Path.of(Optional.ofNullable(given.get(TrainOptions.CHECKPOINTS_DIR)).orElse("./checkpoints"))
                    .resolve(Optional.ofNullable(given.get(TrainOptions.NAME)).orElse("experiment_name"));
            Integer loadIter = given.get(TrainOptions.LOAD_ITER);
            label = loadIter != null && loadIter > 0 ? "iter_" + loadIter
                    : Optional.ofNullable(given.get(TrainOptions.EPOCH)).orElse("latest");
        }
        Path state = TrainingCheckpoint.stateFile(runDir, label);
        if (Files.exists(state)) {
            TrainingCheckpoint.Saved saved = TrainingCheckpoint.read(state);
            TrainOptions.Builder stored = TrainOptions.Builder.fromGiven(saved.given());
            TrainOptions options = TrainOptions.forResume(stored.build(), given);
            if (!options.model().equals(saved.model())) {
                throw new CheckpointException(state + ": holds a " + saved.model() + " run but its options say "
                        + options.model() + "; the file is inconsistent");
            }
            return new Trainer(options, saved, null);
        }
        List<Path> weights = referenceWeights(runDir, label);
        if (weights.isEmpty()) {
            throw new CheckpointException("--continue_train: no checkpoint '" + label + "' in " + runDir
                    + " (neither " + state.getFileName() + " nor " + label + "_net_*.pth); check --name,"
                    + " --checkpoints_dir and --epoch");
        }
        return new Trainer(given.build(), null, label);
    }

    private static List<Path> referenceWeights(Path runDir, String label) {
        if (!Files.isDirectory(runDir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(runDir)) {
            String prefix = label + "_net_";
            return s.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith(prefix) && n.endsWith(".pth");
            }).sorted().toList();
        } catch (IOException e) {
            throw new CheckpointException(runDir + ": cannot list checkpoints (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Asks a running {@link #run} to stop after the current step, saving {@code latest} as {@code --max_iters}
     * does. Safe to call from any thread, e.g. a timer or a shutdown hook.
     */
    public void requestStop() {
        stopRequested = true;
    }

    /** @return the resolved options this trainer runs with */
    public TrainOptions options() {
        return options;
    }

    /** @return the training state this run continues from, if any */
    public Optional<Path> resumedFrom() {
        return resume == null ? Optional.empty() : Optional.of(resume.file());
    }

    /** @return the label of the reference weight files this run starts from, if it continues a reference run */
    public Optional<String> referenceStart() {
        return Optional.ofNullable(referenceLabel);
    }

    /**
     * What a run did.
     *
     * @param position where it stopped
     * @param completed whether every epoch is done (false when {@code --max_iters} stopped it)
     * @param runDir the run folder
     * @param skippedFiles dataset files skipped as unreadable, sorted
     */
    public record Result(TrainingCheckpoint.Position position, boolean completed, Path runDir,
            List<Path> skippedFiles) {
        /**
         * A result with no skipped files.
         *
         * @param position where it stopped
         * @param completed whether every epoch is done
         * @param runDir the run folder
         */
        public Result(TrainingCheckpoint.Position position, boolean completed, Path runDir) {
            this(position, completed, runDir, List.of());
        }
    }

    /**
     * Trains until the last epoch or {@code --max_iters}.
     *
     * @param listener receives progress, in addition to the loss log and web page
     * @return where it stopped
     * @throws io.transmute.core.DataException when the dataset is missing or empty
     * @throws CheckpointException when a checkpoint to continue from does not fit the model
     */
    public Result run(TrainingListener listener) {
        RunFolder.requireOwnFolder(options.checkpointsDir(), options.name());
        Torch.init(options.threads());
        Device device = Device.parse(options.device());
        device.checkAvailable();
        Dataset dataset = options.openDataset();
        Torch.seed(options.seed());
        Path runDir = options.runDir();
        // only rank 0 writes to the run folder, so only it locks it
        try (RunLock lock = dist.leader() ? RunLock.acquire(runDir) : null;
                DataLoader loader = new DataLoader(dataset, options.seed(), dist.shard());
                TranslationModel model = ModelRegistry.get(options.model()).create(options.modelOptions(), device,
                        new Rng(dist.rankSeed(options.seed())).split(MODEL_RNG_KEY))) {
            if (lock != null) {
                lock.removedTemporaries().forEach(t -> LOG.log(System.Logger.Level.INFO, "removed " + t
                        + ", left by a write that was killed"));
            }
            boolean continuing = resume != null || referenceLabel != null
                    || model.iterationSchedule().map(IterationSchedule::resumeIters).orElse(0L) > 0;
            if (!continuing) {
                RunFolder.requireFreshOrOverwrite(runDir, overwrite);
            }
            LrSchedule schedule = LrSchedule.create(options.schedule());
            TrainingCheckpoint.Position start = restore(model, schedule, loader.batchesPerEpoch());
            DistributedRun.restoreRank(dist, resume, model, options.seed());
            dist.attach(model);
            RunRecord record = new RunRecord(options, dataset.files(), Instant.now(),
                    resume == null ? null : resume.file().toString());
            List<TrainingListener> all = new ArrayList<>();
            if (dist.leader()) {
                AtomicFiles.writeString(runDir.resolve("train_opt.txt"), options.describe());
                record.write(record.json(start, null));
                all.add(new LossLog(runDir));
                if (!options.noHtml()) {
                    all.add(new HtmlReport(runDir, options.name(), options.displayWinsize()));
                }
                all.add(listener);
            }
            Loop loop = new Loop(model, schedule, loader, device, record, new CompositeTrainingListener(all));
            Result r = model.iterationSchedule().map(s -> loop.runIterations(start, s))
                    .orElseGet(() -> loop.run(start));
            return new Result(r.position(), r.completed(), r.runDir(), loader.skippedPaths());
        }
    }

    private TrainingCheckpoint.Position restore(TranslationModel model, LrSchedule schedule, int batchesPerEpoch) {
        int first = options.schedule().epochCount();
        if (referenceLabel != null) {
            List<String> missing = new ArrayList<>();
            for (Map.Entry<String, Module> e : model.networks().asMap().entrySet()) {
                Path file = TrainingCheckpoint.weightsFile(options.runDir(), referenceLabel, e.getKey());
                if (!Files.isRegularFile(file)) {
                    missing.add(file.getFileName().toString());
                    continue;
                }
                ModuleWeights.load(e.getValue(), PthReader.read(file), file.getFileName().toString());
            }
            if (!missing.isEmpty()) {
                throw new CheckpointException("--continue_train: " + options.runDir() + " lacks " + missing
                        + " for --model " + options.model() + "; check --epoch and --model");
            }
            LOG.log(System.Logger.Level.INFO, "continuing from the reference weights " + referenceLabel
                    + "_net_*.pth at epoch " + first);
            return new TrainingCheckpoint.Position(first, 0, 0, 0);
        }
        if (resume == null) {
            long resumeIters = model.iterationSchedule().map(IterationSchedule::resumeIters).orElse(0L);
            if (resumeIters > 0) {
                model.restoreIterationCheckpoint(options.runDir(), resumeIters);
                LOG.log(System.Logger.Level.INFO, "resuming from iteration " + resumeIters);
            }
            return new TrainingCheckpoint.Position(first, 0, 0, 0);
        }
        String source = resume.file().getFileName().toString();
        for (Map.Entry<String, Module> e : model.networks().asMap().entrySet()) {
            var sd = resume.networks().get(e.getKey());
            if (sd == null) {
                throw new CheckpointException(source + ": has no weights for network " + e.getKey() + " (it holds "
                        + resume.networks().keySet() + "); the file is not from a " + options.model() + " run");
            }
            ModuleWeights.load(e.getValue(), sd, source + " " + e.getKey());
        }
        model.loadState(resume.modelState());
        // an iteration-based model's rates come back with its optimizers; it has no epoch schedule
        if (!model.iterationBased()) {
            schedule.restore(resume.schedule());
            model.setLearningRate(schedule.lr());
        }
        // last: building the networks above drew from this generator
        Torch.restoreCpuGeneratorState(resume.torchCpuRng());
        TrainingCheckpoint.Position p = resume.position();
        return p.nextBatch() >= batchesPerEpoch
                ? new TrainingCheckpoint.Position(p.epoch() + 1, 0, 0, p.totalIters()) : p;
    }

    /** One run of the loop; holds the counters. */
    private final class Loop {
        private final TranslationModel model;
        private final LrSchedule schedule;
        private final DataLoader loader;
        private final Device device;
        private final RunRecord record;
        private final TrainingListener listener;
        private long lastSavedLatest = -1;

        Loop(TranslationModel model, LrSchedule schedule, DataLoader loader, Device device, RunRecord record,
                TrainingListener listener) {
            this.model = model;
            this.schedule = schedule;
            this.loader = loader;
            this.device = device;
            this.record = record;
            this.listener = listener;
        }

        Result run(TrainingCheckpoint.Position start) {
            int lastEpoch = options.lastEpoch();
            // the counters count samples over all ranks, so every frequency means what it means for one process
            int batchSize = options.data().batchSize() * dist.worldSize();
            long maxIters = options.maxIters();
            long totalIters = start.totalIters();
            listener.onStart(new RunInfo(options.name(), options.runDir(), Math.max(1, start.epoch()),
                    Math.max(lastEpoch, start.epoch() - 1), loader.size(), batchSize));
            if (maxIters > 0 && totalIters >= maxIters) {
                listener.onFinish();
                return new Result(start, start.epoch() > lastEpoch, options.runDir());
            }
            rewriteMissingEpochSnapshot();
            TrainingCheckpoint.Position position = start;
            for (int epoch = start.epoch(); epoch <= lastEpoch; epoch++) {
                long epochStart = System.nanoTime();
                boolean midEpoch = epoch == start.epoch() && start.nextBatch() > 0;
                if (!midEpoch) {
                    double old = model.learningRate();
                    double lr = schedule.step(0);
                    model.setLearningRate(lr);
                    LOG.log(System.Logger.Level.DEBUG, () -> String.format("learning rate %.7f -> %.7f", old, lr));
                }
                int epochIter = midEpoch ? start.epochIter() : 0;
                int nextBatch = midEpoch ? start.nextBatch() : 0;
                long visualsIters = -1;  // the iteration whose visuals this epoch last wrote, -1 for none yet
                boolean stop = false;
                try (DataLoader.Epoch batches = loader.epoch(epoch, nextBatch)) {
                    long dataStart = System.nanoTime();
                    double tData = 0;
                    while (batches.hasNext()) {
                        Batch batch = batches.next();
                        long iterStart = System.nanoTime();
                        if (totalIters % options.printFreq() == 0) {
                            tData = (iterStart - dataStart) / 1e9;
                        }
                        totalIters += batchSize;
                        epochIter += batchSize;
                        StepResult result;
                        try (Scope step = Scope.open()) {
                            result = model.trainStep(ModelInput.of(batch, device));
                        }
                        nextBatch = batch.index() + 1;
                        position = new TrainingCheckpoint.Position(epoch, nextBatch, epochIter, totalIters);
                        long stepEnd = System.nanoTime();
                        listener.onStep(new IterationInfo(epoch, epochIter, totalIters,
                                (stepEnd - iterStart) / 1e9 / batchSize, (iterStart - dataStart) / 1e9,
                                (double) epochIter / loader.size(), result.losses().values()));
                        if (!options.noHtml() && totalIters % options.displayFreq() == 0
                                && (totalIters % options.updateHtmlFreq() == 0 || visualsIters < 0)) {
                            listener.onVisuals(epoch, totalIters, result.visuals());
                            visualsIters = totalIters;
                        }
                        if (totalIters % options.printFreq() == 0) {
                            double tComp = (System.nanoTime() - iterStart) / 1e9 / batchSize;
                            listener.onIteration(new IterationInfo(epoch, epochIter, totalIters, tComp, tData,
                                    (double) epochIter / loader.size(), result.losses().values()));
                        }
                        if (totalIters % options.saveLatestFreq() == 0) {
                            String label = options.saveByIter() ? "iter_" + totalIters : "latest";
                            save(label, position);
                        }
                        if (maxIters > 0 && totalIters >= maxIters || stopRequested) {
                            // a run stopped early still shows where it got to in its report
                            if (!options.noHtml() && visualsIters != totalIters) {
                                listener.onVisuals(epoch, totalIters, result.visuals());
                            }
                            stop = true;
                            break;
                        }
                        dataStart = System.nanoTime();
                    }
                }
                boolean epochDone = nextBatch >= loader.batchesPerEpoch();
                if (epochDone) {
                    position = new TrainingCheckpoint.Position(epoch, nextBatch, epochIter, totalIters);
                    if (epoch % options.saveEpochFreq() == 0) {
                        save("latest", position);
                        save(Integer.toString(epoch), position);
                    }
                    listener.onEpochEnd(epoch, (System.nanoTime() - epochStart) / 1e9, model.learningRate());
                }
                if (stop) {
                    if (lastSavedLatest != totalIters) {
                        save("latest", position);
                    }
                    listener.onFinish();
                    return new Result(position, epochDone && epoch == lastEpoch, options.runDir());
                }
            }
            // unlike the reference, the end of training always leaves a latest checkpoint, even when the last
            // epoch is not a multiple of --save_epoch_freq
            if (lastSavedLatest != totalIters && totalIters > start.totalIters()) {
                save("latest", position);
            }
            listener.onFinish();
            return new Result(position, true, options.runDir());
        }

        /**
         * The loop of an iteration-based model: the data over and over, one model iteration per batch, until
         * the model is finished, {@code --max_iters} samples are done or a stop is requested. Losses are logged
         * every {@code logStep} iterations, visuals (the step's and the model's sample grid) shown every
         * {@code sampleStep}, and {@code latest} plus the model's own files saved every {@code saveStep} and at
         * the end. The reports' iteration counter is the model's iteration (the reference's {@code i + 1}); the
         * checkpoint position keeps samples, so {@code --max_iters} counts samples as for the other models.
         */
        Result runIterations(TrainingCheckpoint.Position start, IterationSchedule plan) {
            int batchSize = options.data().batchSize();
            long maxIters = options.maxIters();
            long totalIters = start.totalIters();
            listener.onStart(new RunInfo(options.name(), options.runDir(), Math.max(1, start.epoch()),
                    Math.max(1, start.epoch()), loader.size(), batchSize));
            TrainingCheckpoint.Position position = start;
            int epoch = Math.max(1, start.epoch());
            int nextBatch = start.nextBatch();
            int epochIter = start.epochIter();
            boolean stop = maxIters > 0 && totalIters >= maxIters;
            while (!stop && !model.finished()) {
                try (DataLoader.Epoch batches = loader.epoch(epoch, nextBatch)) {
                    long dataStart = System.nanoTime();
                    while (batches.hasNext() && !model.finished()) {
                        Batch batch = batches.next();
                        long iterStart = System.nanoTime();
                        StepResult result;
                        List<Visual> visuals = List.of();
                        long iteration;
                        try (Scope step = Scope.open()) {
                            ModelInput input = ModelInput.of(batch, device);
                            result = model.trainStep(input);
                            iteration = model.iteration();
                            if (!options.noHtml() && iteration % plan.sampleStep() == 0) {
                                visuals = new ArrayList<>(result.visuals());
                                visuals.addAll(model.evaluate(input));
                            }
                        }
                        totalIters += (long) batch.aShape()[0] * dist.worldSize();
                        epochIter += batch.aShape()[0] * dist.worldSize();
                        nextBatch = batch.index() + 1;
                        position = new TrainingCheckpoint.Position(epoch, nextBatch, epochIter, totalIters);
                        double tComp = (System.nanoTime() - iterStart) / 1e9 / batchSize;
                        double tData = (iterStart - dataStart) / 1e9;
                        IterationInfo info = new IterationInfo(epoch, epochIter, iteration, tComp, tData,
                                (double) epochIter / loader.size(), result.losses().values());
                        listener.onStep(info);
                        if (!visuals.isEmpty()) {
                            listener.onVisuals(epoch, iteration, visuals);
                        }
                        if (iteration % plan.logStep() == 0) {
                            listener.onIteration(info);
                        }
                        if (iteration % plan.saveStep() == 0) {
                            saveIteration(position);
                        }
                        if (maxIters > 0 && totalIters >= maxIters || stopRequested) {
                            stop = true;
                            break;
                        }
                        dataStart = System.nanoTime();
                    }
                }
                if (nextBatch >= loader.batchesPerEpoch()) {
                    epoch++;
                    nextBatch = 0;
                    epochIter = 0;
                }
            }
            if (lastSavedLatest != totalIters && totalIters > start.totalIters()) {
                saveIteration(position);
            }
            listener.onFinish();
            return new Result(position, model.finished(), options.runDir());
        }

        /**
         * A run killed while writing an epoch's snapshot (after {@code latest}, which holds the same state) would
         * otherwise never have that snapshot: the resumed run starts at the next epoch.
         */
        private void rewriteMissingEpochSnapshot() {
            if (resume == null) {
                return;
            }
            TrainingCheckpoint.Position p = resume.position();
            String label = Integer.toString(p.epoch());
            if (p.nextBatch() >= loader.batchesPerEpoch() && p.epoch() % options.saveEpochFreq() == 0
                    && !resume.file().getFileName().toString().startsWith(label + "_")
                    && !Files.exists(TrainingCheckpoint.stateFile(options.runDir(), label))) {
                save(label, p);
            }
        }

        private void saveIteration(TrainingCheckpoint.Position position) {
            List<Path> own = dist.leader() ? model.saveIterationCheckpoint(options.runDir()) : List.of();
            save("latest", position, own);
        }

        private void save(String label, TrainingCheckpoint.Position position) {
            save(label, position, List.of());
        }

        private void save(String label, TrainingCheckpoint.Position position, List<Path> extra) {
            if (label.equals("latest")) {
                lastSavedLatest = position.totalIters();
            }
            // every rank hands its own state to rank 0, which alone writes; the others wait until it is written
            Map<String, Object> ranks = DistributedRun.gatherRanks(dist, model);
            if (dist.leader()) {
                String json = record.json(position, label);
                List<Path> files = new ArrayList<>(extra);
                files.addAll(TrainingCheckpoint.save(options.runDir(), label, model, schedule, position, options,
                        json, ranks));
                record.write(json);
                listener.onCheckpoint(new CheckpointInfo(position.epoch(), position.totalIters(), label, files));
            }
            dist.barrier();
        }
    }
}
