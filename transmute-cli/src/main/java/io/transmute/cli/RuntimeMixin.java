package io.transmute.cli;

import io.transmute.core.InvalidOptionException;
import io.transmute.core.torch.Device;
import io.transmute.core.torch.Torch;
import picocli.CommandLine.Option;

/** Options every command that computes shares: threads, device, seed, verbosity. */
public final class RuntimeMixin {
    @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
            description = "Threads for tensor operations; 0 = one per core (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--device", paramLabel = "DEV", defaultValue = "cpu",
            description = "cpu, cuda or cuda:N (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0",
            description = "Seed for every random choice, for reproducible runs (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--verbose", description = "Print stack traces and extra diagnostics.")
    boolean verbose;

    /**
     * Loads the natives, applies threads and seed, and checks the device.
     *
     * @return the device to run on
     */
    public Device apply() {
        if (threads < 0) {
            throw new InvalidOptionException("--threads " + threads + " is negative; use 0 (one per core) or more");
        }
        Device d = Device.parse(device);
        Torch.init(threads);
        Torch.seed(seed);
        d.checkAvailable();
        return d;
    }

    /** @return the seed */
    public long seed() {
        return seed;
    }

    /** @return whether --verbose was given */
    public boolean verbose() {
        return verbose;
    }
}
