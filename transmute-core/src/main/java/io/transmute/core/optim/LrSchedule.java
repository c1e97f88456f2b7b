package io.transmute.core.optim;

/**
 * A learning-rate schedule as the reference builds with {@code networks.get_scheduler}: it starts at the
 * initial rate and {@link #step(double)} is called once per epoch (the reference's
 * {@code model.update_learning_rate()}), returning the rate for the next epoch. Pure Java: no native state, and
 * its whole position is in {@link #state()}.
 */
public sealed interface LrSchedule permits LinearDecaySchedule, ChainedSchedule {

    /**
     * Builds the schedule the options ask for.
     *
     * @param options policy and its parameters
     * @return a schedule at its start
     */
    static LrSchedule create(ScheduleOptions options) {
        return switch (options.policy()) {
            case LINEAR -> new LinearDecaySchedule(options.lr(), options.epochCount(), options.nEpochs(),
                    options.nEpochsDecay());
            case STEP -> new StepDecaySchedule(options.lr(), options.lrDecayIters(), 0.1);
            case PLATEAU -> new PlateauSchedule(options.lr(), 0.2, 0.01, 5);
            case COSINE -> new CosineSchedule(options.lr(), options.nEpochs());
        };
    }

    /** @return the current learning rate */
    double lr();

    /**
     * Advances one epoch.
     *
     * @param metric the value the plateau policy watches (the reference passes its constant {@code metric}
     *     of 0); ignored by the other policies
     * @return the new learning rate
     */
    double step(double metric);

    /** @return the schedule's position, enough to continue exactly */
    ScheduleState state();

    /**
     * Continues from a saved position.
     *
     * @param state a value from {@link #state()} of a schedule with the same options
     */
    void restore(ScheduleState state);
}
