package io.transmute.core.eval;

import io.transmute.core.InvalidOptionException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The metrics {@code transmute eval} computes, spelled as on the command line and as JSON keys. */
public enum EvalMetric {
    /** Fréchet inception distance (pytorch-fid). */
    FID("fid", false),
    /** Kernel inception distance (clean-fid / torch-fidelity), with its standard deviation over subsets. */
    KID("kid", false),
    /** Mean absolute difference on [-1, 1], per matched pair. */
    L1("l1", true),
    /** Peak signal-to-noise ratio in dB (scikit-image). */
    PSNR("psnr", true),
    /** Structural similarity (scikit-image, Gaussian weights). */
    SSIM("ssim", true),
    /** LPIPS, VGG variant (the lpips package). */
    LPIPS("lpips", true);

    private final String cliName;
    private final boolean paired;

    EvalMetric(String cliName, boolean paired) {
        this.cliName = cliName;
        this.paired = paired;
    }

    /** @return the name on the command line and in JSON */
    public String cliName() {
        return cliName;
    }

    /** @return whether it compares each image with its ground truth (matched by relative path) */
    public boolean paired() {
        return paired;
    }

    /**
     * @param list comma-separated names, e.g. {@code fid,kid}
     * @return the metrics
     * @throws InvalidOptionException for an empty list or an unknown name
     */
    public static Set<EvalMetric> parseList(String list) {
        Set<EvalMetric> out = EnumSet.noneOf(EvalMetric.class);
        for (String part : (list == null ? "" : list).split(",")) {
            String n = part.trim().toLowerCase(Locale.ROOT);
            if (n.isEmpty()) {
                continue;
            }
            out.add(Arrays.stream(values()).filter(m -> m.cliName.equals(n)).findFirst().orElseThrow(() ->
                    new InvalidOptionException("--metrics: '" + part.trim() + "' is not a metric; use " + names())));
        }
        if (out.isEmpty()) {
            throw new InvalidOptionException("--metrics needs at least one of " + names());
        }
        return out;
    }

    private static String names() {
        return Arrays.stream(values()).map(EvalMetric::cliName).collect(Collectors.joining(","));
    }
}
