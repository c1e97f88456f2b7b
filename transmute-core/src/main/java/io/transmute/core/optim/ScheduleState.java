package io.transmute.core.optim;

/**
 * The position of an {@link LrSchedule}, as PyTorch's scheduler {@code state_dict()}.
 *
 * @param lastEpoch how many times {@link LrSchedule#step(double)} has been called
 * @param lr the current learning rate (the chained policies derive the next rate from it)
 * @param best the best metric seen (plateau only; +infinity before the first)
 * @param badEpochs epochs since the last improvement (plateau only)
 * @param cooldown epochs of cooldown left (plateau only)
 */
public record ScheduleState(int lastEpoch, double lr, double best, int badEpochs, int cooldown) {
}
