package io.transmute.core.data;

/** Which domain is the input ({@code --direction}). */
public enum Direction {
    /** A is the input, B the target. */
    A_TO_B("AtoB"),
    /** B is the input, A the target; input_nc then describes B. */
    B_TO_A("BtoA");

    private final String cliName;

    Direction(String cliName) {
        this.cliName = cliName;
    }

    /** @return the reference spelling, as given to {@code --direction} */
    public String cliName() {
        return cliName;
    }

    /**
     * @param name a {@code --direction} value
     * @return the direction with that reference spelling
     * @throws io.transmute.core.InvalidOptionException for anything but AtoB or BtoA
     */
    public static Direction fromCliName(String name) {
        for (Direction d : values()) {
            if (d.cliName.equals(name)) {
                return d;
            }
        }
        throw new io.transmute.core.InvalidOptionException("--direction " + name + " is unknown; use AtoB or BtoA");
    }
}
