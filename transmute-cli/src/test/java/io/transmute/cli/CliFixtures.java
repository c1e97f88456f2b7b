package io.transmute.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the reference fixtures: those bundled with the core module's tests
 * ({@code transmute-core/src/test/resources/fixtures}) first, then {@code ../shared/fixtures} beside the project.
 */
final class CliFixtures {
    private CliFixtures() {
    }

    static Path file(String name) {
        for (String dir : new String[] {"transmute-core/src/test/resources/fixtures", "shared/fixtures"}) {
            for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
                Path candidate = p.resolve(dir).resolve(name);
                if (Files.isRegularFile(candidate)) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException("fixture " + name + " is neither in transmute-core/src/test/resources/fixtures"
                + " nor in a shared/fixtures above " + Path.of("").toAbsolutePath());
    }

    static float[] f32(String name) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file(name))).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[b.remaining() / 4];
        b.asFloatBuffer().get(out);
        return out;
    }
}
