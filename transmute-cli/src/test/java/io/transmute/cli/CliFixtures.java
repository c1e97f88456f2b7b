package io.transmute.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the reference fixtures in {@code ../shared/fixtures} beside the project root. */
final class CliFixtures {
    private CliFixtures() {
    }

    static Path file(String name) {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve("fixtures").resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("fixture " + name + " not found in any shared/fixtures above "
                + Path.of("").toAbsolutePath());
    }

    static float[] f32(String name) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file(name))).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[b.remaining() / 4];
        b.asFloatBuffer().get(out);
        return out;
    }
}
