package io.transmute.cli;

import io.transmute.core.torch.Precision;
import picocli.CommandLine.Option;

/** {@code --precision}, for the commands that run a generator without training it. */
public final class PrecisionMixin {
    @Option(names = "--precision", paramLabel = "P", defaultValue = "float32",
            description = "Number format of the generator: float32, or bf16 (bfloat16 weights and activations:"
                    + " several times faster on CPUs with AMX or AVX-512 BF16, slower elsewhere; outputs differ"
                    + " from float32 by under one 8-bit level on average, see docs/PERFORMANCE.md)"
                    + " (default: ${DEFAULT-VALUE}).")
    String precision = "float32";

    /** @return the parsed --precision */
    public Precision precision() {
        return Precision.parse(precision);
    }
}
