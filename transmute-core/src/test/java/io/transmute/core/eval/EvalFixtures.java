package io.transmute.core.eval;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The evaluation fixtures: the small ones copied into the test resources ({@code fixtures/eval/}), and the two
 * weight files (46 MB, 29 MB) that stay in {@code ../shared/fixtures/eval}, whose tests skip when it is absent.
 */
final class EvalFixtures {
    private EvalFixtures() {
    }

    /**
     * @param name a file or folder under the test resources' {@code fixtures/eval/}
     * @return its path
     */
    static Path resource(String name) {
        URL url = EvalFixtures.class.getResource("/fixtures/eval/" + name);
        if (url == null) {
            throw new IllegalStateException("test resource fixtures/eval/" + name + " is missing");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return {@code eval.json}: the values pytorch-fid and lpips computed */
    static JsonNode expected() {
        try {
            return new ObjectMapper().readTree(resource("eval.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Finds a large fixture in {@code shared/fixtures/eval} above the working directory, or skips the test.
     *
     * @param name the file name
     * @return its path
     */
    static Path shared(String name) {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve("fixtures").resolve("eval").resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        assumeTrue(false, "skipped: " + name + " not found in shared/fixtures/eval above "
                + Path.of("").toAbsolutePath() + " (the large weight fixtures are not in the repository)");
        return null;
    }
}
