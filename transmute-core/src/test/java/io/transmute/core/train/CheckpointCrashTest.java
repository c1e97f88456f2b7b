package io.transmute.core.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.transmute.core.data.SyntheticShapes;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointCrashTest {
    @TempDir
    Path tmp;

    private static boolean writing(Path run) {
        try (Stream<Path> files = Files.list(run)) {
            return files.map(f -> f.getFileName().toString()).anyMatch(n -> n.startsWith(".") && n.endsWith(".tmp")
                    && n.contains(".pth."));
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    @Test
    void killedWhileSavingEveryStep_leavesALatestCheckpointThatLoadsAndResumes() throws Exception {
        Path data = tmp.resolve("shapes");
        SyntheticShapes.writeAligned(data, 4, 1, 32, 1);
        Path ck = tmp.resolve("checkpoints");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                TrainingProcessMain.class.getName(), data.toString(), ck.toString(), "crash");
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        Process p = pb.start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String l = r.readLine(); l != null; l = r.readLine()) {
                    lines.add(l);
                }
            } catch (java.io.IOException ignored) {
                // the process was killed
            }
        });
        reader.setDaemon(true);
        reader.start();
        int saves = 0;
        try {
            // several complete saves first, so the kill lands in the steady save-every-step rhythm
            while (saves < 6) {
                String l = lines.poll(120, TimeUnit.SECONDS);
                assertThat(l).as("a checkpoint line from the training process").isNotNull();
                if (l.startsWith("saved")) {
                    saves++;
                }
            }
            // kill the moment a checkpoint file is half written: AtomicFiles' temporary file is visible then
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!writing(ck.resolve("crash")) && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            p.destroyForcibly();
            assertThat(System.nanoTime()).as("a checkpoint write was caught in progress").isLessThan(deadline);
        } finally {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }

        Path run = ck.resolve("crash");
        assertThat(p.isAlive()).isFalse();
        TrainingCheckpoint.Saved saved = TrainingCheckpoint.read(TrainingCheckpoint.stateFile(run, "latest"));
        assertThat(saved.position().totalIters()).isGreaterThanOrEqualTo(6);
        try (Stream<Path> files = Files.list(run)) {
            List<String> visible = files.map(f -> f.getFileName().toString()).filter(n -> !n.startsWith("."))
                    .toList();
            assertThat(visible).contains("latest_net_G.pth", "latest_net_D.pth", "latest_train_state.pth");
        }

        long next = saved.position().totalIters() + 2;
        Trainer.Result resumed = Trainer.prepare(new TrainOptions.Builder()
                .set(TrainOptions.CHECKPOINTS_DIR, ck.toString()).set(TrainOptions.NAME, "crash")
                .set(TrainOptions.CONTINUE_TRAIN, true).set(TrainOptions.MAX_ITERS, next))
                .run(new TrainingListener() { });
        assertThat(resumed.position().totalIters()).isEqualTo(next);
    }
}
