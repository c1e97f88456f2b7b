package io.transmute.core.eval;

import io.transmute.core.InvalidOptionException;

/**
 * The feature layers of the FID-Inception network that pytorch-fid offers ({@code --dims}): the spatially averaged
 * output of one of its four blocks.
 */
public enum FidDims {
    /** After the first max pool (block 0). */
    D64(64, 0),
    /** After the second max pool (block 1). */
    D192(192, 1),
    /** The pre-auxiliary-classifier features, after {@code Mixed_6e} (block 2). */
    D768(768, 2),
    /** The final average-pool features, after {@code Mixed_7c} (block 3): the standard FID. */
    D2048(2048, 3);

    private final int dims;
    private final int block;

    FidDims(int dims, int block) {
        this.dims = dims;
        this.block = block;
    }

    /** @return the feature length */
    public int dims() {
        return dims;
    }

    /** @return the index of pytorch-fid's block whose output is pooled */
    public int block() {
        return block;
    }

    /**
     * @param dims 64, 192, 768 or 2048
     * @return the layer
     * @throws InvalidOptionException for any other value
     */
    public static FidDims of(int dims) {
        for (FidDims d : values()) {
            if (d.dims == dims) {
                return d;
            }
        }
        throw new InvalidOptionException("--dims " + dims + " is not a FID-Inception layer; use 64, 192, 768 or 2048");
    }
}
