package io.transmute.cli;

import io.transmute.core.InvalidOptionException;
import io.transmute.core.torch.Device;

/** Training-step workloads for {@code transmute bench}. */
final class TrainingBench {
    private TrainingBench() {
    }

    static BenchCommand.Workload create(String what, int size, int batchSize, Device device) {
        throw new InvalidOptionException("--what " + what + " is not a benchmark; use infer, p2p_train or cycle_train");
    }
}
