package io.transmute.serve;

import io.transmute.core.InvalidOptionException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * How the HTTP server listens and what it lets in.
 *
 * @param host the address to bind; anything but loopback needs an API key
 * @param port the port, or 0 for any free one
 * @param apiKey the key every request but the health checks must carry, or null for none
 * @param maxBodyBytes largest request body accepted (413 beyond)
 * @param corsOrigin an origin allowed to call the API from a browser, or null to leave CORS off
 * @param drain how long a shutdown waits for queued requests
 */
public record ServerOptions(String host, int port, String apiKey, long maxBodyBytes, String corsOrigin,
        Duration drain) {
    /** Validates the values; refuses a non-loopback address without a key. */
    public ServerOptions {
        if (port < 0 || port > 65535) {
            throw new InvalidOptionException("--port " + port + " must be 0-65535");
        }
        if (maxBodyBytes < 1) {
            throw new InvalidOptionException("--max_body_mb must be positive");
        }
        apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
        if (apiKey == null && !isLoopback(host)) {
            throw new InvalidOptionException("--host " + host + " is reachable from other machines; give --api_key"
                    + " (or set TRANSMUTE_API_KEY), or bind 127.0.0.1");
        }
    }

    /**
     * @param host a host name or address
     * @return true when it names only this machine
     */
    static boolean isLoopback(String host) {
        try {
            for (InetAddress a : InetAddress.getAllByName(host)) {
                if (!a.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            throw new InvalidOptionException("--host " + host + " is not a known address; use 127.0.0.1 or an"
                    + " address of this machine");
        }
    }
}
