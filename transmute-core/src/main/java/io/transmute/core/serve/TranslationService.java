package io.transmute.core.serve;

import io.transmute.core.DataException;
import io.transmute.core.InvalidOptionException;
import io.transmute.core.TransmuteException;
import io.transmute.core.UnsupportedFormatException;
import io.transmute.core.io.ImageCodec;
import io.transmute.core.io.ImageData;
import io.transmute.core.io.ImageHeader;
import io.transmute.core.torch.NativeMemory;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Translates encoded images with named models, for an HTTP server or any application that embeds it. Requests
 * come from any number of threads; a bounded queue and {@link ServeOptions#maxConcurrent()} workers run them on
 * the device, and same-sized requests for the same network that arrive within the batch delay share a forward
 * pass (only where the network's batch semantics allow it: eval mode or instance norm).
 *
 * <pre>{@code
 * try (TranslationService service = TranslationService.start(
 *         List.of(new ModelSource("zebra", Path.of("horse2zebra.pth"))), ServeOptions.defaults())) {
 *     byte[] png = service.translate(new TranslationRequest("zebra", Files.readAllBytes(horse), null, null,
 *             "png", "r1")).image();
 * }
 * }</pre>
 */
public final class TranslationService implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(TranslationService.class.getName());
    private static final Map<String, String> CONTENT_TYPES = Map.of("png", "image/png", "jpg", "image/jpeg",
            "tif", "image/tiff");

    /**
     * After this long without requests the workers hand freed memory back to the system: the native memory that
     * the allocator settings of {@code bin/transmute} keep in the process between batches (which saves page faults
     * under load), and the Java heap that uploads and decoded images grew. Kept, either would leave an idle server
     * at the RSS of its busiest moment.
     */
    static final long IDLE_TRIM_MS = 2000;

    private final ServeOptions options;
    private final Map<String, ServedModel> models = new LinkedHashMap<>();
    private final BatchQueue queue;
    private final List<Thread> workers = new ArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong idleReleases = new AtomicLong();
    private volatile ServiceListener listener = ServiceListener.NONE;
    private volatile boolean ready;
    private boolean closed;

    /**
     * Creates a service with no models; {@link #load} adds them. Until then it is live but not ready.
     *
     * @param options scheduling and limits
     */
    public TranslationService(ServeOptions options) {
        this.options = options;
        this.queue = new BatchQueue(options.maxQueue(), options.maxBatchDelayMs(), IDLE_TRIM_MS,
                this::releaseIdleMemory);
    }

    // after a full collection G1 shrinks the heap to MaxHeapFreeRatio above what is live and uncommits the rest,
    // now rather than on the schedule of -XX:G1PeriodicGCInterval; only an idle server pays the pause
    private void releaseIdleMemory() {
        System.gc();
        NativeMemory.handBack();
        idleReleases.incrementAndGet();
    }

    /**
     * Creates a service, loads and warms up its models.
     *
     * @param sources the models
     * @param options scheduling and limits
     * @return the ready service
     */
    public static TranslationService start(List<ModelSource> sources, ServeOptions options) {
        TranslationService s = new TranslationService(options);
        try {
            s.load(sources);
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    /**
     * Loads every model, runs each network once, starts the workers and becomes ready. Call it once.
     *
     * @param sources the models, with distinct names
     * @throws InvalidOptionException for no models or a repeated name
     * @throws TransmuteException when weights cannot be read
     */
    public void load(List<ModelSource> sources) {
        if (sources.isEmpty()) {
            throw new InvalidOptionException("no model to serve; give --model NAME=PATH at least once");
        }
        synchronized (this) {
            if (!models.isEmpty() || closed) {
                throw new IllegalStateException("load is called once, before close");
            }
        }
        Map<String, ServedModel> loaded = new LinkedHashMap<>();
        try {
            for (ModelSource src : sources) {
                if (loaded.containsKey(src.name())) {
                    throw new InvalidOptionException("--model " + src.name() + " is given twice; give each model"
                            + " its own name");
                }
                ServedModel m = ServedModel.load(src, options);
                loaded.put(src.name(), m);
                m.warmUp();
            }
        } catch (RuntimeException e) {
            loaded.values().forEach(ServedModel::close);
            throw e;
        }
        synchronized (this) {
            models.putAll(loaded);
            for (int i = 0; i < options.maxConcurrent(); i++) {
                Thread t = new Thread(this::work, "transmute-serve-worker-" + i);
                t.setDaemon(true);
                workers.add(t);
                t.start();
            }
        }
        ready = true;
    }

    /** @param l hears every forward pass (metrics); replaces the previous one */
    public void setListener(ServiceListener l) {
        this.listener = l == null ? ServiceListener.NONE : l;
    }

    /** @return true once every model is loaded and warmed up, until shutdown begins */
    public boolean ready() {
        return ready;
    }

    /** @return the scheduling and limits */
    public ServeOptions options() {
        return options;
    }

    /** @return every model, in the order given */
    public synchronized List<ModelInfo> models() {
        return models.values().stream().map(ServedModel::info).toList();
    }

    /**
     * @param name a model's name
     * @return its description, if served
     */
    public synchronized Optional<ModelInfo> model(String name) {
        return Optional.ofNullable(models.get(name)).map(ServedModel::info);
    }

    /** @return requests waiting for a worker */
    public int queueDepth() {
        return queue.depth();
    }

    /** @return calls of {@link #translate} that have not returned yet: decoding, queued, running or encoding */
    public int inFlight() {
        return inFlight.get();
    }

    /**
     * @return how often the service has handed memory back after {@code IDLE_TRIM_MS} (2 s) without requests:
     *     a full garbage collection, which lets the JVM uncommit the heap that uploads grew, then
     *     {@link NativeMemory#handBack()}
     */
    public long idleReleases() {
        return idleReleases.get();
    }

    /**
     * Tells the service that a request ended without calling {@link #translate} (an upload that was cut off or
     * too large), so that memory is handed back after the idle period that follows it as after a translation.
     */
    public void noteRequestEnded() {
        queue.touch();
    }

    /**
     * Translates one image, blocking the calling thread until the result is there, the request fails, or
     * {@link ServeOptions#timeoutMs()} has passed. Decoding and encoding run on the calling thread.
     *
     * @param request the image and parameters
     * @return the translated image, same size as the input
     * @throws ServiceException for a refused or failed request, with the reason
     * @throws DataException for a corrupt image (400)
     * @throws UnsupportedFormatException for bytes that are no image format read here (415)
     */
    public TranslationResult translate(TranslationRequest request) {
        inFlight.incrementAndGet();
        try {
            return translateCounted(request);
        } finally {
            inFlight.decrementAndGet();
            queue.touch();
        }
    }

    private TranslationResult translateCounted(TranslationRequest request) {
        long start = System.nanoTime();
        ServedModel model;
        boolean loaded;
        synchronized (this) {
            model = models.get(request.model());
            loaded = !models.isEmpty();
        }
        if (!ready) {
            throw new ServiceException(ServiceException.Reason.UNAVAILABLE, "the service is "
                    + (loaded ? "shutting down" : "starting") + "; retry shortly");
        }
        if (model == null) {
            throw new ServiceException(ServiceException.Reason.NOT_FOUND, "no model named '" + request.model()
                    + "'; GET /v1/models lists them");
        }
        String format = format(request.format());
        Route route = model.route(request.direction(), request.attrs());
        if (request.image().length == 0) {
            throw new ServiceException(ServiceException.Reason.BAD_REQUEST, "the request has no image; send the"
                    + " image file as the body");
        }
        ImageHeader header = ImageCodec.header(request.image(), request.requestId());
        if (header.pixels() > options.maxPixels()) {
            throw new ServiceException(ServiceException.Reason.TOO_LARGE, "the image is " + header.width() + "x"
                    + header.height() + " (" + header.pixels() + " pixels), more than --max_pixels "
                    + options.maxPixels() + "; send a smaller image");
        }
        ImageData in = ImageCodec.read(request.image(), request.requestId(), route.inputChannels());
        long deadline = start + TimeUnit.MILLISECONDS.toNanos(options.timeoutMs());
        BatchQueue.Job job = new BatchQueue.Job(route, in, deadline);
        queue.submit(job);
        float[] planes = await(job, start);
        boolean sixteen = in.bitDepth() == 16 && !format.equals("jpg");
        ImageData out = new ImageData(route.outputChannels(), in.height(), in.width(), planes, in.alpha(),
                sixteen ? 16 : 8);
        byte[] bytes = ImageCodec.encode(out, format);
        return new TranslationResult(bytes, CONTENT_TYPES.get(format), in.width(), in.height(), job.batchSize,
                (job.startedNanos - job.enqueuedNanos) / 1e6, job.computeNanos / 1e6);
    }

    private static String format(String f) {
        String v = f == null || f.isBlank() ? "png" : f.toLowerCase(Locale.ROOT);
        return switch (v) {
            case "png" -> "png";
            case "jpg", "jpeg" -> "jpg";
            case "tif", "tiff" -> "tif";
            default -> throw new ServiceException(ServiceException.Reason.BAD_REQUEST, "format=" + f
                    + " is not available; use png, jpg or tif");
        };
    }

    private float[] await(BatchQueue.Job job, long start) {
        long left = TimeUnit.MILLISECONDS.toNanos(options.timeoutMs()) - (System.nanoTime() - start);
        try {
            return job.result.get(Math.max(left, 0), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            boolean queued = queue.cancel(job);
            throw new ServiceException(ServiceException.Reason.TIMEOUT, "the request took longer than --timeout_ms "
                    + options.timeoutMs() + (queued ? " waiting in the queue" : " to run") + "; retry later or send"
                    + " a smaller image");
        } catch (InterruptedException e) {
            queue.cancel(job);
            Thread.currentThread().interrupt();
            throw new ServiceException(ServiceException.Reason.UNAVAILABLE, "the request was interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private void work() {
        while (true) {
            List<BatchQueue.Job> batch;
            try {
                batch = queue.next();
            } catch (InterruptedException e) {
                return;
            }
            if (batch == null) {
                return;
            }
            long nanos = -1;
            try {
                nanos = run(batch);
            } finally {
                queue.finished(batch.get(0).route.network(), batch.size(), nanos);
            }
        }
    }

    /** @return the forward pass's time, or -1 when it failed */
    private long run(List<BatchQueue.Job> batch) {
        long t0 = System.nanoTime();
        for (BatchQueue.Job j : batch) {
            j.startedNanos = t0;
            j.batchSize = batch.size();
        }
        Route route = batch.get(0).route;
        try {
            List<float[]> outs = route.runner().run(batch.stream().map(j -> j.image).toList());
            long nanos = System.nanoTime() - t0;
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).computeNanos = nanos;
                batch.get(i).result.complete(outs.get(i));
            }
            listener.batchDone(route.model(), batch.size(), nanos);
            return nanos;
        } catch (OutOfMemoryError e) {
            // JavaCPP's limit on physical memory (or the heap) refused this batch; the next one may fit, so the
            // worker lives on and says what to change
            ImageData first = batch.get(0).image;
            LOG.log(Level.DEBUG, "forward pass of " + route.model() + " ran out of memory: " + e);
            ServiceException toClient = new ServiceException(ServiceException.Reason.UNAVAILABLE, "out of memory"
                    + " for a batch of " + batch.size() + " " + first.width() + "x" + first.height() + " image(s);"
                    + " retry, and lower --max_batch or give the process more memory");
            batch.forEach(j -> j.result.completeExceptionally(toClient));
            return -1;
        } catch (RuntimeException e) {
            // a failed forward pass fails its requests, never the worker
            // each request's failure is logged where it is answered; the trace only for debugging
            LOG.log(Level.DEBUG, "forward pass of " + route.model() + " failed: " + e, e);
            RuntimeException toClient = e instanceof TransmuteException ? e : new IllegalStateException(
                    "internal error in the forward pass", e);
            batch.forEach(j -> j.result.completeExceptionally(toClient));
            return -1;
        }
    }

    /**
     * Stops accepting requests and lets the queued ones finish.
     *
     * @param drain the longest to wait for them; those still queued then fail (503)
     * @return true when every queued request finished in time
     */
    public boolean shutdown(Duration drain) {
        ready = false;
        queue.stopAccepting();
        boolean idle;
        try {
            idle = queue.awaitIdle(drain.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            idle = false;
        }
        queue.stop();
        return idle;
    }

    /** Stops at once (requests still queued fail) and frees every network. */
    @Override
    public void close() {
        Collection<ServedModel> toClose;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            ready = false;
            toClose = List.copyOf(models.values());
        }
        queue.stop();
        for (Thread t : workers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        toClose.forEach(ServedModel::close);
    }
}
