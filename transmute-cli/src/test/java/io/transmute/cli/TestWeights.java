package io.transmute.cli;

import io.transmute.core.io.PthWriter;
import io.transmute.core.nn.GeneratorSpec;
import io.transmute.core.nn.ModuleWeights;
import io.transmute.core.torch.Net;
import java.nio.file.Path;

/** Checkpoint files of freshly built, randomly initialised generators, for tests that need weights to load. */
final class TestWeights {
    private TestWeights() {
    }

    /**
     * @param file where to write ({@code .pth})
     * @param spec the generator to build; seed torch first for reproducible weights
     * @return the file
     */
    static Path generator(Path file, GeneratorSpec spec) {
        try (Net g = spec.build()) {
            PthWriter.write(file, ModuleWeights.export(g));
        }
        return file;
    }
}
