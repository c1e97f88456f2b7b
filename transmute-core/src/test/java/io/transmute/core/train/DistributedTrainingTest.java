package io.transmute.core.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.transmute.core.data.SyntheticShapes;
import io.transmute.core.dist.WorkerLauncher;
import io.transmute.core.io.PthReader;
import io.transmute.core.io.StateDict;
import io.transmute.core.io.TensorData;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Two ranks on loopback with Gloo, each a JVM of its own, against one process. */
// a backstop: a rank that hangs must fail its test, not hold the build to its time limit
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class DistributedTrainingTest {
    // generous: a loaded machine must not turn a slow peer into a failure
    private static final String TIMEOUT_S = "120";

    @TempDir
    Path tmp;

    private static void launch(String... args) {
        WorkerLauncher.Outcome out = new WorkerLauncher(DistributedWorkerMain.class.getName(), List.of(args))
                .run(2);
        assertThat(out.exitCodes()).as("exit codes of ranks 0 and 1").containsExactly(0, 0);
    }

    @Test
    void twoRanksOfBatchOne_holdIdenticalWeights_equalToOneProcessOfBatchTwo() {
        Path data = tmp.resolve("shapes");
        SyntheticShapes.writeAligned(data, 6, 1, 32, 3);
        Path ck = tmp.resolve("checkpoints");
        launch("pix2pix", data.toString(), ck.toString(), "two", "6", "fresh", TIMEOUT_S);
        Trainer.prepare(DistributedWorkerMain.options("pix2pix", data, ck, "one", 2).set(TrainOptions.MAX_ITERS, 6L))
                .run(new TrainingListener() { });

        Path state = TrainingCheckpoint.stateFile(ck.resolve("two"), "latest");
        TrainingCheckpoint.Saved saved = TrainingCheckpoint.read(state);
        assertThat(saved.position().totalIters()).isEqualTo(6);
        assertThat(saved.position().nextBatch()).as("3 batches of 1 per rank").isEqualTo(3);
        List<RankState> ranks = RankState.fromCheckpoint((Map<?, ?>) PthReader.readObject(state), state);
        assertThat(ranks).hasSize(2);
        Map<String, StateDict> two = TrainerTest.weights(ck.resolve("two"), "latest", "G", "D");
        assertThat(ranks.get(0).weightsSha256()).isEqualTo(sha256(two));
        assertThat(ranks.get(1).weightsSha256()).as("rank 1's weights, bit for bit").isEqualTo(sha256(two));

        Map<String, StateDict> one = TrainerTest.weights(ck.resolve("one"), "latest", "G", "D");
        double maxDiff = 0;
        for (String net : List.of("G", "D")) {
            assertThat(two.get(net).keyList()).isEqualTo(one.get(net).keyList());
            for (String k : one.get(net).keyList()) {
                float[] a = two.get(net).get(k).toFloats();
                float[] b = one.get(net).get(k).toFloats();
                for (int i = 0; i < a.length; i++) {
                    maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]));
                }
            }
        }
        System.out.println("largest weight difference, 2 x batch 1 vs 1 x batch 2: " + maxDiff);
        assertThat(maxDiff).as("largest weight difference, 2 x batch 1 vs 1 x batch 2").isLessThan(1e-5);
    }

    // the digest of RankState.weightsDigest, computed here from the weight files
    private static String sha256(Map<String, StateDict> networks) {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            for (StateDict sd : networks.values()) {
                for (String k : sd.keyList()) {
                    sha.update(k.getBytes(StandardCharsets.UTF_8));
                    sha.update(sd.get(k).data());
                }
            }
            return java.util.HexFormat.of().formatHex(sha.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void twoRanksResumed_equalAnUninterruptedTwoRankRun_bitForBit_withImagePools() {
        Path data = tmp.resolve("unaligned");
        SyntheticShapes.writeUnaligned(data, 4, 1, 24, 9);
        Path ck = tmp.resolve("checkpoints");
        launch("cycle_gan", data.toString(), ck.toString(), "whole", "8", "fresh", TIMEOUT_S);
        launch("cycle_gan", data.toString(), ck.toString(), "split", "4", "fresh", TIMEOUT_S);
        Map<String, StateDict> atStop = TrainerTest.weights(ck.resolve("split"), "latest", "G_A", "G_B", "D_A", "D_B");
        launch("cycle_gan", data.toString(), ck.toString(), "split", "8", "continue", TIMEOUT_S);

        Map<String, StateDict> split = TrainerTest.weights(ck.resolve("split"), "latest", "G_A", "G_B", "D_A", "D_B");
        TrainerTest.assertSameWeights(split,
                TrainerTest.weights(ck.resolve("whole"), "latest", "G_A", "G_B", "D_A", "D_B"));
        assertThat(split.get("G_A").keyList().get(0)).isNotNull();
        TensorData first = split.get("G_A").get(split.get("G_A").keyList().get(0));
        assertThat(first).as("training went on after the resume")
                .isNotEqualTo(atStop.get("G_A").get(split.get("G_A").keyList().get(0)));
        Path state = TrainingCheckpoint.stateFile(ck.resolve("split"), "latest");
        List<RankState> ranks = RankState.fromCheckpoint((Map<?, ?>) PthReader.readObject(state), state);
        assertThat(ranks).hasSize(2);
        assertThat(ranks.get(0).modelRng()).as("each rank draws its own pool choices")
                .isNotEqualTo(ranks.get(1).modelRng());
    }

    @Test
    void killedRank_endsTheOtherWithinTheTimeout_withAnErrorNamingItsRank() throws Exception {
        Path ck = tmp.resolve("checkpoints");
        Path err = tmp.resolve("rank0.err");
        List<Process> ranks = startTwoRanks(ck, "kill", "20", err, null);
        try {
            Path state = awaitFirstCheckpoint(ck.resolve("kill"), ranks.get(0));
            ranks.get(1).destroyForcibly();
            long killed = System.nanoTime();
            boolean ended = ranks.get(0).waitFor(20 + 15, TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - killed) / 1e9;
            assertThat(ended).as("rank 0 ended within the timeout after rank 1 was killed").isTrue();
            assertThat(ranks.get(0).exitValue()).isEqualTo(1);
            List<String> lines = errorLines(err);
            assertThat(lines).hasSize(1);
            assertThat(lines.get(0)).contains("rank 0 of 2").contains("failed");
            assertThat(seconds).isLessThan(35);
            TrainingCheckpoint.read(state);
        } finally {
            ranks.forEach(Process::destroyForcibly);
        }
    }

    @Test
    void anErrorOnRankZeroAlone_endsTheOtherRankPromptly_namingRankZero_notAfterTheTimeout() throws Exception {
        Path ck = tmp.resolve("checkpoints");
        Path err0 = tmp.resolve("rank0.err");
        Path err1 = tmp.resolve("rank1.err");
        // a long timeout: the other rank must learn of the failure from rank 0, not by waiting it out
        List<Process> ranks = startTwoRanks(ck, "fail", "300", err0, err1);
        try {
            Path run = ck.resolve("fail");
            awaitFirstCheckpoint(run, ranks.get(0));
            // only rank 0 writes: a directory where its next weights file goes makes that write fail there alone
            Path weights = run.resolve("latest_net_G.pth");
            for (boolean blocked = false; !blocked; ) {
                try {
                    Files.deleteIfExists(weights);
                    Files.createDirectories(weights.resolve("blocker"));
                    blocked = true;
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    // rank 0 renamed a new file into place in between: try again
                }
            }
            long broken = System.nanoTime();
            assertThat(ranks.get(0).waitFor(120, TimeUnit.SECONDS)).as("rank 0 stops on its write error").isTrue();
            assertThat(ranks.get(1).waitFor(60, TimeUnit.SECONDS)).as("rank 1 follows rank 0").isTrue();
            double seconds = (System.nanoTime() - broken) / 1e9;
            assertThat(ranks.get(0).exitValue()).isEqualTo(1);
            assertThat(ranks.get(1).exitValue()).isEqualTo(1);
            assertThat(errorLines(err0)).singleElement().asString().contains("latest_net_G.pth");
            assertThat(errorLines(err1)).singleElement().asString().contains("rank 0").contains("latest_net_G.pth");
            assertThat(seconds).as("well before the 300 s --dist_timeout").isLessThan(150);
        } finally {
            ranks.forEach(Process::destroyForcibly);
        }
    }

    private List<Process> startTwoRanks(Path ck, String name, String timeoutSeconds, Path err0, Path err1)
            throws Exception {
        Path data = tmp.resolve("shapes");
        SyntheticShapes.writeAligned(data, 6, 1, 32, 3);
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        List<Process> ranks = new ArrayList<>();
        for (int rank = 0; rank < 2; rank++) {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-cp", System.getProperty("java.class.path"),
                    DistributedWorkerMain.class.getName(), "pix2pix", data.toString(), ck.toString(), name,
                    "1000000", "fresh", timeoutSeconds, "--dist_url", "tcp://127.0.0.1:" + port, "--world_size", "2",
                    "--rank", Integer.toString(rank)));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            Path err = rank == 0 ? err0 : err1;
            pb.redirectError(err != null ? ProcessBuilder.Redirect.to(err.toFile()) : ProcessBuilder.Redirect.DISCARD);
            pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
            ranks.add(pb.start());
        }
        return ranks;
    }

    // rank 0 writes its first checkpoint only after both ranks have trained together
    private static Path awaitFirstCheckpoint(Path run, Process leader) throws InterruptedException {
        Path state = TrainingCheckpoint.stateFile(run, "latest");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.exists(state) && System.nanoTime() < deadline && leader.isAlive()) {
            Thread.sleep(50);
        }
        assertThat(Files.exists(state)).as("a checkpoint of the 2-rank run").isTrue();
        return state;
    }

    private static List<String> errorLines(Path err) throws java.io.IOException {
        return Files.readAllLines(err).stream().filter(l -> l.startsWith("error:")).toList();
    }
}
