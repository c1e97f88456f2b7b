package io.transmute.serve;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.transmute.core.serve.ServiceListener;
import io.transmute.core.serve.TranslationService;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The service's Prometheus metrics: requests by endpoint and status, request latency, queue depth, batch sizes,
 * translated images (a counter and a rate over the last ten seconds), idle memory releases, and the JVM's memory,
 * threads and CPU.
 */
final class ServeMetrics implements ServiceListener {
    private static final int WINDOW_SECONDS = 10;

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final DistributionSummary batchSizes;
    private final Counter images;
    // images per wall-clock second, for the last WINDOW_SECONDS seconds: slot = second % WINDOW, tagged by second
    private final AtomicLongArray perSecond = new AtomicLongArray(WINDOW_SECONDS);
    private final AtomicLongArray slotSecond = new AtomicLongArray(WINDOW_SECONDS);

    ServeMetrics(TranslationService service) {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        Gauge.builder("transmute.queue.depth", service, TranslationService::queueDepth)
                .description("requests waiting for the device").register(registry);
        Gauge.builder("transmute.requests.in.flight", service, TranslationService::inFlight)
                .description("translate requests being decoded, queued, run or encoded").register(registry);
        FunctionCounter.builder("transmute.idle.releases", service, TranslationService::idleReleases)
                .description("times memory was handed back after 2 s without requests").register(registry);
        Gauge.builder("transmute.ready", service, s -> s.ready() ? 1 : 0)
                .description("1 once every model is loaded and warmed up").register(registry);
        batchSizes = DistributionSummary.builder("transmute.batch.size").description("requests per forward pass")
                .serviceLevelObjectives(1, 2, 4, 8, 16, 32).register(registry);
        images = Counter.builder("transmute.images.translated").description("images translated")
                .register(registry);
        Gauge.builder("transmute.images.per.second", this, ServeMetrics::recentRate)
                .description("images translated per second over the last " + WINDOW_SECONDS + " s")
                .register(registry);
    }

    /**
     * Counts one request.
     *
     * @param endpoint the route, e.g. {@code translate}
     * @param status the HTTP status sent
     * @param nanos time from arrival to reply
     */
    void request(String endpoint, int status, long nanos) {
        Counter.builder("transmute.requests").description("HTTP requests by endpoint and status")
                .tag("endpoint", endpoint).tag("status", Integer.toString(status)).register(registry).increment();
        Timer.builder("transmute.request.latency").description("time from request to reply")
                .tag("endpoint", endpoint).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry).record(Duration.ofNanos(nanos));
    }

    @Override
    public void batchDone(String model, int size, long nanos) {
        batchSizes.record(size);
        images.increment(size);
        long second = System.currentTimeMillis() / 1000;
        int slot = (int) (second % WINDOW_SECONDS);
        if (slotSecond.getAndSet(slot, second) != second) {
            perSecond.set(slot, 0);
        }
        perSecond.addAndGet(slot, size);
    }

    private double recentRate() {
        long now = System.currentTimeMillis() / 1000;
        long sum = 0;
        for (int i = 0; i < WINDOW_SECONDS; i++) {
            if (now - slotSecond.get(i) < WINDOW_SECONDS) {
                sum += perSecond.get(i);
            }
        }
        return sum / (double) WINDOW_SECONDS;
    }

    /** @return every metric in the Prometheus text format */
    String scrape() {
        return registry.scrape();
    }
}
