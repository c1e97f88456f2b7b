package io.transmute.core.eval;

import io.transmute.core.DataException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The held-out images a generator is scored on, in the reference's dataset layouts: unpaired data
 * ({@code <phase>A}, {@code <phase>B}) translates one domain and compares it with the other (mmagic's protocol
 * for CycleGAN FID); aligned data ({@code <phase>}, A and B side by side) translates one half and compares each
 * output with the other half of its image.
 *
 * @param inputs the folder whose images are translated
 * @param reference the folder the outputs are compared with: the other domain, or for aligned data the same
 *     folder, whose other halves are the ground truth
 * @param aligned whether images hold A and B side by side (paired ground truth)
 * @param rightHalf with {@code aligned}: translate the right half (B), as {@code --direction BtoA}
 */
public record TestSplit(Path inputs, Path reference, boolean aligned, boolean rightHalf) {
    /**
     * @param dataroot {@code --dataroot}
     * @param phase the split, e.g. {@code test}
     * @param bToA {@code --direction BtoA}: translate B and compare with A
     * @return the split: {@code <phase>A}/{@code <phase>B} when both exist, else the aligned {@code <phase>}
     * @throws DataException when neither layout is there
     */
    public static TestSplit of(Path dataroot, String phase, boolean bToA) {
        Path a = dataroot.resolve(phase + "A");
        Path b = dataroot.resolve(phase + "B");
        if (Files.isDirectory(a) && Files.isDirectory(b)) {
            return bToA ? new TestSplit(b, a, false, false) : new TestSplit(a, b, false, false);
        }
        Path pairs = dataroot.resolve(phase);
        if (Files.isDirectory(pairs)) {
            return new TestSplit(pairs, pairs, true, bToA);
        }
        throw new DataException(dataroot + ": neither " + phase + "A and " + phase + "B (unpaired data) nor " + phase
                + " (aligned A|B pairs) is there to score the generator on; check --dataroot and --eval_phase");
    }

    /** @return whether each output has a ground truth (paired metrics apply) */
    public boolean paired() {
        return aligned;
    }
}
