package io.transmute.serve;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.UploadedFile;
import io.javalin.http.staticfiles.Location;
import io.transmute.core.DataException;
import io.transmute.core.InvalidOptionException;
import io.transmute.core.TransmuteException;
import io.transmute.core.UnsupportedFormatException;
import io.transmute.core.serve.ServiceException;
import io.transmute.core.serve.ServiceException.Reason;
import io.transmute.core.serve.TranslationRequest;
import io.transmute.core.serve.TranslationResult;
import io.transmute.core.serve.TranslationService;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP face of a {@link TranslationService}: {@code POST /v1/models/{name}/translate} with the image as the
 * body (or a multipart form), model descriptions, health checks, Prometheus metrics and the web page at
 * {@code /}. Every error is a JSON {@code {"error": "..."}} with its status and one log line naming the request id,
 * which the {@code X-Request-Id} header also carries.
 *
 * <pre>{@code
 * try (TranslationServer server = TranslationServer.start(service, options)) {
 *     server.awaitShutdownSignal(); // or embed: the server runs on its own threads
 * }
 * }</pre>
 */
public final class TranslationServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TranslationServer.class);
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final String REQUEST_ID = "transmute.requestId";
    private static final String STARTED = "transmute.started";
    private static final int RETRY_AFTER_SECONDS = 1;

    private final TranslationService service;
    private final ServerOptions options;
    private final ServeMetrics metrics;
    private final SecureRandom ids = new SecureRandom();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final byte[] apiKey;
    private final Javalin app;
    private volatile boolean draining;

    private TranslationServer(TranslationService service, ServerOptions options) {
        this.service = service;
        this.options = options;
        this.metrics = new ServeMetrics(service);
        this.apiKey = options.apiKey() == null ? null : options.apiKey().getBytes(StandardCharsets.UTF_8);
        service.setListener(metrics);
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.startupWatcherEnabled = false;
            config.http.maxRequestSize = options.maxBodyBytes();
            config.jetty.multipartConfig.maxTotalRequestSize(options.maxBodyBytes(),
                    io.javalin.config.SizeUnit.BYTES);
            config.jetty.multipartConfig.maxFileSize(options.maxBodyBytes(), io.javalin.config.SizeUnit.BYTES);
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/io/transmute/serve/web";
                files.location = Location.CLASSPATH;
                files.precompress = false;
            });
            if (options.corsOrigin() != null) {
                config.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
                    rule.allowHost(options.corsOrigin());
                    rule.exposeHeader("X-Request-Id");
                    rule.exposeHeader("X-Batch-Size");
                    rule.exposeHeader("X-Compute-Ms");
                }));
            }
        });
        routes();
    }

    /**
     * Starts listening. The service may still be loading: health/ready says when it is ready.
     *
     * @param service the translations
     * @param options address, key and limits
     * @return the running server
     */
    public static TranslationServer start(TranslationService service, ServerOptions options) {
        TranslationServer s = new TranslationServer(service, options);
        try {
            s.app.start(options.host(), options.port());
        } catch (RuntimeException e) {
            throw new InvalidOptionException("cannot listen on " + options.host() + ":" + options.port() + " ("
                    + rootMessage(e) + "); choose another --port or --host");
        }
        return s;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** @return the port it listens on (the one chosen when 0 was asked for) */
    public int port() {
        return app.port();
    }

    private void routes() {
        app.before(ctx -> {
            ctx.attribute(STARTED, System.nanoTime());
            String given = ctx.header("X-Request-Id");
            String id = given != null && CLIENT_ID.matcher(given).matches() ? given
                    : HexFormat.of().formatHex(randomBytes());
            ctx.attribute(REQUEST_ID, id);
            ctx.header("X-Request-Id", id);
            String path = ctx.path();
            boolean guarded = path.startsWith("/v1/") || path.equals("/metrics");
            if (apiKey != null && guarded && ctx.method() != HandlerType.OPTIONS && !keyMatches(ctx)) {
                throw new ServiceException(Reason.UNAUTHORIZED, "missing or wrong API key; send it as"
                        + " 'Authorization: Bearer KEY' or 'X-API-Key: KEY'");
            }
        });
        app.get("/health/live", ctx -> reply(ctx, "live", 200, Map.of("status", "live")));
        app.get("/health/ready", ctx -> {
            boolean ready = service.ready() && !draining;
            reply(ctx, "ready", ready ? 200 : 503, Map.of("status", ready ? "ready" : "not ready"));
        });
        app.get("/metrics", ctx -> {
            ctx.contentType("text/plain; version=0.0.4; charset=utf-8");
            ctx.result(metrics.scrape());
            count(ctx, "metrics", 200);
        });
        app.get("/v1/models", ctx -> reply(ctx, "models", 200, Map.of("models", service.models())));
        app.get("/v1/models/{name}", ctx -> reply(ctx, "model", 200, service.model(ctx.pathParam("name"))
                .orElseThrow(() -> new ServiceException(Reason.NOT_FOUND, "no model named '" + ctx.pathParam("name")
                        + "'; GET /v1/models lists them"))));
        app.post("/v1/models/{name}/translate", this::translate);
        app.exception(Exception.class, this::failure);
        app.error(404, ctx -> {
            if (ctx.attribute("transmute.replied") == null) {
                failure(new ServiceException(Reason.NOT_FOUND, "no endpoint " + ctx.method() + " " + ctx.path()
                        + "; see GET /v1/models and POST /v1/models/{name}/translate"), ctx);
            }
        });
    }

    private byte[] randomBytes() {
        byte[] b = new byte[8];
        ids.nextBytes(b);
        return b;
    }

    private boolean keyMatches(Context ctx) {
        String auth = ctx.header("Authorization");
        String given = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).trim()
                : ctx.header("X-API-Key");
        // constant-time: the comparison must not tell how many leading characters were right
        return given != null && MessageDigest.isEqual(apiKey, given.getBytes(StandardCharsets.UTF_8));
    }

    private void translate(Context ctx) throws IOException {
        // counted before the check, so that a drain that has begun either sees this request or refuses it
        inFlight.incrementAndGet();
        try {
            if (draining) {
                throw new ServiceException(Reason.UNAVAILABLE, "the service is shutting down; retry against"
                        + " another instance");
            }
            String contentType = ctx.contentType();
            byte[] body;
            String direction = ctx.queryParam("direction");
            String attrs = ctx.queryParam("attrs");
            String format = ctx.queryParam("format");
            if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
                checkDeclaredLength(ctx);
                body = multipartImage(ctx);
                direction = direction != null ? direction : ctx.formParam("direction");
                attrs = attrs != null ? attrs : ctx.formParam("attrs");
                format = format != null ? format : ctx.formParam("format");
            } else {
                body = readBody(ctx);
            }
            TranslationResult r = service.translate(new TranslationRequest(ctx.pathParam("name"), body, direction,
                    attrs, format, ctx.attribute(REQUEST_ID)));
            ctx.status(200);
            ctx.contentType(r.contentType());
            ctx.header("X-Batch-Size", Integer.toString(r.batchSize()));
            ctx.header("X-Compute-Ms", String.format(Locale.ROOT, "%.1f", r.computeMillis()));
            ctx.header("X-Queue-Ms", String.format(Locale.ROOT, "%.1f", r.queueMillis()));
            ctx.res().setContentLength(r.image().length);
            // written here, not by the framework after return, so that a drain waits for the bytes to leave
            try (OutputStream out = ctx.res().getOutputStream()) {
                out.write(r.image());
            }
            ctx.attribute("transmute.replied", true);
            count(ctx, "translate", 200);
        } finally {
            inFlight.decrementAndGet();
            // also when the body never arrived: the idle release then returns what its buffers grew
            service.noteRequestEnded();
        }
    }

    private void checkDeclaredLength(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > options.maxBodyBytes()) {
            throw tooLarge(declared);
        }
    }

    private ServiceException tooLarge(long size) {
        return new ServiceException(Reason.TOO_LARGE, "the body is " + (size < 0 ? "more than" : size + " bytes,"
                + " more than") + " --max_body_mb allows (" + options.maxBodyBytes() + " bytes); send a smaller"
                + " image");
    }

    private byte[] readBody(Context ctx) throws IOException {
        checkDeclaredLength(ctx);
        // bounded read: a body without Content-Length (chunked) may not grow past the limit either
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, options.maxBodyBytes() + 1));
            if (bytes.length > options.maxBodyBytes()) {
                throw tooLarge(-1);
            }
            return bytes;
        }
    }

    private byte[] multipartImage(Context ctx) throws IOException {
        List<UploadedFile> files;
        try {
            files = ctx.uploadedFiles();
        } catch (IllegalStateException e) {
            // Jetty refuses parts beyond the multipart limits with IllegalStateException
            throw tooLarge(-1);
        }
        if (files.isEmpty()) {
            throw new ServiceException(Reason.BAD_REQUEST, "the form has no file; send the image as a file field,"
                    + " e.g. curl -F image=@photo.png");
        }
        UploadedFile file = ctx.uploadedFile("image") != null ? ctx.uploadedFile("image") : files.get(0);
        try (InputStream in = file.content()) {
            return in.readAllBytes();
        }
    }

    private void reply(Context ctx, String endpoint, int status, Object body) {
        ctx.status(status);
        ctx.json(body);
        ctx.attribute("transmute.replied", true);
        count(ctx, endpoint, status);
    }

    private void count(Context ctx, String endpoint, int status) {
        Long started = ctx.attribute(STARTED);
        metrics.request(endpoint, status, started == null ? 0 : System.nanoTime() - started);
    }

    private void failure(Exception e, Context ctx) {
        int status;
        String message;
        if (e instanceof ServiceException s) {
            status = s.reason().status();
            message = s.getMessage();
        } else if (e instanceof UnsupportedFormatException) {
            status = 415;
            message = e.getMessage();
        } else if (e instanceof DataException || e instanceof InvalidOptionException) {
            status = 400;
            message = e.getMessage();
        } else if (e instanceof HttpResponseException h) {
            status = h.getStatus();
            message = h.getMessage() == null || h.getMessage().isBlank() ? "HTTP " + status : h.getMessage();
        } else if (e instanceof IOException) {
            // the client went away or sent a broken body; there is nobody to tell much
            status = 400;
            message = "the request body could not be read (" + e.getClass().getSimpleName() + "); send it again";
        } else if (e instanceof TransmuteException) {
            status = 500;
            message = e.getMessage();
        } else {
            status = 500;
            message = "internal error; the server log has the details under request id "
                    + ctx.attribute(REQUEST_ID);
        }
        String id = ctx.attribute(REQUEST_ID);
        if (status >= 500 && !(e instanceof ServiceException)) {
            LOG.error("request {} {} {} -> {}: {}", id, ctx.method(), ctx.path(), status, e.toString());
            LOG.debug("request {}: stack trace", id, e);
        } else {
            LOG.warn("request {} {} {} -> {}: {}", id, ctx.method(), ctx.path(), status, message);
        }
        if (status == 503) {
            ctx.header("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
        }
        ctx.status(status);
        ctx.json(Map.of("error", message));
        ctx.attribute("transmute.replied", true);
        count(ctx, endpointOf(ctx.path()), status);
    }

    private static String endpointOf(String path) {
        if (path.endsWith("/translate")) {
            return "translate";
        }
        if (path.startsWith("/v1/models")) {
            return path.equals("/v1/models") ? "models" : "model";
        }
        if (path.startsWith("/health/")) {
            return path.substring("/health/".length());
        }
        return path.equals("/metrics") ? "metrics" : "other";
    }

    /**
     * Drains and stops: refuses new translations (503), waits up to {@link ServerOptions#drain()} for the queued
     * ones and their replies, then stops listening and the service.
     *
     * @return true when every queued request was answered in time
     */
    public boolean stop() {
        draining = true;
        long deadline = System.nanoTime() + options.drain().toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        boolean idle = inFlight.get() == 0;
        idle &= service.shutdown(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        app.stop();
        return idle;
    }

    /** Stops at once if {@link #stop()} was not called; the service is closed by its owner. */
    @Override
    public void close() {
        if (!draining) {
            draining = true;
            app.stop();
        }
    }

    /** @return how long a shutdown waits */
    public Duration drain() {
        return options.drain();
    }
}
