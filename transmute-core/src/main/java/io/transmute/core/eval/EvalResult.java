package io.transmute.core.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of {@code transmute eval}.
 *
 * @param scores metric name ({@code fid}, {@code kid}, {@code kid_std}, {@code l1}, {@code psnr}, {@code ssim},
 *     {@code lpips}) to value, in that order
 * @param nReal images of the first input that were scored (0 for a statistics file)
 * @param nFake images of the second input that were scored (0 for a statistics file)
 * @param nPairs matched pairs scored by the paired metrics (0 when none were asked for)
 * @param skipped one line per image that could not be read
 * @param unmatched relative paths present in only one input (paired metrics)
 * @param protocol how the numbers were computed (dims, batch size, KID subsets, seed, preprocessing)
 * @param weights weights file name to its SHA-256
 */
public record EvalResult(Map<String, Double> scores, int nReal, int nFake, int nPairs, List<String> skipped,
        List<String> unmatched, Map<String, Object> protocol, Map<String, String> weights) {
    /** Copies the collections. */
    public EvalResult {
        scores = Collections.unmodifiableMap(new LinkedHashMap<>(scores));
        skipped = List.copyOf(skipped);
        unmatched = List.copyOf(unmatched);
        protocol = Collections.unmodifiableMap(new LinkedHashMap<>(protocol));
        weights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
    }
}
