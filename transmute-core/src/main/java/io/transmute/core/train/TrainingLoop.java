package io.transmute.core.train;

import io.transmute.core.data.Batch;
import io.transmute.core.data.DataLoader;
import io.transmute.core.dist.DistributedContext;
import io.transmute.core.model.ModelInput;
import io.transmute.core.model.StepResult;
import io.transmute.core.model.TranslationModel;
import io.transmute.core.model.Visual;
import io.transmute.core.torch.Device;
import io.transmute.core.torch.Scope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * One run of the training loop for any model: batches from the loader, one model step each in its own
 * {@link Scope}, and after each step what the {@link TrainingPlan} asks for (losses, visuals, checkpoints, a rate
 * decay, the end). Holds the counters: samples ({@code total_iters}, {@code epoch_iter}) and iterations.
 */
final class TrainingLoop {
    private static final System.Logger LOG = System.getLogger(TrainingLoop.class.getName());

    private final TrainOptions options;
    private final TrainingPlan plan;
    private final TranslationModel model;
    private final LearningRates rates;
    private final DataLoader loader;
    private final Device device;
    private final RunRecord record;
    private final TrainingListener listener;
    private final TrainingCheckpoint.Saved resume;
    private final BooleanSupplier stopRequested;
    private final DistributedContext dist;
    private long lastSavedLatest = -1;
    private long iteration;

    TrainingLoop(TrainOptions options, TrainingPlan plan, TranslationModel model, LearningRates rates,
            DataLoader loader, Device device, RunRecord record, TrainingListener listener,
            TrainingCheckpoint.Saved resume, BooleanSupplier stopRequested, DistributedContext dist) {
        this.options = options;
        this.plan = plan;
        this.model = model;
        this.rates = rates;
        this.loader = loader;
        this.device = device;
        this.record = record;
        this.listener = listener;
        this.resume = resume;
        this.stopRequested = stopRequested;
        this.dist = dist;
    }

