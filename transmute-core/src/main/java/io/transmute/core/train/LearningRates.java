package io.transmute.core.train;

import io.transmute.core.model.TranslationModel;
import io.transmute.core.optim.Adam;
import io.transmute.core.optim.LrSchedule;
import io.transmute.core.optim.ScheduleState;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.DoubleFunction;

/**
 * One learning-rate schedule per optimizer of a model, stepped together, as the reference's
 * {@code BaseModel.setup} builds one scheduler per optimizer. The schedules share their position, so a
 * checkpoint keeps one {@link ScheduleState}.
 */
final class LearningRates {
    private final Map<Adam, LrSchedule> schedules = new LinkedHashMap<>();
    private final LrSchedule first;

    /**
     * @param model the model whose optimizers to schedule, before any step
     * @param schedule builds a schedule from an optimizer's initial rate
     */
    LearningRates(TranslationModel model, DoubleFunction<LrSchedule> schedule) {
        model.optimizers().values().forEach(o -> schedules.put(o, schedule.apply(o.lr())));
        first = schedules.isEmpty() ? schedule.apply(model.learningRate()) : schedules.values().iterator().next();
    }

    /**
     * Sets the optimizers' rates to the schedules' initial ones, before a fresh run's first step (below
     * {@code --lr} when {@code --epoch_count} starts inside the decay).
     */
    void start() {
        schedules.forEach((o, s) -> o.setLr(s.lr()));
    }

    /** Advances every schedule one step (an epoch or an iteration) and sets the optimizers' new rates. */
    void step() {
        schedules.forEach((o, s) -> o.setLr(s.step(0)));
    }

    /** @return the shared position */
    ScheduleState state() {
        return first.state();
    }

    /**
     * Continues from a saved position and sets the optimizers' rates from it.
     *
     * @param state a value of {@link #state()}
     */
    void restore(ScheduleState state) {
        schedules.forEach((o, s) -> {
            s.restore(state);
            o.setLr(s.lr());
        });
    }
}
