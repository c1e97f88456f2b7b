package io.transmute.cli;

import io.transmute.core.InvalidOptionException;
import io.transmute.core.dist.Backend;
import io.transmute.core.dist.DistOptions;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The data-parallel options of {@code train}, named as {@code torchrun} and
 * {@code torch.distributed.init_process_group} name them.
 */
public final class DistributedMixin {
    @Option(names = "--nproc_per_node", paramLabel = "N", defaultValue = "1",
            description = "Start N worker processes on this machine and train data-parallel over them (Gloo on"
                    + " loopback); --batch_size is per process (default: ${DEFAULT-VALUE}).")
    int nprocPerNode;

    @Option(names = "--dist_url", paramLabel = "URL",
            description = "tcp://HOST:PORT of rank 0, to join a multi-machine run with --world_size and --rank;"
                    + " without it the MASTER_ADDR, MASTER_PORT, WORLD_SIZE and RANK variables are used when set.")
    String distUrl;

    @Option(names = "--world_size", paramLabel = "N", defaultValue = "1",
            description = "Processes in the run, over all machines (default: ${DEFAULT-VALUE}).")
    int worldSize;

    @Option(names = "--rank", paramLabel = "R", defaultValue = "0",
            description = "This process's rank, 0 to world_size - 1; rank 0 serves the rendezvous and alone writes"
                    + " checkpoints and reports (default: ${DEFAULT-VALUE}).")
    int rank;

    @Option(names = "--dist_backend", paramLabel = "NAME", defaultValue = "gloo",
            description = "gloo (CPU) or nccl (CUDA) (default: ${DEFAULT-VALUE}).")
    String backend;

    @Option(names = "--dist_timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "How long the rendezvous and every collective wait for a peer before the run ends with an"
                    + " error naming the rank (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    /** @return {@code --dist_timeout} */
    Duration timeout() {
        if (timeoutSeconds <= 0) {
            throw new InvalidOptionException("--dist_timeout must be a positive number of seconds, got "
                    + timeoutSeconds);
        }
        return Duration.ofSeconds(timeoutSeconds);
    }

    /** @return the processes to start here, checked */
    int processesToStart() {
        if (nprocPerNode < 1) {
            throw new InvalidOptionException("--nproc_per_node must be at least 1, got " + nprocPerNode);
        }
        if (nprocPerNode > 1 && distUrl != null) {
            throw new InvalidOptionException("--nproc_per_node starts its own rendezvous on this machine; drop"
                    + " --dist_url, or start each process with --dist_url, --world_size and --rank");
        }
        return nprocPerNode;
    }

    /**
     * @param env the environment, for torchrun's variables
     * @return how this process joins a run, or null when it trains alone
     */
    DistOptions toOptions(Map<String, String> env) {
        Backend b = Backend.parse(backend);
        if (distUrl != null) {
            return DistOptions.fromUrl(distUrl, worldSize, rank, b, timeout());
        }
        if (worldSize != 1 || rank != 0) {
            throw new InvalidOptionException("--world_size and --rank need --dist_url tcp://HOST:PORT (rank 0's"
                    + " address), or MASTER_ADDR/MASTER_PORT in the environment");
        }
        return DistOptions.fromEnvironment(env, b, timeout());
    }
}
