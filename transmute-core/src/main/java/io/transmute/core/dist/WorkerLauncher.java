package io.transmute.core.dist;

import io.transmute.core.TransmuteException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the processes of a data-parallel run on this machine, as {@code torchrun --nproc_per_node N} does:
 * N JVMs on this JVM's classpath and options, each given {@code --dist_url tcp://127.0.0.1:PORT
 * --world_size N --rank r} after the caller's arguments, all writing to this process's standard streams. When
 * one exits with an error, the others learn of it through the store at once ({@link AbortWatch}) and get a
 * grace period to say so and exit on their own; whoever is left then is killed (a rank that failed before it
 * joined the group would otherwise keep the others waiting at the rendezvous for {@code --dist_timeout}). Once
 * one rank has finished cleanly the others have only the last barrier and their teardown left; one that is
 * still running a minute later is stuck, and is killed too. So a run never hangs.
 */
public final class WorkerLauncher {
    private static final Duration GRACE = Duration.ofSeconds(10);
    private static final Duration FINISH_WAIT = Duration.ofSeconds(60);

    private final String mainClass;
    private final List<String> arguments;
    private final Duration finishWait;

    /**
     * @param mainClass the class whose {@code main} runs one worker
     * @param arguments the worker's arguments, without the rank options
     */
    public WorkerLauncher(String mainClass, List<String> arguments) {
        this(mainClass, arguments, FINISH_WAIT);
    }

    WorkerLauncher(String mainClass, List<String> arguments, Duration finishWait) {
        this.mainClass = mainClass;
        this.arguments = List.copyOf(arguments);
        this.finishWait = finishWait;
    }

    /**
     * How the run ended.
     *
     * @param exitCodes each rank's exit code, in rank order (-1 for one that was killed)
     * @param failedRank the first rank that exited with an error, else the first that was killed, or -1
     */
    public record Outcome(List<Integer> exitCodes, int failedRank) {
        /** @return 0 when every rank succeeded, else the first failing rank's code */
        public int exitCode() {
            return failedRank < 0 ? 0 : Math.max(1, exitCodes.get(failedRank));
        }
    }

    /**
     * Runs the workers to the end.
     *
     * @param processes how many ranks
     * @return the exit codes
     * @throws TransmuteException when a worker cannot be started
     */
    public Outcome run(int processes) {
        int port = freePort();
        List<Process> workers = new ArrayList<>();
        Thread killer = new Thread(() -> workers.forEach(Process::destroyForcibly), "transmute-launcher-stop");
        Runtime.getRuntime().addShutdownHook(killer);
        try {
            for (int rank = 0; rank < processes; rank++) {
                workers.add(start(rank, processes, port));
            }
            return await(workers, finishWait);
        } finally {
            workers.forEach(Process::destroyForcibly);
            try {
                Runtime.getRuntime().removeShutdownHook(killer);
            } catch (IllegalStateException ignored) {
                // the JVM is already shutting down and runs the hook itself
            }
        }
    }

    private Process start(int rank, int processes, int port) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            // memory, properties and module access carry over; debugger and agent ports would clash
            if (a.startsWith("-X") || a.startsWith("-D") || a.startsWith("--enable-native-access")
                    || a.startsWith("--add-opens") || a.startsWith("--add-exports")) {
                command.add(a);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(arguments);
        command.addAll(List.of("--dist_url", "tcp://127.0.0.1:" + port, "--world_size", Integer.toString(processes),
                "--rank", Integer.toString(rank)));
        ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
        pb.environment().put("LOCAL_RANK", Integer.toString(rank));
        pb.environment().putIfAbsent("OMP_WAIT_POLICY", "PASSIVE");
        try {
            return pb.start();
        } catch (IOException e) {
            throw new TransmuteException("cannot start worker " + rank + " (" + e.getMessage() + ")", e);
        }
    }

    private static Outcome await(List<Process> workers, Duration finishWait) {
        int failed = -1;
        boolean finished = false;
        long deadline = Long.MAX_VALUE;
        try {
            while (workers.stream().anyMatch(Process::isAlive) && System.nanoTime() < deadline) {
                for (int r = 0; r < workers.size() && failed < 0; r++) {
                    Process p = workers.get(r);
                    if (p.isAlive()) {
                        continue;
                    }
                    if (p.exitValue() != 0) {
                        failed = r;
                        deadline = System.nanoTime() + GRACE.toNanos();
                    } else if (!finished) {
                        finished = true;
                        deadline = System.nanoTime() + finishWait.toNanos();
                    }
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Integer> codes = new ArrayList<>();
        int killed = -1;
        for (int r = 0; r < workers.size(); r++) {
            Process p = workers.get(r);
            codes.add(p.isAlive() ? -1 : p.exitValue());
            if (failed < 0 && !p.isAlive() && p.exitValue() != 0) {
                failed = r;
            }
            if (killed < 0 && p.isAlive()) {
                killed = r;
            }
        }
        return new Outcome(codes, failed >= 0 ? failed : killed);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new TransmuteException("cannot find a free port on 127.0.0.1 for the rendezvous (" + e.getMessage()
                    + "); give --dist_url tcp://127.0.0.1:PORT to each process instead", e);
        }
    }
}
