package io.transmute.core.data;

import io.transmute.core.InvalidOptionException;

/** Which data a StarGAN run trains on ({@code --dataset} of yunjey/stargan {@code main.py}). */
public enum StarGanDatasetKind {
    /** CelebA images with binary attributes from {@code list_attr_celeba.txt}. */
    CELEBA("CelebA"),
    /** One folder per domain (RaFD expressions), class index in sorted folder order. */
    RAFD("RaFD"),
    /** Both at once with a mask vector saying which label part applies. */
    BOTH("Both");

    private final String cliName;

    StarGanDatasetKind(String cliName) {
        this.cliName = cliName;
    }

    /** @return the reference spelling */
    public String cliName() {
        return cliName;
    }

    /**
     * @param name a {@code --dataset} value
     * @return the kind
     * @throws InvalidOptionException for an unknown name, listing the known ones
     */
    public static StarGanDatasetKind fromCliName(String name) {
        for (StarGanDatasetKind k : values()) {
            if (k.cliName.equals(name)) {
                return k;
            }
        }
        throw new InvalidOptionException("--dataset " + name + " is unknown; use one of CelebA, RaFD, Both");
    }
}
