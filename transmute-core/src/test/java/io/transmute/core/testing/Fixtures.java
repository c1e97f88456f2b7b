package io.transmute.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * Locates the reference fixtures: first those bundled with the tests ({@code src/test/resources/fixtures}, on the
 * test class path), then {@code ../shared/fixtures} beside the project root when it is there.
 */
public final class Fixtures {
    private static Path shared;

    private Fixtures() {
    }

    /** @return the shared fixtures folder, or null when no {@code shared/fixtures} lies above the working folder */
    public static synchronized Path sharedDir() {
        if (shared == null) {
            for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
                Path candidate = p.resolve("shared").resolve("fixtures");
                if (Files.isRegularFile(candidate.resolve("fixtures.json"))) {
                    shared = candidate;
                    break;
                }
            }
        }
        return shared;
    }

    /**
     * @param name a file name relative to the fixtures folder
     * @return whether the bundled or the shared fixtures have it
     */
    public static boolean exists(String name) {
        return find(name) != null;
    }

    /**
     * Skips the calling test, with a printed reason, unless {@code ../shared/fixtures} holds the named full-size
     * fixture; the bundled fixtures are smaller variants of these (see {@code tools/make_small_fixtures.py}).
     *
     * @param name a file name relative to the shared fixtures folder
     * @return its path there
     */
    public static Path assumeShared(String name) {
        Path dir = sharedDir();
        boolean there = dir != null && Files.isRegularFile(dir.resolve(name));
        if (!there) {
            System.out.println("skipped: the full-size fixture " + name + " is not in a ../shared/fixtures folder");
        }
        Assumptions.assumeTrue(there, "full-size fixture " + name + " not in a ../shared/fixtures folder");
        return dir.resolve(name);
    }

    /**
     * @param suffix a file-name ending such as {@code .pth}
     * @return the names of the top-level fixtures (bundled and shared) that end with it, sorted, without repeats
     */
    public static List<String> names(String suffix) {
        java.util.TreeSet<String> out = new java.util.TreeSet<>();
        List<Path> dirs = new ArrayList<>();
        Path bundled = bundled("");
        if (bundled != null) {
            dirs.add(bundled);
        }
        if (sharedDir() != null) {
            dirs.add(sharedDir());
        }
        for (Path d : dirs) {
            try (java.util.stream.Stream<Path> files = Files.list(d)) {
                files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(suffix)).forEach(out::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return List.copyOf(out);
    }

    /** @return the bundled fixture (or folder, for "") on the test class path, or null when it is not there */
    private static Path bundled(String name) {
        URL url = Fixtures.class.getResource("/fixtures/" + name);
        if (url == null || !"file".equals(url.getProtocol())) {
            return null;
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path find(String name) {
        Path bundled = bundled(name);
        if (bundled != null) {
            return bundled;
        }
        Path dir = sharedDir();
        if (dir != null && Files.isRegularFile(dir.resolve(name))) {
            return dir.resolve(name);
        }
        return null;
    }

    /**
     * @param name a file name relative to the fixtures folder
     * @return its path, which must exist
     */
    public static Path file(String name) {
        Path p = find(name);
        if (p == null) {
            throw new IllegalStateException("fixture " + name + " is neither bundled (src/test/resources/fixtures)"
                    + " nor in " + (sharedDir() == null ? "a ../shared/fixtures folder" : sharedDir()));
        }
        return p;
    }

    /**
     * @param name a raw little-endian float32 file
     * @return its values
     */
    public static float[] f32(String name) {
        try {
            ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file(name))).order(ByteOrder.LITTLE_ENDIAN);
            float[] out = new float[b.remaining() / 4];
            b.asFloatBuffer().get(out);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One line of a {@code keys.txt} file. */
    public record KeyShape(String key, List<Long> shape, String dtype) {
    }

    /**
     * @param name a {@code <fixture>.keys.txt} file
     * @return key, shape and dtype per line, in order
     */
    public static List<KeyShape> keys(String name) {
        try {
            List<KeyShape> out = new ArrayList<>();
            for (String line : Files.readAllLines(file(name))) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                out.add(parseKeyLine(line));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static KeyShape parseKeyLine(String line) {
        String[] parts = line.trim().split("\\s+");
        String key = parts[0];
        int open = line.indexOf('[');
        int close = line.indexOf(']');
        List<Long> shape = new ArrayList<>();
        if (open >= 0 && close > open) {
            for (String s : line.substring(open + 1, close).split(",")) {
                if (!s.isBlank()) {
                    shape.add(Long.parseLong(s.trim()));
                }
            }
        }
        String rest = close >= 0 ? line.substring(close + 1).trim() : "";
        String dtype = rest.isEmpty() ? "" : rest.split("\\s+")[0];
        return new KeyShape(key, shape, dtype);
    }
}
