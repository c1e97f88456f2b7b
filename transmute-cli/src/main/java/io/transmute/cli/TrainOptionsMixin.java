package io.transmute.cli;

import io.transmute.core.loss.GanMode;
import io.transmute.core.model.ModelOptions;
import io.transmute.core.nn.UpsampleType;
import io.transmute.core.optim.LrPolicy;
import io.transmute.core.train.EvalOptionKeys;
import io.transmute.core.train.TrainOptions;
import picocli.CommandLine.Option;

/**
 * The reference's train options ({@code options/train_options.py}), the models' own options and
 * {@code --max_iters}. Fields stay null unless given.
 */
public final class TrainOptionsMixin {
    @Option(names = "--print_freq", paramLabel = "N",
            description = "Samples between printing training results on the console (default: 100).")
    Integer printFreq;

    @Option(names = "--display_freq", paramLabel = "N",
            description = "Samples between showing training results on the web page (default: 400).")
    Integer displayFreq;

    @Option(names = "--update_html_freq", paramLabel = "N",
            description = "Samples between saving training results to the web page (default: 1000).")
    Integer updateHtmlFreq;

    @Option(names = "--no_html", description = "Do not save intermediate results to <checkpoints_dir>/<name>/web/.")
    Boolean noHtml;

    @Option(names = "--save_latest_freq", paramLabel = "N",
            description = "Samples between saving the latest results (default: 5000).")
    Integer saveLatestFreq;

    @Option(names = "--save_epoch_freq", paramLabel = "N",
            description = "Epochs between saving checkpoints at the end of an epoch (default: 5).")
    Integer saveEpochFreq;

    @Option(names = "--save_by_iter", description = "Save the periodic checkpoints as iter_<N> instead of latest.")
    Boolean saveByIter;

    @Option(names = "--continue_train",
            description = "Continue training from the checkpoint --epoch (or iter_<--load_iter>): exactly, with the "
                    + "stored options, from a training state; from weights alone for a run of the Python code.")
    Boolean continueTrain;

    @Option(names = "--epoch_count", paramLabel = "N",
            description = "The starting epoch count; the model is saved by <epoch_count>, <epoch_count>+<save_epoch_"
                    + "freq>, ... (default: 1).")
    Integer epochCount;

    @Option(names = "--phase", paramLabel = "PHASE", description = "train, val, test, etc. (default: train).")
    String phase;

    @Option(names = "--n_epochs", paramLabel = "N", description = "Epochs with the initial learning rate (default: 100).")
    Integer nEpochs;

    @Option(names = "--n_epochs_decay", paramLabel = "N",
            description = "Epochs to linearly decay the learning rate to zero (default: 100).")
    Integer nEpochsDecay;

    @Option(names = "--beta1", paramLabel = "X", description = "Momentum term of Adam (default: 0.5).")
    Double beta1;

    @Option(names = "--lr", paramLabel = "X", description = "Initial learning rate for Adam (default: 0.0002).")
    Double lr;

    @Option(names = "--gan_mode", paramLabel = "MODE",
            description = "The GAN objective: vanilla, lsgan, wgangp (default: lsgan; pix2pix: vanilla).")
    String ganMode;

    @Option(names = "--pool_size", paramLabel = "N",
            description = "Size of the buffer of previously generated images (default: 50; pix2pix: 0).")
    Integer poolSize;

    @Option(names = "--lr_policy", paramLabel = "POLICY",
            description = "Learning rate policy: linear, step, plateau, cosine (default: linear).")
    String lrPolicy;

    @Option(names = "--lr_decay_iters", paramLabel = "N",
            description = "Multiply by a gamma every N epochs with --lr_policy step (default: 50).")
    Integer lrDecayIters;

    @Option(names = "--lambda_L1", paramLabel = "X", description = "pix2pix: weight of the L1 loss (default: 100).")
    Double lambdaL1;

    @Option(names = "--lambda_A", paramLabel = "X",
            description = "cycle_gan: weight of the cycle loss A -> B -> A (default: 10).")
    Double lambdaA;

    @Option(names = "--lambda_B", paramLabel = "X",
            description = "cycle_gan: weight of the cycle loss B -> A -> B (default: 10).")
    Double lambdaB;

    @Option(names = "--lambda_identity", paramLabel = "X",
            description = "cycle_gan: weight of the identity loss, relative to lambda_A/B (default: 0.5).")
    Double lambdaIdentity;

    @Option(names = "--upsample", paramLabel = "MODE",
            description = "ResNet generator upsampling: deconv, or resize_conv against checkerboard artifacts "
                    + "(default: deconv).")
    String upsample;

    @Option(names = "--max_iters", paramLabel = "N",
            description = "Stop once N samples (the reference's total_iters) are trained, saving latest; resume "
                    + "with --continue_train. 0 = no limit (default: 0).")
    Long maxIters;

