package io.transmute.core.download;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A test HTTP server on 127.0.0.1 that serves byte arrays by path, honours {@code Range}, and can cut its next
 * answers half way, to exercise resumption. It records every request's path and {@code Range} header.
 */
final class LoopbackServer implements AutoCloseable {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    private final HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, String> redirects = new ConcurrentHashMap<>();
    private final AtomicInteger cutsLeft = new AtomicInteger();
    final List<String> requests = new CopyOnWriteArrayList<>();

    LoopbackServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** @return the base address, e.g. {@code http://127.0.0.1:41234} */
    URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void put(String path, byte[] content) {
        files.put(path, content);
    }

    /** Answers {@code from} with a 302 to {@code to}. */
    void redirect(String from, String to) {
        redirects.put(from, to);
    }

    /** @param n how many of the next answers stop after half their bytes and drop the connection */
    void cutNext(int n) {
        cutsLeft.set(n);
    }

    private void handle(HttpExchange ex) throws IOException {
        String range = ex.getRequestHeaders().getFirst("Range");
        requests.add(ex.getRequestURI().getPath() + (range == null ? "" : " " + range));
        String target = redirects.get(ex.getRequestURI().getPath());
        if (target != null) {
            ex.getResponseHeaders().add("Location", target);
            ex.sendResponseHeaders(302, -1);
            ex.close();
            return;
        }
        byte[] body = files.get(ex.getRequestURI().getPath());
        if (body == null) {
            ex.sendResponseHeaders(404, -1);
            ex.close();
            return;
        }
        int from = 0;
        Matcher m = range == null ? null : RANGE.matcher(range);
        if (m != null && m.matches()) {
            from = Integer.parseInt(m.group(1));
            ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
            ex.sendResponseHeaders(206, body.length - from);
        } else {
            ex.sendResponseHeaders(200, body.length);
        }
        OutputStream out = ex.getResponseBody();
        int length = body.length - from;
        if (cutsLeft.getAndUpdate(c -> Math.max(0, c - 1)) > 0) {
            out.write(body, from, length / 2);
            out.flush();
            // fewer bytes than announced: closing makes the server drop the connection
            try {
                ex.close();
            } catch (RuntimeException ignored) {
                // the server reports the short body; the client sees the connection end
            }
            return;
        }
        out.write(body, from, length);
        out.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
