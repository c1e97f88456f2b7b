package io.transmute.core.model;

import io.transmute.core.InvalidOptionException;
import io.transmute.core.data.StarGanDatasetKind;
import io.transmute.core.random.Rng;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * StarGAN's label arithmetic on heap arrays (rows of {@code N x width} floats, row-major), as yunjey/stargan
 * {@code solver.py}: target sampling, {@code create_labels}, {@code label2onehot} and the {@code Both} mask
 * vector. Kept off the tensors so that it is exact, cheap and testable without the natives.
 */
public final class StarGanLabels {
    /** The attributes {@code create_labels} treats as one exclusive hair colour. */
    public static final Set<String> HAIR_COLOURS = Set.of("Black_Hair", "Blond_Hair", "Brown_Hair", "Gray_Hair");

    private StarGanLabels() {
    }

    /**
     * The reference's {@code label_trg = label_org[torch.randperm(N)]}: the batch's own labels, rows permuted.
     *
     * @param labels N rows of {@code width} values
     * @param width values per row
     * @param rng the model's generator
     * @return the permuted rows
     */
    public static float[] shuffledRows(float[] labels, int width, Rng rng) {
        return permutedRows(labels, width, permutation(labels.length / width, rng));
    }

    /**
     * @param n rows
     * @param rng where the shuffle comes from
     * @return a random permutation of {@code 0..n-1}
     */
    static int[] permutation(int n, Rng rng) {
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        rng.shuffle(perm);
        return perm;
    }

    /**
     * @param labels N rows of {@code width} labels
     * @param width labels per row
     * @param perm row {@code i} of the result is row {@code perm[i]} of {@code labels}
     * @return the rows reordered
     */
    static float[] permutedRows(float[] labels, int width, int[] perm) {
        int n = labels.length / width;
        float[] out = new float[labels.length];
        for (int i = 0; i < n; i++) {
            System.arraycopy(labels, perm[i] * width, out, i * width, width);
        }
        return out;
    }

    /**
     * The reference's {@code create_labels}: one target label set per domain, for sample grids and testing.
     * CelebA: for a hair colour, that colour on and the other hair colours off; for any other attribute, the
     * original value flipped. RaFD: the one-hot vector of each domain.
     *
     * @param cOrg N rows of original labels ({@code cDim} wide for CelebA; ignored for RaFD except for N)
     * @param n rows
     * @param cDim domains
     * @param kind CelebA or RaFD
     * @param selectedAttrs attribute names in label order (CelebA)
     * @return {@code cDim} label arrays, each N x cDim
     */
    public static List<float[]> createLabels(float[] cOrg, int n, int cDim, StarGanDatasetKind kind,
            List<String> selectedAttrs) {
        if (kind == StarGanDatasetKind.BOTH) {
            throw new IllegalArgumentException("create_labels is called per dataset; pass CelebA or RaFD");
        }
        List<Integer> hair = new ArrayList<>();
        if (kind == StarGanDatasetKind.CELEBA) {
            if (selectedAttrs.size() != cDim) {
                throw new InvalidOptionException("--c_dim " + cDim + " but " + selectedAttrs.size()
                        + " --selected_attrs " + selectedAttrs + "; give one attribute per label");
            }
            for (int i = 0; i < cDim; i++) {
                if (HAIR_COLOURS.contains(selectedAttrs.get(i))) {
                    hair.add(i);
                }
            }
        }
        List<float[]> out = new ArrayList<>(cDim);
        for (int i = 0; i < cDim; i++) {
            float[] c = kind == StarGanDatasetKind.CELEBA ? cOrg.clone() : new float[n * cDim];
            for (int r = 0; r < n; r++) {
                int base = r * cDim;
                if (kind == StarGanDatasetKind.RAFD) {
                    c[base + i] = 1f;
                } else if (hair.contains(i)) {
                    for (int j : hair) {
                        c[base + j] = j == i ? 1f : 0f;
                    }
                } else {
                    c[base + i] = c[base + i] == 0f ? 1f : 0f;
                }
            }
            out.add(c);
        }
        return out;
    }

    /**
     * The reference's {@code Both} layout: {@code [c_celeba, zeros(c2), mask(1, 0)]} for CelebA rows and
     * {@code [zeros(c), c_rafd, mask(0, 1)]} for RaFD rows.
     *
     * @param part N rows of the dataset's own labels ({@code cDim} or {@code c2Dim} wide)
     * @param n rows
     * @param cDim CelebA labels
     * @param c2Dim RaFD labels
     * @param celeba whether {@code part} holds CelebA labels
     * @return N rows of {@code cDim + c2Dim + 2}
     */
    public static float[] withMask(float[] part, int n, int cDim, int c2Dim, boolean celeba) {
        int width = cDim + c2Dim + 2;
        int own = celeba ? cDim : c2Dim;
        float[] out = new float[n * width];
        for (int r = 0; r < n; r++) {
            System.arraycopy(part, r * own, out, r * width + (celeba ? 0 : cDim), own);
            out[r * width + cDim + c2Dim + (celeba ? 0 : 1)] = 1f;
        }
        return out;
    }

    /**
     * Class indices of one-hot rows (the reference's integer RaFD labels).
     *
     * @param oneHot N rows of {@code width}
     * @param width classes
     * @return the index of each row's largest value
     */
    public static long[] argmax(float[] oneHot, int width) {
        long[] out = new long[oneHot.length / width];
        for (int r = 0; r < out.length; r++) {
            int best = 0;
            for (int k = 1; k < width; k++) {
                if (oneHot[r * width + k] > oneHot[r * width + best]) {
                    best = k;
                }
            }
            out[r] = best;
        }
        return out;
    }

    /**
     * Parses {@code Blond_Hair=1,Male=0} against the original labels of one image: named attributes are set,
     * the others keep the image's values (CelebA), or names one domain (RaFD-style models).
     *
     * @param spec comma-separated {@code name=0|1}
     * @param names attribute or domain names in label order
     * @param original the image's original labels, or null to start from all zeros
     * @return the target label row
     * @throws InvalidOptionException for an unknown name or a value other than 0 or 1, listing the names
     */
    public static float[] parseTargets(String spec, List<String> names, float[] original) {
        float[] out = original == null ? new float[names.size()] : original.clone();
        for (String part : spec.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            String name = eq < 0 ? p : p.substring(0, eq).trim();
            String value = eq < 0 ? "1" : p.substring(eq + 1).trim();
            int idx = names.indexOf(name);
            if (idx < 0) {
                throw new InvalidOptionException("--attrs " + name + " is not an attribute of this model; available: "
                        + String.join(" ", names));
            }
            if (!value.equals("0") && !value.equals("1")) {
                throw new InvalidOptionException("--attrs " + name + "=" + value + ": use 0 or 1");
            }
            out[idx] = value.equals("1") ? 1f : 0f;
        }
        return out;
    }
}
