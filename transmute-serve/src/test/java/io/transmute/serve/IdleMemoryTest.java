package io.transmute.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.transmute.core.serve.ModelSource;
import io.transmute.core.serve.ServeOptions;
import io.transmute.core.serve.TranslationService;
import io.transmute.core.torch.Device;
import io.transmute.core.torch.Precision;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An idle server hands memory back: after 2 s without requests it collects the Java heap, which lets the JVM
 * uncommit what uploads grew, and trims the native heap, also when the last requests never reached a forward pass.
 */
class IdleMemoryTest {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    @TempDir
    Path dir;

    @Test
    void idleServer_handsBackTheHeapThatRequestsGrew_afterTranslationsAndRefusedUploads() throws Exception {
        Path resnet = TestModels.resnet(dir, "resnet_net_G.pth", 3);
        try (TranslationService service = TranslationService.start(List.of(new ModelSource("resnet", resnet)),
                new ServeOptions(Device.CPU, false, null, 8, 5, 16, 1, 60_000, 512L * 512L, Precision.FLOAT32));
                TranslationServer server = TranslationServer.start(service, new ServerOptions("127.0.0.1", 0, null,
                        1024 * 1024, null, Duration.ofSeconds(10)))) {
            Http http = new Http(server.port());
            assertThat(service.idleReleases()).as("nothing ran yet, so nothing to hand back").isZero();
            HttpResponse<byte[]> r = http.post("/v1/models/resnet/translate", TestModels.png(32, 24, 1));
            assertThat(r.statusCode()).as(Http.text(r)).isEqualTo(200);
            long afterTranslation = awaitRelease(service, 0);
            assertThat(afterTranslation).isEqualTo(1);

            // what a burst of large uploads leaves behind: heap the JVM has committed and no longer needs
            long committedBefore = growHeap();
            r = http.post("/v1/models/resnet/translate", new byte[2 * 1024 * 1024]);
            assertThat(r.statusCode()).as("refused before any batch: " + Http.text(r)).isEqualTo(413);
            assertThat(awaitRelease(service, afterTranslation)).as("a refused upload is followed by a release too")
                    .isEqualTo(2);
            long committedAfter = MEMORY.getHeapMemoryUsage().getCommitted();
            assertThat(committedAfter).as("heap committed after the idle release, against %d MB before",
                    committedBefore >> 20).isLessThan(committedBefore - (128L << 20));
            assertThat(metric(http, "transmute_idle_releases_total")).isEqualTo(2.0);
        }
    }

    /** Fills the heap with 384 MB of arrays that become garbage on return; @return the heap committed then. */
    private static long growHeap() {
        List<byte[]> held = new ArrayList<>();
        for (int i = 0; i < 384; i++) {
            byte[] b = new byte[1 << 20];
            b[i] = 1;
            held.add(b);
        }
        long committed = MEMORY.getHeapMemoryUsage().getCommitted();
        assertThat(held).hasSize(384);
        return committed;
    }

    private static long awaitRelease(TranslationService service, long previous) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (service.idleReleases() == previous && System.nanoTime() < until) {
            Thread.sleep(50);
        }
        return service.idleReleases();
    }

    private static double metric(Http http, String name) {
        for (String line : Http.text(http.get("/metrics")).split("\n")) {
            if (line.startsWith(name + " ")) {
                return Double.parseDouble(line.substring(name.length() + 1).trim());
            }
        }
        throw new AssertionError(name + " not in /metrics");
    }
}
