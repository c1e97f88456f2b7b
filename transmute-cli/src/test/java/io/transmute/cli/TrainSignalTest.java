package io.transmute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.transmute.core.data.SyntheticShapes;
import io.transmute.core.train.TrainingCheckpoint;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C and SIGTERM stop a real training process gracefully, with a resume point. */
class TrainSignalTest {
    /**
     * A test run started in the background by a non-interactive shell inherits SIGINT ignored (POSIX), and so would
     * the training process, whose JVM then leaves it ignored, as a background job should: start it with the default
     * dispositions, as an interactive shell does.
     */
    private static List<String> defaultSignalsPrefix() throws Exception {
        Process probe = new ProcessBuilder("env", "--default-signal=INT,TERM", "true")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        boolean supported = probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0;
        return supported ? List.of("env", "--default-signal=INT,TERM") : List.of();
    }

    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource({"TERM,143", "INT,130"})
    void signal_savesAResumePoint_printsHowToContinue_andExitsWithTheSignalsStatus(String signal, int status)
            throws Exception {
        Path data = tmp.resolve("shapes");
        SyntheticShapes.writeAligned(data, 4, 1, 32, 1);
        Path ck = tmp.resolve("ck");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(defaultSignalsPrefix());
        command.addAll(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                TransmuteCommand.class.getName(), "train", "--dataroot", data.toString(), "--checkpoints_dir",
                ck.toString(), "--name", "sig", "--model", "pix2pix", "--netG", "unet_32", "--ngf", "4", "--ndf",
                "4", "--load_size", "32", "--crop_size", "32", "--n_epochs", "1000", "--n_epochs_decay", "0",
                "--print_freq", "1", "--save_latest_freq", "1000000", "--num_threads", "0", "--threads", "1",
                "--no_html"));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.redirectErrorStream(true);
        pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        Process p = pb.start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        StringBuilder all = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String l = r.readLine(); l != null; l = r.readLine()) {
                    lines.add(l);
                    synchronized (all) {
                        all.append(l).append('\n');
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            int steps = 0;
            while (steps < 6) {
                String l = lines.poll(120, TimeUnit.SECONDS);
                assertThat(l).as("a loss line from the training process").isNotNull();
                if (l.startsWith("(epoch:")) {
                    steps++;
                }
            }
            new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).inheritIO().start().waitFor();
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the process stops").isTrue();
        } finally {
            p.destroyForcibly();
        }
        reader.join(10_000);
        String out;
        synchronized (all) {
            out = all.toString();
        }
        assertThat(p.exitValue()).as(out).isEqualTo(status);
        assertThat(out).contains("Training stopped by SIG" + signal + ", with a resume point saved")
                .contains("Continue with: transmute train --checkpoints_dir " + ck + " --name sig --continue_train");
        Path run = ck.resolve("sig");
        TrainingCheckpoint.Saved saved = TrainingCheckpoint.read(TrainingCheckpoint.stateFile(run, "latest"));
        assertThat(saved.position().totalIters()).isGreaterThanOrEqualTo(6);
        try (Stream<Path> files = Files.list(run)) {
            List<String> temporaries = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".tmp"))
                    .toList();
            assertThat(temporaries).isEmpty();
        }
    }
}
