package io.transmute.core.download;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Chooses proxies as command-line tools do: the Java settings ({@code -Dhttps.proxyHost}, {@code -Dhttp.proxyHost},
 * {@code -Djava.net.useSystemProxies}) when any is given, else {@code https_proxy}/{@code http_proxy} from the
 * environment (either case) with {@code no_proxy} exceptions. Loopback addresses never go through a proxy.
 */
public final class EnvironmentProxySelector extends ProxySelector {
    private final Map<String, String> env;

    /** @param env environment variables, e.g. {@code System.getenv()} */
    public EnvironmentProxySelector(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** @return the Java proxy settings if any is set, else this selector over {@code System.getenv()} */
    public static ProxySelector fromSystem() {
        if (System.getProperty("https.proxyHost") != null || System.getProperty("http.proxyHost") != null
                || Boolean.getBoolean("java.net.useSystemProxies")) {
            return ProxySelector.getDefault();
        }
        return new EnvironmentProxySelector(System.getenv());
    }

    private String variable(String name) {
        String v = env.get(name.toLowerCase(Locale.ROOT));
        if (v == null || v.isBlank()) {
            v = env.get(name.toUpperCase(Locale.ROOT));
        }
        return v == null || v.isBlank() ? null : v.trim();
    }

    @Override
    public List<Proxy> select(URI uri) {
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (isLoopback(host) || bypassed(host) || !(scheme.equals("http") || scheme.equals("https"))) {
            return List.of(Proxy.NO_PROXY);
        }
        String value = variable(scheme + "_proxy");
        if (value == null) {
            return List.of(Proxy.NO_PROXY);
        }
        URI proxy = URI.create(value.contains("://") ? value : "http://" + value);
        int port = proxy.getPort() > 0 ? proxy.getPort() : proxy.getScheme().equals("https") ? 443 : 80;
        return List.of(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(proxy.getHost(), port)));
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1");
    }

    private boolean bypassed(String host) {
        String noProxy = variable("no_proxy");
        if (noProxy == null) {
            return false;
        }
        return Arrays.stream(noProxy.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> s.toLowerCase(Locale.ROOT))
                .anyMatch(s -> s.equals("*") || host.equals(s.startsWith(".") ? s.substring(1) : s)
                        || host.endsWith(s.startsWith(".") ? s : "." + s));
    }

    @Override
    public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
        // nothing to remember: each download chooses afresh
    }
}
