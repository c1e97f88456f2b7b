package io.transmute.core.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.transmute.core.io.ImageData;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The queue's scheduling, without a network: lanes, capacity, batch limits and deadlines. */
class BatchQueueTest {
    private static final long HOUR = TimeUnit.HOURS.toNanos(1);

    private static Route route(Object network, int maxBatch) {
        return new Route("m", network, 1, 1, maxBatch, images -> List.of());
    }

    private static BatchQueue.Job job(Route r, int side, long deadlineFromNow) {
        return new BatchQueue.Job(r, new ImageData(1, side, side, new float[side * side], null, 8),
                System.nanoTime() + deadlineFromNow);
    }

    @Test
    void next_groupsSameRouteAndSize_upToMaxBatch() throws InterruptedException {
        BatchQueue q = new BatchQueue(16, 0);
        Route a = route("a", 3);
        Route b = route("b", 3);
        BatchQueue.Job a1 = job(a, 8, HOUR);
        BatchQueue.Job b1 = job(b, 8, HOUR);
        BatchQueue.Job a2 = job(a, 8, HOUR);
        BatchQueue.Job aSmall = job(a, 4, HOUR);
        BatchQueue.Job a3 = job(a, 8, HOUR);
        BatchQueue.Job a4 = job(a, 8, HOUR);
        for (BatchQueue.Job j : List.of(a1, b1, a2, aSmall, a3, a4)) {
            q.submit(j);
        }
        assertThat(q.next()).containsExactly(a1, a2, a3);
        assertThat(q.next()).containsExactly(b1);
        assertThat(q.next()).containsExactly(aSmall);
        assertThat(q.next()).containsExactly(a4);
        assertThat(q.depth()).isZero();
    }

    @Test
    void submit_beyondCapacity_isRefusedWith503() {
        BatchQueue q = new BatchQueue(2, 0);
        Route a = route("a", 8);
        q.submit(job(a, 8, HOUR));
        q.submit(job(a, 8, HOUR));
        assertThatThrownBy(() -> q.submit(job(a, 8, HOUR))).isInstanceOfSatisfying(ServiceException.class,
                e -> assertThat(e.reason()).isEqualTo(ServiceException.Reason.UNAVAILABLE));
        assertThat(q.depth()).isEqualTo(2);
    }

    @Test
    void next_waitsTheBatchDelay_forPartners() throws InterruptedException {
        BatchQueue q = new BatchQueue(8, 200);
        Route a = route("a", 2);
        BatchQueue.Job first = job(a, 8, HOUR);
        q.submit(first);
        Thread late = new Thread(() -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            q.submit(job(a, 8, HOUR));
        });
        late.start();
        assertThat(q.next()).hasSize(2).startsWith(first);
        late.join();
    }

    @Test
    void next_fitsBatchesToDeadlines_andFailsRequestsThatCannotFinish() throws Exception {
        BatchQueue q = new BatchQueue(16, 0);
        Route a = route("a", 8);
        q.submit(job(a, 8, HOUR));
        List<BatchQueue.Job> measured = q.next();
        q.finished("a", measured.size(), TimeUnit.MILLISECONDS.toNanos(400));
        // 400 ms per image: a job with 100 ms left cannot finish; with 1 s left, two fit but not three
        BatchQueue.Job hopeless = job(a, 8, TimeUnit.MILLISECONDS.toNanos(100));
        BatchQueue.Job j1 = job(a, 8, TimeUnit.SECONDS.toNanos(1));
        BatchQueue.Job j2 = job(a, 8, HOUR);
        BatchQueue.Job j3 = job(a, 8, HOUR);
        for (BatchQueue.Job j : List.of(hopeless, j1, j2, j3)) {
            q.submit(j);
        }
        assertThat(q.next()).containsExactly(j1, j2);
        assertThatThrownBy(() -> hopeless.result.get(1, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(ServiceException.class,
                        e -> assertThat(e).hasMessageContaining("--timeout_ms")
                                .extracting(ServiceException::reason).isEqualTo(ServiceException.Reason.TIMEOUT));
        assertThat(q.next()).containsExactly(j3);
    }

    @Test
    void cancel_andStop_takeRequestsOut() throws Exception {
        BatchQueue q = new BatchQueue(8, 0);
        Route a = route("a", 8);
        BatchQueue.Job gone = job(a, 8, HOUR);
        BatchQueue.Job left = job(a, 8, HOUR);
        q.submit(gone);
        q.submit(left);
        assertThat(q.cancel(gone)).isTrue();
        assertThat(q.cancel(gone)).isFalse();
        q.stop();
        assertThat(q.next()).isNull();
        assertThatThrownBy(() -> left.result.get()).cause().isInstanceOf(ServiceException.class);
        assertThatThrownBy(() -> q.submit(job(a, 8, HOUR))).isInstanceOf(ServiceException.class);
    }

    @Test
    void onIdle_runsOnceAfterWork_whenNothingArrivesForTheIdlePeriod() throws Exception {
        AtomicInteger idle = new AtomicInteger();
        BatchQueue q = new BatchQueue(8, 0, 50, idle::incrementAndGet);
        Route a = route("a", 1);
        Thread worker = new Thread(() -> {
            try {
                List<BatchQueue.Job> batch;
                while ((batch = q.next()) != null) {
                    batch.forEach(j -> j.result.complete(new float[0]));
                    q.finished(a.network(), batch.size(), 1);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        worker.start();
        try {
            Thread.sleep(300);
            assertThat(idle.get()).as("no work yet, so nothing to hand back").isZero();
            BatchQueue.Job j = job(a, 8, HOUR);
            q.submit(j);
            j.result.get(10, TimeUnit.SECONDS);
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (idle.get() == 0 && System.nanoTime() < until) {
                Thread.sleep(10);
            }
            assertThat(idle.get()).isEqualTo(1);
            Thread.sleep(300);
            assertThat(idle.get()).as("once per idle period, not every period").isEqualTo(1);
            BatchQueue.Job k = job(a, 8, HOUR);
            q.submit(k);
            k.result.get(10, TimeUnit.SECONDS);
            until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (idle.get() == 1 && System.nanoTime() < until) {
                Thread.sleep(10);
            }
            assertThat(idle.get()).isEqualTo(2);
        } finally {
            q.stop();
            worker.join(10_000);
        }
    }
}
