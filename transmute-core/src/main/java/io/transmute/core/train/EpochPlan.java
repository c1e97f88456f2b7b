package io.transmute.core.train;

import io.transmute.core.model.TranslationModel;
import io.transmute.core.optim.LrSchedule;
import java.util.List;

/**
 * The reference's {@code train.py}: epochs from {@code --epoch_count} to {@code n_epochs + n_epochs_decay}, the
 * rate updated at the beginning of every epoch by {@code --lr_policy}; frequencies count samples: losses every
 * {@code --print_freq}, visuals every {@code --display_freq} (the page rewritten every
 * {@code --update_html_freq}), {@code latest} (or {@code iter_<n>}) every {@code --save_latest_freq}, and
 * {@code latest} and the epoch number every {@code --save_epoch_freq} epochs.
 */
final class EpochPlan implements TrainingPlan {
    private final TrainOptions options;

    EpochPlan(TrainOptions options) {
        this.options = options;
    }

    @Override
    public LearningRates learningRates(TranslationModel model) {
        // as the reference, every optimizer's scheduler starts from --lr
        return new LearningRates(model, lr -> LrSchedule.create(options.schedule()));
    }

    @Override
    public int[] epochRange(TrainingCheckpoint.Position start) {
        return new int[] {Math.max(1, start.epoch()), Math.max(options.lastEpoch(), start.epoch() - 1)};
    }

    @Override
    public boolean hasEpoch(int epoch, long iteration) {
        return epoch <= options.lastEpoch();
    }

    @Override
    public boolean decaysPerEpoch() {
        return true;
    }

    @Override
    public boolean isOver(long iteration) {
        return false;
    }

    @Override
    public int samples(int actual, int batchSize) {
        return batchSize;
    }

    @Override
    public long counter(long totalIters, long iteration) {
        return totalIters;
    }

    @Override
    public boolean logAt(long counter) {
        return counter % options.printFreq() == 0;
    }

    @Override
    public boolean visualsAt(long counter, boolean shownThisEpoch) {
        return counter % options.displayFreq() == 0 && (counter % options.updateHtmlFreq() == 0 || !shownThisEpoch);
    }

    @Override
    public boolean showsSamples() {
        return false;
    }

    @Override
    public String saveAt(long counter) {
        if (counter % options.saveLatestFreq() != 0) {
            return null;
        }
        return options.saveByIter() ? RunFolder.iterationLabel(counter) : RunFolder.LATEST;
    }

    @Override
    public List<String> endOfEpoch(int epoch) {
        return epoch % options.saveEpochFreq() == 0 ? List.of(RunFolder.LATEST, Integer.toString(epoch)) : List.of();
    }

    @Override
    public boolean reportsEpochs() {
        return true;
    }

    @Override
    public boolean savesIterationFiles() {
        return false;
    }

    @Override
    public boolean completed(int epoch, boolean epochDone, long iteration) {
        return epoch > options.lastEpoch() || epochDone && epoch == options.lastEpoch();
    }
}
