package io.transmute.core.train;

import io.transmute.core.model.OptionKey;
import java.util.List;

/**
 * The options of evaluation during training ({@code --eval_freq} and its companions). They are reporting options:
 * they never change what the model learns, so a continued run may change them.
 */
public final class EvalOptionKeys {
    /** {@code --eval_freq}: epochs between evaluations; 0, the default, is off. */
    public static final OptionKey<Integer> EVAL_FREQ = new OptionKey<>("--eval_freq", Integer.class);
    /** {@code --eval_phase}: the held-out split, default {@code test} ({@code testA}/{@code testB} or {@code test}). */
    public static final OptionKey<String> EVAL_PHASE = new OptionKey<>("--eval_phase", String.class);
    /** {@code --eval_max}: images scored per evaluation and side, default 0 (all). */
    public static final OptionKey<Integer> EVAL_MAX = new OptionKey<>("--eval_max", Integer.class);
    /** {@code --fid_weights}: pytorch-fid's Inception weights, default the file {@code TRANSMUTE_FID_WEIGHTS} names. */
    public static final OptionKey<String> FID_WEIGHTS = new OptionKey<>("--fid_weights", String.class);
    /** {@code --lpips_weights}: the lpips package's {@code vgg.pth}; with {@code --vgg_weights} adds LPIPS. */
    public static final OptionKey<String> LPIPS_WEIGHTS = new OptionKey<>("--lpips_weights", String.class);
    /** {@code --keep_best}: {@code fid}, {@code kid}, {@code lpips} or {@code l1}; keeps {@code best_net_<G>.pth}. */
    public static final OptionKey<String> KEEP_BEST = new OptionKey<>("--keep_best", String.class);

    /** Every evaluation option; all may change on {@code --continue_train}. */
    public static final List<OptionKey<?>> KEYS = List.of(EVAL_FREQ, EVAL_PHASE, EVAL_MAX, FID_WEIGHTS,
            LPIPS_WEIGHTS, KEEP_BEST);

    private EvalOptionKeys() {
    }
}
