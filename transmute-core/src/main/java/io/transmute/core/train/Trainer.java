package io.transmute.core.train;

import io.transmute.core.CheckpointException;
import io.transmute.core.data.DataLoader;
import io.transmute.core.data.Dataset;
import io.transmute.core.dist.DistributedContext;
import io.transmute.core.io.AtomicFiles;
import io.transmute.core.io.PthReader;
import io.transmute.core.model.ModelRegistry;
import io.transmute.core.model.TranslationModel;
import io.transmute.core.nn.ModuleWeights;
import io.transmute.core.optim.ScheduleState;
import io.transmute.core.random.Rng;
import io.transmute.core.torch.Device;
import io.transmute.core.torch.Torch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.global.torch;

/**
 * Trains any registered model in one loop ({@link TrainingLoop}) driven by the model's {@link TrainingPlan}: the
 * reference's {@code train.py} epochs ({@link EpochPlan}) or yunjey/stargan's iterations ({@link IterationPlan}).
 * {@code --max_iters} stops either once that many samples are trained, with a checkpoint; it counts samples, the
 * reference's {@code total_iters}. Unlike the references, the end of training also saves {@code latest} if the
 * last step is not saved yet.
 *
 * <p>Each step runs in its own {@code Scope}; the model, optimizers and pools live outside. Every checkpoint
 * holds a training state from which {@code --continue_train} resumes exactly: the resumed run's weights equal
 * an uninterrupted run's bit for bit (same options, one thread, CPU).
 *
 * <p>Reports go to the listener given to {@link #run}; the trainer constructs none itself. The standard set (the
 * reference's {@code loss_log.txt} and {@code web/} page) is built above this package, by
 * {@code report.StandardListeners}. {@code train_opt.txt} and {@code run.json} are written at the start;
 * {@code run.json} again at every checkpoint.
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
            runDir = RunFolder.of(given.get(TrainOptions.CHECKPOINTS_DIR), given.get(TrainOptions.NAME));
            label = RunFolder.loadLabel(given.get(TrainOptions.LOAD_ITER), given.get(TrainOptions.EPOCH));
        }
        Path state = TrainingCheckpoint.stateFile(runDir, label);
        if (Files.exists(state)) {
            TrainingCheckpoint.Saved saved = TrainingCheckpoint.read(state);
            TrainOptions.Builder stored = TrainOptions.Builder.fromStored(saved.given());
            TrainOptions options = TrainOptions.forResume(stored.build(), given);
            if (!options.model().equals(saved.model())) {
                throw new CheckpointException(state + ": holds a " + saved.model() + " run but its options say "
                        + options.model() + "; the file is inconsistent");
            }
            return new Trainer(options, saved, null);
        }
        List<Path> weights = RunFolder.weightFiles(runDir, label);
        if (weights.isEmpty()) {
            throw new CheckpointException("--continue_train: no checkpoint '" + label + "' in " + runDir
                    + " (neither " + state.getFileName() + " nor " + label + "_net_*.pth); check --name,"
                    + " --checkpoints_dir and --epoch");
        }
        return new Trainer(given.build(), null, label);
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
     * @param listener receives every report: normally {@code report.StandardListeners.forRun(options(), mine)}
     * @return where it stopped
     * @throws io.transmute.core.DataException when the dataset is missing or empty
     * @throws CheckpointException when a checkpoint to continue from does not fit the model
     */
    public Result run(TrainingListener listener) {
        try {
            return train(listener);
        } catch (RuntimeException | Error e) {
            dist.abort(e);
            throw e;
        }
    }

    private Result train(TrainingListener listener) {
        RunFolder.requireOwnFolder(options.checkpointsDir(), options.name());
        Torch.init(options.threads());
        Device device = Device.parse(options.device());
        if (dist.distributed() && device.isCuda() && options.device().equals("cuda")) {
            device = new Device("cuda", dist.localDevice(System.getenv(), torch.cuda_device_count()));
        }
        device.checkAvailable();
        Dataset dataset = options.openDataset();
        Torch.seed(options.seed());
        Path runDir = options.runDir();
        TrainingPlan plan = TrainingPlan.of(options);
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
                    || plan instanceof IterationPlan p && p.resumeIters() > 0;
            if (!continuing) {
                RunFolder.requireFreshOrOverwrite(runDir, overwrite);
            }
            LearningRates rates = plan.learningRates(model);
            Start start = restore(model, plan, rates, loader.batchesPerEpoch());
            if (resume == null && plan.decaysPerEpoch()) {
                rates.start();
            }
            DistributedRun.restoreRank(dist, resume, model, options.seed());
            dist.attach(model);
            // the other ranks train and take part in every checkpoint's gather, but report nothing
            TrainingListener reports = dist.leader() ? listener : new TrainingListener() {
            };
            RunRecord record = new RunRecord(options, dataset.files(), Instant.now(),
                    resume == null ? null : resume.file().toString());
            Map<String, Object> restored = resume == null ? Map.of() : resume.listenerState();
            if (dist.leader()) {
                AtomicFiles.writeString(runDir.resolve("train_opt.txt"), options.describe());
                record.write(record.json(start.position(), null, restored));
            }
            reports.onModel(model, restored);
            TrainingLoop loop = new TrainingLoop(options, plan, model, rates, loader, device, record, reports,
                    resume, () -> stopRequested, dist);
            Result r = loop.run(start.position(), start.iteration());
            return new Result(r.position(), r.completed(), r.runDir(), loader.skippedPaths());
        }
    }

    /** Where a run starts: the loop position and the iterations done. */
    private record Start(TrainingCheckpoint.Position position, long iteration) {
    }

    private Start restore(TranslationModel model, TrainingPlan plan, LearningRates rates, int batchesPerEpoch) {
        int first = options.schedule().epochCount();
        TrainingCheckpoint.Position fresh = new TrainingCheckpoint.Position(first, 0, 0, 0);
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
            return new Start(fresh, 0);
        }
        if (resume == null) {
            long resumeIters = plan instanceof IterationPlan p ? p.resumeIters() : 0;
            if (resumeIters > 0) {
                IterationCheckpoints.load(options.runDir(), resumeIters, model, true);
                // the reference restarts its rates at their initial values; ours continue where the run was
                rates.restore(new ScheduleState(Math.toIntExact(resumeIters), 0, Double.POSITIVE_INFINITY, 0, 0));
                LOG.log(System.Logger.Level.INFO, "resuming from iteration " + resumeIters);
            }
            return new Start(fresh, resumeIters);
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
        long iteration = Math.max(0, resume.iteration());
        if (plan instanceof IterationPlan) {
            if (resume.iteration() < 0) {
                throw new CheckpointException(source + ": holds no iteration count (it predates iteration plans);"
                        + " continue from its <iteration>-G.ckpt files with --resume_iters instead");
            }
            model.setIterationsDone(iteration);
        }
        model.loadState(resume.modelState());
        rates.restore(resume.schedule());
        // last: building the networks above drew from this generator
        Torch.restoreCpuGeneratorState(resume.torchCpuRng());
        TrainingCheckpoint.Position p = resume.position();
        return new Start(p.nextBatch() >= batchesPerEpoch
                ? new TrainingCheckpoint.Position(p.epoch() + 1, 0, 0, p.totalIters()) : p, iteration);
    }
}
