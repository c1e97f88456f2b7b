package io.transmute.core.download;

import io.transmute.core.InvalidOptionException;
import java.net.ProxySelector;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to download.
 *
 * @param root the folder the reference's scripts would run in; models go to {@code checkpoints/...} below it
 * @param mirror replaces the scheme and host of every address (an {@code http(s):} base or a {@code file:} folder),
 *     or null for the published addresses
 * @param timeout how long to wait for a connection, for the answer's headers, and for each stretch of the body
 * @param retries how many times an interrupted transfer is resumed before giving up
 * @param proxy the proxies to use
 */
public record DownloadOptions(Path root, URI mirror, Duration timeout, int retries, ProxySelector proxy) {
    /** Validates. */
    public DownloadOptions {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(proxy, "proxy");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new InvalidOptionException("--timeout must be positive, got " + timeout.toSeconds() + " s");
        }
        if (retries < 0) {
            throw new InvalidOptionException("--retries must be 0 or more, got " + retries);
        }
        if (mirror != null && !(mirror.getScheme() != null
                && (mirror.getScheme().equals("http") || mirror.getScheme().equals("https")
                || mirror.getScheme().equals("file")))) {
            throw new InvalidOptionException("--mirror " + mirror + " is not an http:, https: or file: address;"
                    + " use e.g. --mirror http://host:8080 or --mirror file:/srv/models");
        }
    }

    /**
     * @param root the folder models go below
     * @return the published addresses, 30 s timeouts, 3 resumptions, proxies from the Java and environment settings
     */
    public static DownloadOptions defaults(Path root) {
        return new DownloadOptions(root, null, Duration.ofSeconds(30), 3, EnvironmentProxySelector.fromSystem());
    }

    /**
     * @param url a published address
     * @return the address to fetch: {@code url} itself, or its path (without the query) below {@link #mirror}
     */
    public URI resolve(URI url) {
        if (mirror == null) {
            return url;
        }
        String base = mirror.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + url.getRawPath());
    }
}
