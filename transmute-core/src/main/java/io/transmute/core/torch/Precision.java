package io.transmute.core.torch;

import io.transmute.core.InvalidOptionException;
import java.util.Locale;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.global.torch;

/**
 * The number format a generator computes in ({@code --precision}). Weights are stored and read as float32 either
 * way; {@link #BFLOAT16} converts them once at load time.
 */
public enum Precision {
    /** float32, as the references compute; results match theirs to float32 rounding. */
    FLOAT32("float32", torch.ScalarType.Float),
    /**
     * bfloat16 weights and activations (8 significant bits): on CPUs with AMX or AVX-512 BF16 several times faster
     * than float32, elsewhere emulated and slower. Outputs differ from float32 by under one 8-bit level on average
     * (docs/PERFORMANCE.md gives the measured error per generator).
     */
    BFLOAT16("bf16", torch.ScalarType.BFloat16);

    private final String cliName;
    private final torch.ScalarType scalarType;

    Precision(String cliName, torch.ScalarType scalarType) {
        this.cliName = cliName;
        this.scalarType = scalarType;
    }

    /** @return the {@code --precision} spelling */
    public String cliName() {
        return cliName;
    }

    /**
     * Converts a network's parameters and buffers to this format, in place; nothing happens in float32.
     *
     * @param module a network
     * @param <M> its type
     * @return {@code module}
     */
    public <M extends Module> M apply(M module) {
        if (this != FLOAT32) {
            module.to(scalarType, false);
        }
        return module;
    }

    /** @return the tensor element type */
    public torch.ScalarType scalarType() {
        return scalarType;
    }

    /**
     * @param name {@code float32} (also {@code fp32}) or {@code bf16} (also {@code bfloat16})
     * @return the precision
     * @throws InvalidOptionException for anything else
     */
    public static Precision parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "float32", "fp32" -> FLOAT32;
            case "bf16", "bfloat16" -> BFLOAT16;
            default -> throw new InvalidOptionException("--precision '" + name + "' is unknown; use float32 or bf16");
        };
    }

    @Override
    public String toString() {
        return cliName;
    }
}
