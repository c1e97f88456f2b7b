package io.transmute.core.train;

import io.transmute.core.option.OptionKey;
import java.util.List;

/**
 * The options of evaluation during training ({@code --eval_freq} and its companions). They are reporting options:
 * they never change what the model learns, so a continued run may change them.
 */
public final class EvalOptionKeys {
    /** {@code --eval_freq}: epochs between evaluations; 0, the default, is off. */
    public static final OptionKey<Integer> EVAL_FREQ = OptionKey.integer("--eval_freq", 0, "Score the generator on the"
            + " held-out split every N epochs, before that epoch's checkpoint: FID/KID (unpaired) or L1/PSNR/SSIM"
            + " (aligned pairs), to eval_log.txt, run.json and web/eval.png. 0 = off.").resumable();
    /** {@code --eval_phase}: the held-out split ({@code testA}/{@code testB} or {@code test}). */
    public static final OptionKey<String> EVAL_PHASE = OptionKey.text("--eval_phase", "test", "PHASE",
            "The split --eval_freq scores: <phase>A/<phase>B or aligned <phase>.").resumable();
    /** {@code --eval_max}: images scored per evaluation and side, 0 = all. */
    public static final OptionKey<Integer> EVAL_MAX = OptionKey.integer("--eval_max", 0,
            "Images per side each evaluation scores, the first by name; 0 = all.").resumable();
    /** {@code --fid_weights}: pytorch-fid's Inception weights, default the file {@code TRANSMUTE_FID_WEIGHTS} names. */
    public static final OptionKey<String> FID_WEIGHTS = OptionKey.text("--fid_weights", null, "FILE",
            "pytorch-fid's pt_inception-2015-12-05-6726825d.pth for FID/KID during training (default: the file"
                    + " $TRANSMUTE_FID_WEIGHTS names).").resumable();
    /** {@code --lpips_weights}: the lpips package's {@code vgg.pth}; with {@code --vgg_weights} adds LPIPS. */
    public static final OptionKey<String> LPIPS_WEIGHTS = OptionKey.text("--lpips_weights", null, "FILE",
            "The lpips package's weights/v0.1/vgg.pth; with --vgg_weights, aligned runs are also scored with LPIPS.")
            .resumable();
    /** {@code --keep_best}: {@code fid}, {@code kid}, {@code lpips} or {@code l1}; keeps {@code best_net_<G>.pth}. */
    public static final OptionKey<String> KEEP_BEST = OptionKey.text("--keep_best", null, "METRIC",
            "With --eval_freq: keep the generator of the lowest fid, kid, lpips or l1 so far as best_net_<G>.pth,"
                    + " with its epoch and score.").resumable();

    /** Every evaluation option; all may change on {@code --continue_train}. */
    public static final List<OptionKey<?>> KEYS = List.of(EVAL_FREQ, EVAL_PHASE, EVAL_MAX, FID_WEIGHTS,
            LPIPS_WEIGHTS, KEEP_BEST);

    private EvalOptionKeys() {
    }
}
