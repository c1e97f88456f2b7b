import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop load generator for 'transmute serve': CLIENTS threads each send the image, wait for the reply, and
 * send again, for SECONDS. Prints throughput, latency percentiles and replies by status.
 * Usage: java bench/serve/ServeLoad.java URL IMAGE CLIENTS SECONDS
 *        java bench/serve/ServeLoad.java --disconnect HOST PORT PATH COUNT   (uploads cut off half-way)
 */
public final class ServeLoad {
    public static void main(String[] args) throws Exception {
        if (args[0].equals("--disconnect")) {
            disconnect(args[1], Integer.parseInt(args[2]), args[3], Integer.parseInt(args[4]));
            return;
        }
        URI uri = URI.create(args[0]);
        byte[] image = Files.readAllBytes(Path.of(args[1]));
        int clients = Integer.parseInt(args[2]);
        long seconds = Long.parseLong(args[3]);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        Map<String, AtomicLong> statuses = new ConcurrentHashMap<>();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < clients; i++) {
            Thread t = new Thread(() -> {
                HttpRequest req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(120))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(image)).build();
                while (System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    String key;
                    try {
                        HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
                        key = Integer.toString(r.statusCode());
                        if (r.statusCode() == 200) {
                            latencies.add(System.nanoTime() - t0);
                        } else if (r.statusCode() == 503) {
                            // what a well-behaved client does with Retry-After, shortened: back off a little
                            sleep(50);
                        }
                    } catch (Exception e) {
                        key = e.getClass().getSimpleName();
                        sleep(50);
                    }
                    statuses.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        Map<String, Long> byStatus = new TreeMap<>();
        statuses.forEach((k, v) -> byStatus.put(k, v.get()));
        long errors = byStatus.entrySet().stream().filter(e -> !e.getKey().equals("200") && !e.getKey().equals("503"))
                .mapToLong(Map.Entry::getValue).sum();
        System.out.printf("clients %d: %.2f images/s, p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, replies %s, errors"
                + " (not 200/503) %d, %.0f s%n", clients, sorted.size() / elapsed, pct(sorted, 0.50),
                pct(sorted, 0.95), pct(sorted, 0.99), byStatus, errors, elapsed);
    }

    private static double pct(List<Long> sorted, double q) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(q * sorted.size()) - 1)) / 1e6;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void disconnect(String host, int port, String path, int count) throws Exception {
        byte[] half = new byte[512 * 1024];
        for (int i = 0; i < count; i++) {
            try (Socket s = new Socket(host, port)) {
                OutputStream out = s.getOutputStream();
                out.write(("POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: image/png\r\n"
                        + "Content-Length: " + (2 * half.length) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(half);
                out.flush();
            }
        }
        System.out.println("disconnected mid-upload: " + count + " requests of 1 MiB cut off after 512 KiB");
    }
}