    /**
     * Trains until the plan is complete, {@code --max_iters} samples are done or a stop is requested.
     *
     * @param start where to start
     * @param iterationsDone iterations done before {@code start}
     * @return where it stopped
     */
    Trainer.Result run(TrainingCheckpoint.Position start, long iterationsDone) {
        iteration = iterationsDone;
        // the counters count samples over all ranks, so every frequency means what it means for one process
        int world = dist.worldSize();
        int batchSize = options.data().batchSize() * world;
        long maxIters = options.maxIters();
        long totalIters = start.totalIters();
        int[] epochs = plan.epochRange(start);
        listener.onStart(new RunInfo(options.name(), options.runDir(), epochs[0], epochs[1], loader.size(),
                batchSize));
        boolean stop = maxIters > 0 && totalIters >= maxIters || plan.isOver(iteration);
        if (!stop) {
            rewriteMissingEpochSnapshot();
        }
        TrainingCheckpoint.Position position = start;
        int epoch = Math.max(1, start.epoch());
        int nextBatch = start.nextBatch();
        int epochIter = start.epochIter();
        boolean epochDone = false;
        while (!stop && plan.hasEpoch(epoch, iteration)) {
            long epochStart = System.nanoTime();
            long visualsAt = -1;  // the counter at which this epoch last showed visuals, -1 for none yet
            try (DataLoader.Epoch batches = loader.epoch(epoch, nextBatch)) {
                long dataStart = System.nanoTime();
                while (batches.hasNext()) {
                    Batch batch = batches.next();
                    long stepStart = System.nanoTime();
                    StepResult result;
                    List<Visual> visuals = null;
                    long counter;
                    int samples = plan.samples((int) batch.aShape()[0] * world, batchSize);
                    try (Scope step = Scope.open()) {
                        ModelInput input = ModelInput.of(batch, device);
                        result = model.trainStep(input);
                        iteration++;
                        if (!plan.decaysPerEpoch()) {
                            rates.step();
                        }
                        counter = plan.counter(totalIters + samples, iteration);
                        if (!options.noHtml() && plan.visualsAt(counter, visualsAt >= 0)) {
                            visuals = new ArrayList<>(result.visuals());
                            if (plan.showsSamples()) {
                                visuals.addAll(model.evaluate(input));
                            }
                        }
                    }
                    totalIters += samples;
                    epochIter += samples;
                    nextBatch = batch.index() + 1;
                    position = new TrainingCheckpoint.Position(epoch, nextBatch, epochIter, totalIters);
                    IterationInfo info = new IterationInfo(epoch, epochIter, counter,
                            (System.nanoTime() - stepStart) / 1e9 / batchSize, (stepStart - dataStart) / 1e9,
                            (double) epochIter / loader.size(), result.losses().values());
                    listener.onStep(info);
                    if (visuals != null) {
                        listener.onVisuals(epoch, counter, visuals);
                        visualsAt = counter;
                    }
                    if (plan.logAt(counter)) {
                        listener.onIteration(info);
                    }
                    String label = plan.saveAt(counter);
                    if (label != null) {
                        save(label, position);
                    }
                    if (maxIters > 0 && totalIters >= maxIters || plan.isOver(iteration)
                            || stopRequested.getAsBoolean()) {
                        // a run stopped early still shows where it got to in its report
                        if (plan.reportsEpochs() && !options.noHtml() && visualsAt != counter) {
                            listener.onVisuals(epoch, counter, result.visuals());
                        }
                        stop = true;
                        break;
                    }
                    dataStart = System.nanoTime();
                }
            }
            epochDone = nextBatch >= loader.batchesPerEpoch();
            if (epochDone) {
                position = new TrainingCheckpoint.Position(epoch, nextBatch, epochIter, totalIters);
                if (plan.decaysPerEpoch()) {
                    // the reference's update_learning_rate() at the end of every epoch, before saving: epoch k
                    // of a run trains at the rate after k - epoch_count scheduler steps, the first at the initial
                    double old = model.learningRate();
                    rates.step();
                    LOG.log(System.Logger.Level.DEBUG, () -> String.format("learning rate %.7f -> %.7f", old,
                            model.learningRate()));
                }
                for (String label : plan.endOfEpoch(epoch)) {
                    save(label, position);
                }
                if (plan.reportsEpochs()) {
                    listener.onEpochEnd(epoch, (System.nanoTime() - epochStart) / 1e9, model.learningRate());
                }
                if (!stop) {
                    epoch++;
                    nextBatch = 0;
                    epochIter = 0;
                }
            }
        }
        if (lastSavedLatest != totalIters && totalIters > start.totalIters()) {
            save(RunFolder.LATEST, position);
        }
        listener.onFinish();
        return new Trainer.Result(position, plan.completed(epoch, epochDone, iteration), options.runDir());
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
        if (p.nextBatch() < loader.batchesPerEpoch()) {
            return;
        }
        for (String label : plan.endOfEpoch(p.epoch())) {
            if (!label.equals(RunFolder.LATEST) && !resume.file().getFileName().toString().startsWith(label + "_")
                    && !Files.exists(TrainingCheckpoint.stateFile(options.runDir(), label))) {
                save(label, p);
            }
        }
    }

    private void save(String label, TrainingCheckpoint.Position position) {
        // every rank hands its own state to rank 0, which alone writes; the others wait until it is written
        Map<String, Object> ranks = DistributedRun.gatherRanks(dist, model);
        if (dist.leader()) {
            Map<String, Object> listenerState = listener.checkpointState();
            String json = record.json(position, label, listenerState);
            List<Path> files = new ArrayList<>();
            if (plan.savesIterationFiles()) {
                files.addAll(IterationCheckpoints.save(options.runDir(), iteration, model,
                        network -> TrainingCheckpoint.starGanRecords(network, options)));
            }
            files.addAll(TrainingCheckpoint.save(options.runDir(), label, model, rates.state(), position,
                    plan.savesIterationFiles() ? iteration : -1, options, json, listenerState, ranks));
            record.write(json);
            listener.onCheckpoint(new CheckpointInfo(position.epoch(), position.totalIters(), label, files));
        }
        if (label.equals(RunFolder.LATEST)) {
            lastSavedLatest = position.totalIters();
        }
        dist.barrier();
    }
}
