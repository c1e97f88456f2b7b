package io.transmute.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.transmute.core.InvalidOptionException;
import io.transmute.core.infer.Translator;
import io.transmute.core.infer.TranslatorOptions;
import io.transmute.core.io.ImageCodec;
import io.transmute.core.io.ImageData;
import io.transmute.core.io.ImageSamples;
import io.transmute.core.nn.GivenGeneratorOptions;
import io.transmute.core.serve.ModelSource;
import io.transmute.core.serve.ServeOptions;
import io.transmute.core.serve.TranslationService;
import io.transmute.core.torch.Device;
import io.transmute.core.torch.Precision;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP service against a running server on loopback, with a real client and small random generators. */
class TranslationServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Path resnet;
    static Path unet;
    static Path cycle;
    static Path starGan;
    static TranslationService service;
    static TranslationServer server;
    static Http http;

    @BeforeAll
    static void start() {
        resnet = TestModels.resnet(dir, "resnet_net_G.pth", 3);
        unet = TestModels.unetBatchNorm(dir);
        cycle = TestModels.cycleFolder(dir);
        starGan = TestModels.starGan(dir);
        // a long batch delay makes concurrent requests meet in one batch even on a busy machine
        service = TranslationService.start(List.of(new ModelSource("resnet", resnet), new ModelSource("unet", unet),
                new ModelSource("cycle", cycle), new ModelSource("star", starGan)),
                new ServeOptions(Device.CPU, false, null, 8, 300, 64, 1, 60_000, 512L * 512L, Precision.FLOAT32));
        server = TranslationServer.start(service, options(null, 2 * 1024 * 1024));
        http = new Http(server.port());
    }

    static ServerOptions options(String key, long maxBody) {
        return new ServerOptions("127.0.0.1", 0, key, maxBody, null, Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() {
        server.close();
        service.close();
    }

    private static JsonNode json(HttpResponse<byte[]> r) throws IOException {
        return JSON.readTree(r.body());
    }

    private static void assertError(HttpResponse<byte[]> r, int status, String contains) throws IOException {
        assertThat(r.statusCode()).as(Http.text(r)).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode body = json(r);
        assertThat(body.size()).isEqualTo(1);
        String error = body.get("error").asText();
        assertThat(error).contains(contains).doesNotContain("\n").doesNotContain("Exception").doesNotContain("at io.");
        assertThat(r.headers().firstValue("X-Request-Id")).isPresent();
    }

    private static ImageSamples decode(byte[] image) {
        try {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(image));
            assertThat(img).as("decodable image").isNotNull();
            Path tmp = Files.createTempFile(dir, "img", ".png");
            ImageIO.write(img, "png", tmp.toFile());
            return ImageCodec.readSamples(tmp);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ImageSamples offline(Path weights, byte[] input) {
        try (Translator t = Translator.load(weights, new TranslatorOptions(Device.CPU, false, null,
                GivenGeneratorOptions.NONE, 1))) {
            ImageData in = ImageCodec.read(input, "input", 3);
            ImageData out = t.translate(in);
            return decode(ImageCodec.encode(new ImageData(3, in.height(), in.width(), out.planes(), in.alpha(), 8),
                    "png"));
        }
    }

    private static void assertSamePixels(ImageSamples a, ImageSamples b) {
        assertThat(a.width()).isEqualTo(b.width());
        assertThat(a.height()).isEqualTo(b.height());
        for (int c = 0; c < a.color().length; c++) {
            assertThat(a.color()[c]).as("plane " + c).isEqualTo(b.color()[c]);
        }
        assertThat(a.alpha()).isEqualTo(b.alpha());
    }

    @Test
    void models_listsEveryModelWithItsArchitecture() throws IOException {
        HttpResponse<byte[]> r = http.get("/v1/models");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode models = json(r).get("models");
        assertThat(models).hasSize(4);
        assertThat(models.get(0).get("name").asText()).isEqualTo("resnet");
        assertThat(models.get(0).get("architecture").asText()).isEqualTo("resnet_6blocks");
        assertThat(models.get(0).get("maxBatch").asInt()).isEqualTo(8);
        JsonNode cycleInfo = json(http.get("/v1/models/cycle"));
        assertThat(cycleInfo.get("kind").asText()).isEqualTo("cycle_gan");
        assertThat(cycleInfo.get("directions").toString()).isEqualTo("[\"AtoB\",\"BtoA\"]");
        JsonNode unetInfo = json(http.get("/v1/models/unet"));
        assertThat(unetInfo.get("norm").asText()).isEqualTo("batch");
        assertThat(unetInfo.get("maxBatch").asInt()).as("train-mode batch norm never mixes requests").isEqualTo(1);
        JsonNode star = json(http.get("/v1/models/star"));
        assertThat(star.get("attributes").toString())
                .isEqualTo("[\"Black_Hair\",\"Blond_Hair\",\"Brown_Hair\",\"Male\",\"Young\"]");
        assertError(http.get("/v1/models/nope"), 404, "no model named 'nope'");
    }

    @Test
    void translate_png_givesTheOfflineTranslatorsPixels_atTheInputSize() {
        byte[] input = TestModels.png(37, 23, 1);
        HttpResponse<byte[]> r = http.post("/v1/models/resnet/translate", input);
        assertThat(r.statusCode()).as(Http.text(r)).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("image/png");
        ImageSamples out = decode(r.body());
        assertThat(out.width()).isEqualTo(37);
        assertThat(out.height()).isEqualTo(23);
        assertSamePixels(out, offline(resnet, input));
    }

    @Test
    void translate_acceptsJpegTiffBmpGrayAndAlpha_andWritesTheAskedFormat() throws IOException {
        for (String format : List.of("jpg", "tif", "bmp")) {
            byte[] input = TestModels.encode(TestModels.noise(32, 24, BufferedImage.TYPE_INT_RGB, 2), format);
            HttpResponse<byte[]> r = http.post("/v1/models/resnet/translate?format=jpg", input);
            assertThat(r.statusCode()).as(format + ": " + Http.text(r)).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValue("image/jpeg");
            assertThat(decode(r.body()).width()).isEqualTo(32);
        }
        BufferedImage gray16 = new BufferedImage(20, 16, BufferedImage.TYPE_USHORT_GRAY);
        gray16.getRaster().setSample(3, 4, 0, 40000);
        HttpResponse<byte[]> tif = http.post("/v1/models/resnet/translate?format=tif", TestModels.encode(gray16,
                "png"));
        assertThat(tif.statusCode()).as(Http.text(tif)).isEqualTo(200);
        assertThat(tif.headers().firstValue("Content-Type")).hasValue("image/tiff");
        Path t = dir.resolve("out16.tif");
        Files.write(t, tif.body());
        assertThat(ImageCodec.readSamples(t).max()).as("16-bit in, 16-bit out").isEqualTo(65535);
        byte[] rgba = TestModels.encode(TestModels.noise(16, 16, BufferedImage.TYPE_INT_ARGB, 4), "png");
        HttpResponse<byte[]> withAlpha = http.post("/v1/models/resnet/translate", rgba);
        assertThat(withAlpha.statusCode()).isEqualTo(200);
        assertThat(decode(withAlpha.body()).alpha()).as("alpha kept").isEqualTo(decode(rgba).alpha());
    }

    @Test
    void translate_multipartForm_readsTheFileAndFields() {
        byte[] input = TestModels.png(16, 16, 5);
        String boundary = "b0undary";
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"direction\"\r\n\r\nBtoA\r\n--"
                + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"x.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = ByteBuffer.allocate(head.length + input.length + tail.length).put(head).put(input).put(tail)
                .array();
        HttpResponse<byte[]> r = http.post("/v1/models/cycle/translate", body, "Content-Type",
                "multipart/form-data; boundary=" + boundary);
        assertThat(r.statusCode()).as(Http.text(r)).isEqualTo(200);
        assertSamePixels(decode(r.body()), offline(cycle.resolve("latest_net_G_B.pth"), input));
    }

    @Test
    void translate_directionsAndAttributes_routeOrFailClearly() throws IOException {
        byte[] input = TestModels.png(16, 16, 6);
        HttpResponse<byte[]> b = http.post("/v1/models/cycle/translate?direction=BtoA", input);
        assertSamePixels(decode(b.body()), offline(cycle.resolve("latest_net_G_B.pth"), input));
        assertError(http.post("/v1/models/resnet/translate?direction=BtoA", input), 400, "no direction 'BtoA'");
        HttpResponse<byte[]> star = http.post("/v1/models/star/translate?attrs=Blond_Hair=1,Male=0", input);
        assertThat(star.statusCode()).as(Http.text(star)).isEqualTo(200);
        assertThat(decode(star.body()).width()).isEqualTo(16);
        HttpResponse<byte[]> other = http.post("/v1/models/star/translate?attrs=Black_Hair=1", input);
        assertThat(other.body()).as("another target, another image").isNotEqualTo(star.body());
        assertError(http.post("/v1/models/star/translate?attrs=Purple_Hair=1", input), 400, "Purple_Hair");
        assertError(http.post("/v1/models/star/translate", input), 400, "needs attrs");
        assertError(http.post("/v1/models/resnet/translate?attrs=Male=1", input), 400, "takes no attrs");
        assertError(http.post("/v1/models/resnet/translate?format=gif", input), 400, "format=gif");
        assertError(http.post("/v1/models/nope/translate", input), 404, "no model named 'nope'");
        assertError(http.get("/v1/nothing/here"), 404, "no endpoint");
    }

    @Test
    void translate_badImages_get415or400() throws IOException {
        assertError(http.post("/v1/models/resnet/translate", "hello, not an image".getBytes(StandardCharsets.UTF_8)),
                415, "not an image format");
        byte[] png = TestModels.png(32, 32, 7);
        byte[] truncated = java.util.Arrays.copyOf(png, 60);
        assertError(http.post("/v1/models/resnet/translate", truncated), 400, "not a readable image");
        assertError(http.post("/v1/models/resnet/translate", new byte[0]), 400, "no image");
    }

    /** A PNG whose header claims {@code w x h} pixels but holds the data of a tiny image: a decompression bomb. */
    private static byte[] pngClaiming(int w, int h) {
        byte[] png = TestModels.png(8, 8, 8);
        ByteBuffer b = ByteBuffer.wrap(png);
        b.putInt(16, w).putInt(20, h);
        CRC32 crc = new CRC32();
        crc.update(png, 12, 17);
        b.putInt(29, (int) crc.getValue());
        return png;
    }

    @Test
    void translate_limits_bodyAndPixels_get413_beforeDecoding() throws IOException {
        assertError(http.post("/v1/models/resnet/translate", pngClaiming(100_000, 100_000)), 413,
                "100000x100000");
        assertError(http.post("/v1/models/resnet/translate", pngClaiming(600, 600)), 413, "--max_pixels");
        byte[] big = new byte[3 * 1024 * 1024];
        assertError(http.post("/v1/models/resnet/translate", big), 413, "--max_body_mb");
        // chunked: no Content-Length, the read itself stops at the limit
        HttpRequest chunked = http.builder("/v1/models/resnet/translate").POST(HttpRequest.BodyPublishers
                .ofInputStream(() -> new ByteArrayInputStream(big))).build();
        assertError(http.send(chunked), 413, "--max_body_mb");
    }

    @Test
    void translate_concurrentSameSizedRequests_shareBatches_withTheSinglePixels() throws Exception {
        int n = 6;
        List<byte[]> inputs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            inputs.add(TestModels.png(24, 20, 100 + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(n);
        List<HttpResponse<byte[]>> batched = new ArrayList<>();
        try {
            List<Future<HttpResponse<byte[]>>> futures = new ArrayList<>();
            for (byte[] in : inputs) {
                futures.add(pool.submit(() -> http.post("/v1/models/resnet/translate", in)));
            }
            for (Future<HttpResponse<byte[]>> f : futures) {
                batched.add(f.get());
            }
        } finally {
            pool.shutdown();
        }
        int largest = 0;
        for (int i = 0; i < n; i++) {
            HttpResponse<byte[]> r = batched.get(i);
            assertThat(r.statusCode()).as(Http.text(r)).isEqualTo(200);
            largest = Math.max(largest, Integer.parseInt(r.headers().firstValue("X-Batch-Size").orElseThrow()));
            HttpResponse<byte[]> alone = http.post("/v1/models/resnet/translate", inputs.get(i));
            assertThat(alone.headers().firstValue("X-Batch-Size")).hasValue("1");
            assertSamePixels(decode(r.body()), decode(alone.body()));
        }
        assertThat(largest).as("some requests shared a forward pass").isGreaterThan(1);
        String metrics = Http.text(http.get("/metrics"));
        assertThat(metrics).contains("transmute_batch_size_count", "transmute_images_translated_total");
    }

    @Test
    void translate_trainModeBatchNorm_neverMixesRequests() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<HttpResponse<byte[]>>> futures = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                byte[] in = TestModels.png(16, 16, 200 + i);
                futures.add(pool.submit(() -> http.post("/v1/models/unet/translate", in)));
            }
            for (Future<HttpResponse<byte[]>> f : futures) {
                assertThat(f.get().headers().firstValue("X-Batch-Size")).hasValue("1");
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void health_andMetrics_answer() {
        assertThat(http.get("/health/live").statusCode()).isEqualTo(200);
        assertThat(http.get("/health/ready").statusCode()).isEqualTo(200);
        http.post("/v1/models/resnet/translate", TestModels.png(16, 16, 9));
        HttpResponse<byte[]> m = http.get("/metrics");
        assertThat(m.statusCode()).isEqualTo(200);
        assertThat(m.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        assertThat(Http.text(m)).contains("transmute_requests_total{endpoint=\"translate\",status=\"200\"}",
                "transmute_request_latency_seconds_bucket", "transmute_queue_depth", "transmute_images_per_second",
                "transmute_ready 1");
    }

    private static double metric(String name) {
        for (String line : Http.text(http.get("/metrics")).split("\n")) {
            if (line.startsWith(name + " ")) {
                return Double.parseDouble(line.substring(name.length() + 1));
            }
        }
        throw new AssertionError(name + " not in /metrics");
    }

    /** Opens a connection and sends the request line, headers and the first {@code bytesSent} bytes of the body. */
    private static Socket rawRequest(byte[] body, int bytesSent) throws IOException {
        Socket s = new Socket("127.0.0.1", server.port());
        OutputStream out = s.getOutputStream();
        out.write(("POST /v1/models/resnet/translate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: image/png\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body, 0, bytesSent);
        out.flush();
        return s;
    }

    @Test
    void clientsThatDisconnect_leaveNoRequestBehind() throws Exception {
        byte[] image = TestModels.png(48, 40, 5);
        double translated = metric("transmute_images_translated_total");
        List<Socket> complete = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            complete.add(rawRequest(image, image.length));
        }
        // wait until the service has them (in flight, or already translated), then hang up without reading
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        boolean reached = false;
        while (!reached && System.nanoTime() < until) {
            reached = metric("transmute_requests_in_flight") > 0
                    || metric("transmute_images_translated_total") > translated;
            Thread.sleep(10);
        }
        assertThat(reached).as("the service received the complete uploads").isTrue();
        for (Socket s : complete) {
            s.close();
        }
        for (int i = 0; i < 5; i++) {
            rawRequest(image, image.length / 2).close();
        }
        until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while ((metric("transmute_requests_in_flight") > 0 || metric("transmute_queue_depth") > 0)
                && System.nanoTime() < until) {
            Thread.sleep(50);
        }
        assertThat(metric("transmute_requests_in_flight")).isZero();
        assertThat(metric("transmute_queue_depth")).isZero();
        HttpResponse<byte[]> r = http.post("/v1/models/resnet/translate", image);
        assertThat(r.statusCode()).as(Http.text(r)).isEqualTo(200);
    }

    @Test
    void ready_only_afterWarmUp() throws IOException {
        try (TranslationService fresh = new TranslationService(ServeOptions.defaults());
                TranslationServer s = TranslationServer.start(fresh, options(null, 1024 * 1024))) {
            Http h = new Http(s.port());
            assertThat(h.get("/health/live").statusCode()).isEqualTo(200);
            assertThat(h.get("/health/ready").statusCode()).isEqualTo(503);
            assertError(h.post("/v1/models/resnet/translate", TestModels.png(8, 8, 1)), 503, "starting");
            fresh.load(List.of(new ModelSource("resnet", resnet)));
            assertThat(h.get("/health/ready").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void apiKey_isCheckedOnEveryRequestButHealth() throws IOException {
        try (TranslationServer s = TranslationServer.start(service, options("s3cret", 1024 * 1024))) {
            Http h = new Http(s.port());
            assertError(h.get("/v1/models"), 401, "API key");
            assertError(h.get("/v1/models", "Authorization", "Bearer wrong"), 401, "API key");
            assertError(h.post("/v1/models/resnet/translate", TestModels.png(8, 8, 1)), 401, "API key");
            assertThat(h.get("/metrics").statusCode()).isEqualTo(401);
            assertThat(h.get("/health/live").statusCode()).isEqualTo(200);
            assertThat(h.get("/health/ready").statusCode()).isEqualTo(200);
            assertThat(h.get("/v1/models", "Authorization", "Bearer s3cret").statusCode()).isEqualTo(200);
            assertThat(h.post("/v1/models/resnet/translate", TestModels.png(8, 8, 1), "X-API-Key", "s3cret")
                    .statusCode()).isEqualTo(200);
        } finally {
            service.setListener(null);
        }
        assertThatThrownBy(() -> new ServerOptions("0.0.0.0", 0, null, 1024, null, Duration.ZERO))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("--api_key");
        assertThat(new ServerOptions("0.0.0.0", 0, "k", 1024, null, Duration.ZERO).apiKey()).isEqualTo("k");
    }

    @Test
    void cors_isOff_unlessAnOriginIsNamed() {
        HttpRequest preflight = http.builder("/v1/models/resnet/translate", "Origin", "http://app.example.test",
                "Access-Control-Request-Method", "POST").method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .build();
        assertThat(http.send(preflight).headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(http.get("/v1/models", "Origin", "http://app.example.test").headers()
                .firstValue("Access-Control-Allow-Origin")).isEmpty();
        try (TranslationServer s = TranslationServer.start(service, new ServerOptions("127.0.0.1", 0, "k",
                1024 * 1024, "http://app.example.test", Duration.ofSeconds(1)))) {
            Http h = new Http(s.port());
            HttpRequest allowed = h.builder("/v1/models/resnet/translate", "Origin", "http://app.example.test",
                    "Access-Control-Request-Method", "POST").method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .build();
            assertThat(h.send(allowed).headers().firstValue("Access-Control-Allow-Origin"))
                    .hasValue("http://app.example.test");
            assertThat(h.get("/v1/models", "Origin", "http://elsewhere.test", "X-API-Key", "k").headers()
                    .firstValue("Access-Control-Allow-Origin")).isEmpty();
        } finally {
            service.setListener(null);
        }
    }

    @Test
    void bf16_servesWhatTheOfflineBf16TranslatorGives_andSaysSoInItsDescription() throws IOException {
        try (TranslationService bf16 = TranslationService.start(List.of(new ModelSource("resnet", resnet)),
                new ServeOptions(Device.CPU, false, null, 8, 0, 8, 1, 60_000, 1 << 20, Precision.BFLOAT16));
                TranslationServer s = TranslationServer.start(bf16, options(null, 4 * 1024 * 1024))) {
            Http h = new Http(s.port());
            assertThat(json(h.get("/v1/models/resnet")).get("precision").asText()).isEqualTo("bf16");
            byte[] input = TestModels.png(40, 28, 5);
            HttpResponse<byte[]> r = h.post("/v1/models/resnet/translate", input);
            assertThat(r.statusCode()).as(Http.text(r)).isEqualTo(200);
            try (Translator t = Translator.load(resnet, new TranslatorOptions(Device.CPU, false, null,
                    GivenGeneratorOptions.NONE, 1, Precision.BFLOAT16))) {
                ImageData in = ImageCodec.read(input, "input", 3);
                ImageData out = t.translate(in);
                assertSamePixels(decode(r.body()), decode(ImageCodec.encode(new ImageData(3, in.height(),
                        in.width(), out.planes(), in.alpha(), 8), "png")));
            }
        }
        assertThat(json(http.get("/v1/models/resnet")).get("precision").asText()).isEqualTo("float32");
    }

    @Test
    void queueFull_gets503WithRetryAfter_andTimeouts504() throws Exception {
        try (TranslationService small = TranslationService.start(List.of(new ModelSource("resnet", resnet)),
                new ServeOptions(Device.CPU, false, null, 1, 0, 1, 1, 60_000, 1 << 20, Precision.FLOAT32));
                TranslationServer s = TranslationServer.start(small, options(null, 4 * 1024 * 1024))) {
            Http h = new Http(s.port());
            byte[] in = TestModels.png(256, 256, 10);
            ExecutorService pool = Executors.newFixedThreadPool(12);
            List<HttpResponse<byte[]>> replies = new ArrayList<>();
            try {
                List<Future<HttpResponse<byte[]>>> futures = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    futures.add(pool.submit(() -> h.post("/v1/models/resnet/translate", in)));
                }
                for (Future<HttpResponse<byte[]>> f : futures) {
                    replies.add(f.get());
                }
            } finally {
                pool.shutdown();
            }
            List<HttpResponse<byte[]>> refused = replies.stream().filter(r -> r.statusCode() == 503).toList();
            assertThat(replies).allSatisfy(r -> assertThat(r.statusCode()).isIn(200, 503));
            assertThat(refused).as("beyond one running and one queued, requests are refused").isNotEmpty();
            assertThat(replies.stream().filter(r -> r.statusCode() == 200)).isNotEmpty();
            assertThat(refused.get(0).headers().firstValue("Retry-After")).hasValue("1");
            assertError(refused.get(0), 503, "queue is full");
        }
        try (TranslationService slow = TranslationService.start(List.of(new ModelSource("resnet", resnet)),
                new ServeOptions(Device.CPU, false, null, 1, 0, 8, 1, 1, 1 << 20, Precision.FLOAT32));
                TranslationServer s = TranslationServer.start(slow, options(null, 4 * 1024 * 1024))) {
            assertError(new Http(s.port()).post("/v1/models/resnet/translate", TestModels.png(256, 256, 11)), 504,
                    "--timeout_ms");
        }
    }

    @Test
    void stop_finishesQueuedRequests_andRefusesNewOnes() throws Exception {
        TranslationService draining = TranslationService.start(List.of(new ModelSource("resnet", resnet)),
                new ServeOptions(Device.CPU, false, null, 8, 3000, 16, 1, 60_000, 1 << 20, Precision.FLOAT32));
        TranslationServer s = TranslationServer.start(draining, options(null, 1024 * 1024));
        Http h = new Http(s.port());
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<HttpResponse<byte[]>>> futures = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                byte[] in = TestModels.png(16, 16, 300 + i);
                futures.add(pool.submit(() -> h.post("/v1/models/resnet/translate", in)));
            }
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (draining.queueDepth() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(draining.queueDepth()).as("three requests wait for their batch").isEqualTo(3);
            Future<Boolean> stopped = pool.submit(s::stop);
            for (Future<HttpResponse<byte[]>> f : futures) {
                assertThat(f.get().statusCode()).as(Http.text(f.get())).isEqualTo(200);
            }
            assertThat(stopped.get()).as("everything queued was answered").isTrue();
            assertThatThrownBy(() -> h.get("/health/live")).as("no longer listening").isNotNull();
        } finally {
            pool.shutdown();
            draining.close();
        }
    }
}
