package io.transmute.core.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The launcher's exit rules, with workers that only exit or hang, as their rank says. */
class WorkerLauncherTest {
    /** A worker: {@code EXIT_CODE_OR_hang ...}, one entry per rank, then the launcher's rank options. */
    public static final class ScriptedWorker {
        public static void main(String[] args) throws InterruptedException {
            int rank = Integer.parseInt(args[args.length - 1]);
            String what = args[rank];
            if (what.equals("hang")) {
                Thread.sleep(Duration.ofMinutes(10).toMillis());
            }
            System.exit(Integer.parseInt(what));
        }
    }

    private static WorkerLauncher.Outcome run(Duration finishWait, String... perRank) {
        return new WorkerLauncher(ScriptedWorker.class.getName(), List.of(perRank), finishWait).run(perRank.length);
    }

    @Test
    void everyRankExitingCleanly_isSuccess() {
        WorkerLauncher.Outcome out = run(Duration.ofSeconds(30), "0", "0");
        assertThat(out.exitCodes()).containsExactly(0, 0);
        assertThat(out.failedRank()).isEqualTo(-1);
        assertThat(out.exitCode()).isZero();
    }

    @Test
    void aRankThatFails_isNamed_andItsCodeReturned() {
        WorkerLauncher.Outcome out = run(Duration.ofSeconds(30), "0", "3");
        assertThat(out.failedRank()).isEqualTo(1);
        assertThat(out.exitCode()).isEqualTo(3);
    }

    @Test
    void aRankStillRunningAfterAnotherFinished_isStoppedAndCountsAsFailed() {
        long start = System.nanoTime();
        WorkerLauncher.Outcome out = run(Duration.ofSeconds(2), "0", "hang");
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(out.exitCodes()).containsExactly(0, -1);
        assertThat(out.failedRank()).isEqualTo(1);
        assertThat(out.exitCode()).isEqualTo(1);
        assertThat(seconds).as("stopped after the finish wait, not the worker's 10 minutes").isLessThan(60);
    }
}
