package io.transmute.core.optim;

import io.transmute.core.InvalidOptionException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The {@code --lr_policy} choices of the reference {@code networks.get_scheduler}. */
public enum LrPolicy {
    /** Constant for {@code n_epochs}, then linear decay to zero over {@code n_epochs_decay}. */
    LINEAR("linear"),
    /** Multiply by 0.1 every {@code lr_decay_iters} epochs. */
    STEP("step"),
    /** Multiply by 0.2 after 5 epochs without a 1% relative improvement of the metric. */
    PLATEAU("plateau"),
    /** Cosine annealing to zero over {@code n_epochs}. */
    COSINE("cosine");

    private final String cliName;

    LrPolicy(String cliName) {
        this.cliName = cliName;
    }

    /** @return the reference spelling, as given to {@code --lr_policy} */
    public String cliName() {
        return cliName;
    }

    /**
     * @param name a {@code --lr_policy} value
     * @return the policy
     * @throws InvalidOptionException for any other name, listing the known ones
     */
    public static LrPolicy parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (LrPolicy p : values()) {
            if (p.cliName.equals(n)) {
                return p;
            }
        }
        throw new InvalidOptionException("--lr_policy '" + name + "' is not a schedule; use one of "
                + Arrays.stream(values()).map(LrPolicy::cliName).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return cliName;
    }
}
