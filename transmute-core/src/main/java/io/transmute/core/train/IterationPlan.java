package io.transmute.core.train;

import io.transmute.core.model.IterationSchedule;
import io.transmute.core.model.TranslationModel;
import java.util.List;

/**
 * yunjey/stargan's {@code Solver.train()}: the data over and over, one iteration per batch, until
 * {@code --num_iters}; losses every {@code --log_step} iterations, the step's visuals and the model's sample grid
 * every {@code --sample_step}, and {@code latest} with the reference's {@code <iteration>-<net>.ckpt} files every
 * {@code --model_save_step}; each optimizer's rate decayed after every iteration by its own schedule. Reports
 * count iterations (the reference's {@code i + 1}).
 */
final class IterationPlan implements TrainingPlan {
    private final IterationSchedule schedule;

    IterationPlan(IterationSchedule schedule) {
        this.schedule = schedule;
    }

    /** @return the iteration to start from with the reference's files, 0 for none */
    long resumeIters() {
        return schedule.resumeIters();
    }

    @Override
    public LearningRates learningRates(TranslationModel model) {
        return new LearningRates(model, schedule::learningRate);
    }

    @Override
    public int[] epochRange(TrainingCheckpoint.Position start) {
        int first = Math.max(1, start.epoch());
        return new int[] {first, first};
    }

    @Override
    public boolean hasEpoch(int epoch, long iteration) {
        return !isOver(iteration);
    }

    @Override
    public boolean decaysPerEpoch() {
        return false;
    }

    @Override
    public boolean isOver(long iteration) {
        return iteration >= schedule.numIters();
    }

    @Override
    public int samples(int actual, int batchSize) {
        return actual;
    }

    @Override
    public long counter(long totalIters, long iteration) {
        return iteration;
    }

    @Override
    public boolean logAt(long counter) {
        return counter % schedule.logStep() == 0;
    }

    @Override
    public boolean visualsAt(long counter, boolean shownThisEpoch) {
        return counter % schedule.sampleStep() == 0;
    }

    @Override
    public boolean showsSamples() {
        return true;
    }

    @Override
    public String saveAt(long counter) {
        return counter % schedule.saveStep() == 0 ? RunFolder.LATEST : null;
    }

    @Override
    public List<String> endOfEpoch(int epoch) {
        return List.of();
    }

    @Override
    public boolean reportsEpochs() {
        return false;
    }

    @Override
    public boolean savesIterationFiles() {
        return true;
    }

    @Override
    public boolean completed(int epoch, boolean epochDone, long iteration) {
        return isOver(iteration);
    }
}
