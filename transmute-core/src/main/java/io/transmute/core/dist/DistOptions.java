package io.transmute.core.dist;

import io.transmute.core.InvalidOptionException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Where and how one process joins a data-parallel run: the rendezvous (a c10d {@code TCPStore} served by rank
 * 0 at {@code masterAddr:masterPort}), its rank among {@code worldSize} processes, the backend and the timeout
 * after which a missing peer ends the run.
 *
 * @param masterAddr host of rank 0
 * @param masterPort port of rank 0's store
 * @param worldSize number of processes, at least 1
 * @param rank this process, in {@code [0, worldSize)}
 * @param backend gloo or nccl
 * @param timeout how long any rendezvous or collective may wait for a peer
 */
public record DistOptions(String masterAddr, int masterPort, int worldSize, int rank, Backend backend,
        Duration timeout) {
    /** The default {@code --dist_timeout}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(300);

    /** Checks the ranges. */
    public DistOptions {
        if (worldSize < 1) {
            throw new InvalidOptionException("--world_size must be at least 1, got " + worldSize);
        }
        if (rank < 0 || rank >= worldSize) {
            throw new InvalidOptionException("--rank " + rank + " is outside [0, " + worldSize + "); give each of"
                    + " the --world_size processes its own rank");
        }
        if (masterPort < 1 || masterPort > 65535) {
            throw new InvalidOptionException("the rendezvous port " + masterPort + " is outside 1-65535; check"
                    + " --dist_url or MASTER_PORT");
        }
        if (masterAddr == null || masterAddr.isBlank()) {
            throw new InvalidOptionException("the rendezvous host is empty; check --dist_url or MASTER_ADDR");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new InvalidOptionException("--dist_timeout must be positive, got " + timeout.toSeconds() + " s");
        }
    }

    /**
     * @param url {@code tcp://HOST:PORT}, as {@code torch.distributed.init_process_group(init_method=...)}
     * @param worldSize {@code --world_size}
     * @param rank {@code --rank}
     * @param backend {@code --dist_backend}
     * @param timeout {@code --dist_timeout}
     * @return the options
     * @throws InvalidOptionException for a URL that is not {@code tcp://HOST:PORT}
     */
    public static DistOptions fromUrl(String url, int worldSize, int rank, Backend backend, Duration timeout) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new InvalidOptionException("--dist_url " + url + " is not a URL; use tcp://HOST:PORT");
        }
        if (!"tcp".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 0) {
            throw new InvalidOptionException("--dist_url " + url + " is not tcp://HOST:PORT (rank 0's address and a"
                    + " free port); env:// is given by the MASTER_ADDR/MASTER_PORT variables instead");
        }
        return new DistOptions(uri.getHost(), uri.getPort(), worldSize, rank, backend, timeout);
    }

    /**
     * The variables {@code torchrun} sets: {@code MASTER_ADDR}, {@code MASTER_PORT}, {@code WORLD_SIZE} and
     * {@code RANK}.
     *
     * @param env the environment
     * @param backend {@code --dist_backend}
     * @param timeout {@code --dist_timeout}
     * @return the options, or null when {@code WORLD_SIZE} is not set
     * @throws InvalidOptionException when some are set and others missing or not numbers
     */
    public static DistOptions fromEnvironment(Map<String, String> env, Backend backend, Duration timeout) {
        String world = env.get("WORLD_SIZE");
        if (world == null) {
            return null;
        }
        String addr = env.getOrDefault("MASTER_ADDR", "127.0.0.1");
        return new DistOptions(addr, number(env, "MASTER_PORT"), number(env, "WORLD_SIZE"), number(env, "RANK"),
                backend, timeout);
    }

    private static int number(Map<String, String> env, String name) {
        String v = env.get(name);
        if (v == null) {
            throw new InvalidOptionException("WORLD_SIZE is set but " + name + " is not; set MASTER_ADDR,"
                    + " MASTER_PORT, WORLD_SIZE and RANK together, as torchrun does");
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new InvalidOptionException(name + "=" + v + " is not a number");
        }
    }

    /** @return whether this process is rank 0, the one that writes */
    public boolean leader() {
        return rank == 0;
    }

    /** @return whether the rendezvous host is this machine's loopback, so Gloo can bind to 127.0.0.1 */
    public boolean loopback() {
        return masterAddr.equals("127.0.0.1") || masterAddr.equals("localhost") || masterAddr.equals("::1");
    }
}
