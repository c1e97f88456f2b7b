package io.transmute.core.train;

import io.transmute.core.model.TranslationModel;
import io.transmute.core.model.Visual;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Forwards every event to several listeners in order. Each listener gets the event even when an earlier one
 * fails; the first failure is then rethrown with the others attached as suppressed, so no report is lost
 * silently and the trainer still sees the error.
 */
public final class CompositeTrainingListener implements TrainingListener {
    private final List<TrainingListener> listeners;

    /** @param listeners the targets, called in this order */
    public CompositeTrainingListener(List<? extends TrainingListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    /**
     * @param listeners the targets, called in this order
     * @return the composite
     */
    public static CompositeTrainingListener of(TrainingListener... listeners) {
        return new CompositeTrainingListener(List.of(listeners));
    }

    /** @return the targets */
    public List<TrainingListener> listeners() {
        return listeners;
    }

    private void each(Consumer<TrainingListener> event) {
        RuntimeException failure = null;
        for (TrainingListener l : listeners) {
            try {
                event.accept(l);
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public void onModel(TranslationModel model, Map<String, Object> restored) {
        each(l -> l.onModel(model, restored));
    }

    /** @return every listener's state, merged in order (each listener uses its own keys) */
    @Override
    public Map<String, Object> checkpointState() {
        Map<String, Object> all = new LinkedHashMap<>();
        listeners.forEach(l -> all.putAll(l.checkpointState()));
        return all;
    }

    @Override
    public void onStart(RunInfo run) {
        each(l -> l.onStart(run));
    }

    @Override
    public void onStep(IterationInfo step) {
        each(l -> l.onStep(step));
    }

    @Override
    public void onIteration(IterationInfo iteration) {
        each(l -> l.onIteration(iteration));
    }

    @Override
    public void onVisuals(int epoch, long totalIters, List<Visual> visuals) {
        each(l -> l.onVisuals(epoch, totalIters, visuals));
    }

    @Override
    public void onEpochEnd(int epoch, double seconds, double learningRate) {
        each(l -> l.onEpochEnd(epoch, seconds, learningRate));
    }

    @Override
    public void onCheckpoint(CheckpointInfo checkpoint) {
        each(l -> l.onCheckpoint(checkpoint));
    }

    @Override
    public void onFinish() {
        each(TrainingListener::onFinish);
    }
}
