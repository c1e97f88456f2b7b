package io.transmute.cli;

import io.transmute.core.serve.ModelInfo;
import io.transmute.core.serve.ModelSource;
import io.transmute.core.serve.ServeOptions;
import io.transmute.core.serve.TranslationService;
import io.transmute.core.torch.Device;
import io.transmute.core.torch.Torch;
import io.transmute.serve.ServerOptions;
import io.transmute.serve.TranslationServer;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/** {@code transmute serve}: an HTTP translation service with a web page, batching, limits and metrics. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        header = "Serve trained generators over HTTP, with a web page, batching, limits and metrics.",
        description = {"Loads and warms up every --model, then answers POST /v1/models/NAME/translate with the"
                + " translated image; GET / is a page to try it. SIGTERM (or Ctrl-C) stops accepting, finishes the"
                + " queued requests within --drain_seconds and exits 0."},
        footer = {"", "Examples:",
            "  transmute serve --model facades=checkpoints/facades/latest_net_G.pth --eval",
            "  transmute serve --model h2z=checkpoints/horse2zebra/ --port 9000      # both CycleGAN directions",
            "  TRANSMUTE_API_KEY=secret transmute serve --model m=G.pth --host 0.0.0.0",
            "  curl --data-binary @horse.jpg -o zebra.png 'http://127.0.0.1:8080/v1/models/h2z/translate'"})
public final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RuntimeMixin runtime;

    @Mixin
    PrecisionMixin precision = new PrecisionMixin();

    @Option(names = "--model", required = true, paramLabel = "NAME=PATH",
            description = "A model to serve: a generator file (.pth, .ckpt, .safetensors; StarGAN *-G.ckpt too) or a"
                    + " CycleGAN checkpoint folder (both directions). Repeat for more models.")
    List<String> models;

    @Option(names = "--host", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "Address to bind; any but loopback needs --api_key (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8080",
            description = "Port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--api_key", paramLabel = "KEY", defaultValue = "${env:TRANSMUTE_API_KEY}",
            description = "Key every request but the health checks must carry (Authorization: Bearer KEY or"
                    + " X-API-Key); default: the TRANSMUTE_API_KEY environment variable.")
    String apiKey;

    @Option(names = "--eval", description = "Eval mode for pix2pix/CycleGAN generators, as translate --eval."
            + " Without it train-mode batch-norm models translate one request at a time.")
    boolean eval;

    @Option(names = "--selected_attrs", arity = "1..*", split = ",", paramLabel = "NAME",
            description = "StarGAN attribute names in training order, for checkpoints that store none.")
    List<String> selectedAttrs;

    @Option(names = "--max_batch", paramLabel = "N", defaultValue = "8",
            description = "Most same-sized requests per forward pass (default: ${DEFAULT-VALUE}).")
    int maxBatch;

    @Option(names = "--max_batch_delay_ms", paramLabel = "MS", defaultValue = "5",
            description = "How long a request waits for others to share its forward pass (default: ${DEFAULT-VALUE}).")
    int maxBatchDelayMs;

    @Option(names = "--max_queue", paramLabel = "N", defaultValue = "64",
            description = "Most requests waiting; more get 503 with Retry-After (default: ${DEFAULT-VALUE}).")
    int maxQueue;

    @Option(names = "--max_concurrent", paramLabel = "N", defaultValue = "1",
            description = "Forward passes running at once on the device (default: ${DEFAULT-VALUE}).")
    int maxConcurrent;

    @Option(names = "--timeout_ms", paramLabel = "MS", defaultValue = "30000",
            description = "Longest a request may wait and run; then 504 (default: ${DEFAULT-VALUE}).")
    long timeoutMs;

    @Option(names = "--max_body_mb", paramLabel = "MB", defaultValue = "32",
            description = "Largest request body; larger gets 413 (default: ${DEFAULT-VALUE}).")
    double maxBodyMb;

    @Option(names = "--max_pixels", paramLabel = "N", defaultValue = "16777216",
            description = "Largest image, width x height, checked from its header before decoding; larger gets 413"
                    + " (default: ${DEFAULT-VALUE}).")
    long maxPixels;

    @Option(names = "--drain_seconds", paramLabel = "S", defaultValue = "30",
            description = "On SIGTERM, how long to wait for queued requests (default: ${DEFAULT-VALUE}).")
    int drainSeconds;

    @Option(names = "--cors_origin", paramLabel = "ORIGIN",
            description = "Let pages from this origin call the API (e.g. https://app.example.com); CORS is off"
                    + " without it.")
    String corsOrigin;

    @Override
    public Integer call() throws InterruptedException {
        List<ModelSource> sources = models.stream().map(ModelSource::parse).toList();
        ServerOptions serverOptions = new ServerOptions(host, port, apiKey, (long) (maxBodyMb * 1024 * 1024),
                corsOrigin, Duration.ofSeconds(Math.max(0, drainSeconds)));
        Device device = runtime.apply();
        ServeOptions options = new ServeOptions(device, eval, selectedAttrs, maxBatch, maxBatchDelayMs, maxQueue,
                maxConcurrent, timeoutMs, maxPixels, precision.precision());
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch stop = new CountDownLatch(1);
        try (TranslationService service = new TranslationService(options);
                TranslationServer server = TranslationServer.start(service, serverOptions)) {
            out.println("listening on http://" + host + ":" + server.port() + "/ (" + device + ", " + Torch.threads()
                    + " thread(s)); loading " + sources.size() + " model(s)");
            out.flush();
            service.load(sources);
            for (ModelInfo m : service.models()) {
                out.println("  " + m.name() + ": " + m.kind() + " " + m.architecture() + " (ngf " + m.ngf() + ", "
                        + m.norm() + " norm), " + String.join("/", m.directions())
                        + (m.attributes().isEmpty() ? "" : ", attributes " + String.join(" ", m.attributes()))
                        + ", batches of up to " + m.maxBatch() + ", " + m.precision());
            }
            // SIGTERM must end in exit code 0 after the drain, which a shutdown hook cannot give
            SignalHandler term = Signal.handle(new Signal("TERM"), s -> stop.countDown());
            SignalHandler interrupt = Signal.handle(new Signal("INT"), s -> stop.countDown());
            out.println("ready: http://" + host + ":" + server.port() + "/");
            out.flush();
            try {
                stop.await();
            } finally {
                Signal.handle(new Signal("TERM"), term);
                Signal.handle(new Signal("INT"), interrupt);
            }
            out.println("stopping: finishing queued requests (up to " + drainSeconds + " s)");
            out.flush();
            boolean drained = server.stop();
            out.println(drained ? "stopped" : "stopped; some queued requests did not finish in time");
            out.flush();
        }
        return ExitCodes.OK;
    }
}
