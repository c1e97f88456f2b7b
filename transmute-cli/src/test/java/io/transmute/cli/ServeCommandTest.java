package io.transmute.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.transmute.core.nn.GeneratorSpec;
import io.transmute.core.nn.NormType;
import io.transmute.core.nn.UpsampleType;
import io.transmute.core.torch.Torch;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code transmute serve}: bad command lines, and a real process that drains on SIGTERM and exits 0. */
class ServeCommandTest {
    @TempDir
    static Path shared;
    static Path weights;

    @BeforeAll
    static void writeGenerator() {
        Torch.seed(4);
        weights = shared.resolve("latest_net_G.pth");
        TestWeights.generator(weights,
                GeneratorSpec.of("resnet_6blocks", 3, 3, 8, NormType.INSTANCE, false, UpsampleType.DECONV));
    }

    @Test
    void serve_badCommandLines_failWithOneLine() {
        CliRun missing = CliRun.of("serve", "--model", "m=" + shared.resolve("nope.pth"), "--port", "0");
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(missing.errorLine()).contains("nope.pth", "no such weights file");
        CliRun open = CliRun.of("serve", "--model", "m=" + weights, "--host", "0.0.0.0", "--api_key", "");
        assertThat(open.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(open.errorLine()).contains("--api_key");
        CliRun noName = CliRun.of("serve", "--model", weights.toString(), "--port", "0");
        assertThat(noName.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noName.errorLine()).contains("NAME=PATH");
        CliRun twice = CliRun.of("serve", "--model", "m=" + weights, "--model", "m=" + weights, "--port", "0");
        assertThat(twice.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(twice.errorLine()).contains("given twice");
    }

    @Test
    void serve_sigterm_finishesQueuedRequests_andExitsZero() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                TransmuteCommand.class.getName(), "serve", "--model", "m=" + weights, "--port", "0", "--threads",
                "1", "--max_batch_delay_ms", "2000", "--drain_seconds", "20");
        pb.redirectErrorStream(true);
        Path log = shared.resolve("serve.log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        int port = -1;
        try {
            Pattern ready = Pattern.compile("ready: http://127\\.0\\.0\\.1:(\\d+)/");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (port < 0 && p.isAlive() && System.nanoTime() < deadline) {
                Matcher m = ready.matcher(Files.readString(log));
                if (m.find()) {
                    port = Integer.parseInt(m.group(1));
                } else {
                    Thread.sleep(100);
                }
            }
            assertThat(port).as(Files.readString(log)).isPositive();
            HttpClient client = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + port;
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB), "png", png);
            List<CompletableFuture<HttpResponse<byte[]>>> replies = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                replies.add(client.sendAsync(HttpRequest.newBuilder(URI.create(base + "/v1/models/m/translate"))
                        .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofByteArray(
                                png.toByteArray())).build(), HttpResponse.BodyHandlers.ofByteArray()));
            }
            // the two requests wait out the batch delay in the queue: SIGTERM arrives while they are queued
            long queued = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < queued && !client.send(HttpRequest.newBuilder(URI.create(base + "/metrics"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body().contains("transmute_queue_depth 2.0")) {
                Thread.sleep(20);
            }
            p.destroy();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            for (CompletableFuture<HttpResponse<byte[]>> r : replies) {
                assertThat(r.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            }
            List<String> seen = Files.readAllLines(log);
            assertThat(p.exitValue()).as(String.join("\n", seen)).isZero();
            assertThat(seen).anyMatch(l -> l.startsWith("stopping")).contains("stopped");
        } finally {
            p.destroyForcibly();
        }
    }
}