    @Option(names = "--eval_freq", paramLabel = "N", description = "Score the generator on the held-out split every"
            + " N epochs, before that epoch's checkpoint: FID/KID (unpaired) or L1/PSNR/SSIM (aligned pairs), to"
            + " eval_log.txt, run.json and web/eval.png. 0 = off (default: 0).")
    Integer evalFreq;

    @Option(names = "--eval_phase", paramLabel = "PHASE",
            description = "The split --eval_freq scores: <phase>A/<phase>B or aligned <phase> (default: test).")
    String evalPhase;

    @Option(names = "--eval_max", paramLabel = "N",
            description = "Images per side each evaluation scores, the first by name; 0 = all (default: 0).")
    Integer evalMax;

    @Option(names = "--fid_weights", paramLabel = "FILE", description = "pytorch-fid's"
            + " pt_inception-2015-12-05-6726825d.pth for FID/KID during training (default: the file"
            + " $TRANSMUTE_FID_WEIGHTS names).")
    String fidWeights;

    @Option(names = "--lpips_weights", paramLabel = "FILE", description = "The lpips package's weights/v0.1/vgg.pth;"
            + " with --vgg_weights, aligned runs are also scored with LPIPS.")
    String lpipsWeights;

    @Option(names = "--keep_best", paramLabel = "METRIC", description = "With --eval_freq: keep the generator of"
            + " the lowest fid, kid, lpips or l1 so far as best_net_<G>.pth, with its epoch and score.")
    String keepBest;

    /**
     * Copies the given options into a builder; options not given are left out.
     *
     * @param b the builder
     * @return {@code b}
     */
    TrainOptions.Builder applyTo(TrainOptions.Builder b) {
        BaseOptionsMixin.put(b, TrainOptions.PRINT_FREQ, printFreq);
        BaseOptionsMixin.put(b, TrainOptions.DISPLAY_FREQ, displayFreq);
        BaseOptionsMixin.put(b, TrainOptions.UPDATE_HTML_FREQ, updateHtmlFreq);
        BaseOptionsMixin.put(b, TrainOptions.NO_HTML, noHtml);
        BaseOptionsMixin.put(b, TrainOptions.SAVE_LATEST_FREQ, saveLatestFreq);
        BaseOptionsMixin.put(b, TrainOptions.SAVE_EPOCH_FREQ, saveEpochFreq);
        BaseOptionsMixin.put(b, TrainOptions.SAVE_BY_ITER, saveByIter);
        BaseOptionsMixin.put(b, TrainOptions.CONTINUE_TRAIN, continueTrain);
        BaseOptionsMixin.put(b, TrainOptions.EPOCH_COUNT, epochCount);
        BaseOptionsMixin.put(b, TrainOptions.PHASE, phase);
        BaseOptionsMixin.put(b, TrainOptions.N_EPOCHS, nEpochs);
        BaseOptionsMixin.put(b, TrainOptions.N_EPOCHS_DECAY, nEpochsDecay);
        BaseOptionsMixin.put(b, ModelOptions.BETA1, beta1);
        BaseOptionsMixin.put(b, ModelOptions.LR, lr);
        BaseOptionsMixin.put(b, ModelOptions.GAN_MODE, BaseOptionsMixin.parse(ganMode, GanMode::parse));
        BaseOptionsMixin.put(b, ModelOptions.POOL_SIZE, poolSize);
        BaseOptionsMixin.put(b, TrainOptions.LR_POLICY, BaseOptionsMixin.parse(lrPolicy, LrPolicy::parse));
        BaseOptionsMixin.put(b, TrainOptions.LR_DECAY_ITERS, lrDecayIters);
        BaseOptionsMixin.put(b, ModelOptions.LAMBDA_L1, lambdaL1);
        BaseOptionsMixin.put(b, ModelOptions.LAMBDA_A, lambdaA);
        BaseOptionsMixin.put(b, ModelOptions.LAMBDA_B, lambdaB);
        BaseOptionsMixin.put(b, ModelOptions.LAMBDA_IDENTITY, lambdaIdentity);
        BaseOptionsMixin.put(b, ModelOptions.UPSAMPLE, BaseOptionsMixin.parse(upsample, UpsampleType::parse));
        BaseOptionsMixin.put(b, TrainOptions.MAX_ITERS, maxIters);
        BaseOptionsMixin.put(b, EvalOptionKeys.EVAL_FREQ, evalFreq);
        BaseOptionsMixin.put(b, EvalOptionKeys.EVAL_PHASE, evalPhase);
        BaseOptionsMixin.put(b, EvalOptionKeys.EVAL_MAX, evalMax);
        BaseOptionsMixin.put(b, EvalOptionKeys.FID_WEIGHTS, fidWeights);
        BaseOptionsMixin.put(b, EvalOptionKeys.LPIPS_WEIGHTS, lpipsWeights);
        BaseOptionsMixin.put(b, EvalOptionKeys.KEEP_BEST, keepBest);
        return b;
    }
}
