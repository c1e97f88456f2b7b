package io.transmute.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Locates the reference fixtures in {@code ../shared/fixtures} beside the project root. */
public final class Fixtures {
    private static Path dir;

    private Fixtures() {
    }

    /** @return the fixtures folder; fails (never skips) when it cannot be found */
    public static synchronized Path dir() {
        if (dir == null) {
            List<Path> searched = new ArrayList<>();
            for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
                Path candidate = p.resolve("shared").resolve("fixtures");
                searched.add(candidate);
                if (Files.isRegularFile(candidate.resolve("fixtures.json"))) {
                    dir = candidate;
                    return dir;
                }
            }
            throw new IllegalStateException("reference fixtures not found; searched " + searched);
        }
        return dir;
    }

    /**
     * @param name a file name inside the fixtures folder
     * @return its path, which must exist
     */
    public static Path file(String name) {
        Path p = dir().resolve(name);
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("fixture " + p + " is missing");
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
