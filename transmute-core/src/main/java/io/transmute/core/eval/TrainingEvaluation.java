package io.transmute.core.eval;

import io.transmute.core.CheckpointException;
import io.transmute.core.InvalidOptionException;
import io.transmute.core.TransmuteException;
import io.transmute.core.data.DatasetMode;
import io.transmute.core.data.Direction;
import io.transmute.core.infer.TranslatorOptions;
import io.transmute.core.model.ModelRegistry;
import io.transmute.core.model.NetworkSet;
import io.transmute.core.model.TranslationModel;
import io.transmute.core.torch.Device;
import io.transmute.core.torch.Torch;
import io.transmute.core.train.IterationInfo;
import io.transmute.core.train.RunInfo;
import io.transmute.core.train.TrainOptions;
import io.transmute.core.train.TrainingCheckpoint;
import io.transmute.core.train.TrainingListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluation during training ({@code --eval_freq N}): at the end of every N-th epoch, before that epoch's
 * checkpoint, the generator ({@code G}, or {@code G_A} of a two-generator model) is scored on the held-out split
 * ({@code --eval_phase}) as {@code transmute eval --weights} scores a file: FID and KID for unpaired data, L1,
 * PSNR and SSIM (and LPIPS when its weights are given) for aligned pairs. Each score is a line of
 * {@code eval_log.txt}, an entry of {@code run.json} and of the training state, and a point of
 * {@code web/eval.png}; with {@code --keep_best METRIC} the generator of the lowest score so far is kept as
 * {@code best_net_<G>.pth} (written atomically, with a {@code best.json} record of metric, score, epoch and
 * iteration). The scores and the best so far travel in the training state, so {@code --continue_train} goes on
 * from them. Torch's random generator is restored after each evaluation, so evaluating does not change training.
 */
public final class TrainingEvaluation implements TrainingListener {
    /** Key of this listener's entry in the training state and run.json. */
    public static final String STATE_KEY = "evaluation";
    /** The score log in the run folder. */
    public static final String LOG_FILE = "eval_log.txt";
    /** The record inside a {@code best_net_*.pth} saying which evaluation it won. */
    public static final String BEST_RECORD = "best.json";
    private static final System.Logger LOG = System.getLogger(TrainingEvaluation.class.getName());

    private final TrainOptions options;
    private final TrainingEvalOptions eval;
    private final Path runDir;
    private final List<Score> scores = new ArrayList<>();
    private TranslationModel model;
    private String network;
    private TestSplit split;
    private Best best;
    private int datasetSize = Integer.MAX_VALUE;

    /**
     * One evaluation.
     *
     * @param epoch the epoch that just ended
     * @param totalIters samples trained so far
     * @param images images (unpaired: translated ones; paired: pairs) that were scored
     * @param values metric name to score, as {@code transmute eval --json} names them
     */
    public record Score(int epoch, long totalIters, int images, Map<String, Double> values) {
        /** Copies the values. */
        public Score {
            values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }

        long step() {
            return epoch;
        }
    }

    /**
     * The generator kept by {@code --keep_best}.
     *
     * @param metric the metric compared
     * @param score its value, the lowest so far
     * @param epoch when it was reached
     * @param totalIters samples trained by then
     */
    public record Best(String metric, double score, int epoch, long totalIters) {
    }

    private TrainingEvaluation(TrainOptions options, TrainingEvalOptions eval) {
        this.options = options;
        this.eval = eval;
        this.runDir = options.runDir();
    }

    /**
     * @param options a training run's options
     * @return the evaluating listener when {@code --eval_freq} is on, else one that does nothing
     * @throws InvalidOptionException for invalid evaluation options
     */
    public static TrainingListener forRun(TrainOptions options) {
        TrainingEvalOptions eval = TrainingEvalOptions.of(options);
        return eval.enabled() ? new TrainingEvaluation(options, eval) : new TrainingListener() {
        };
    }

    /** @return the scores so far, oldest first, including those of the run this one continues */
    public List<Score> scores() {
        return List.copyOf(scores);
    }

    @Override
    public void onModel(TranslationModel trained, Map<String, Object> restored) {
        if (ModelRegistry.get(options.model()).iterationSchedule(options.modelOptions()).isPresent()) {
            throw new InvalidOptionException("--eval_freq: --model " + options.model() + " is not scored during"
                    + " training yet; score its checkpoints with transmute eval");
        }
        DatasetMode mode = options.data().mode();
        if (mode != DatasetMode.ALIGNED && mode != DatasetMode.UNALIGNED) {
            throw new InvalidOptionException("--eval_freq scores runs on aligned or unaligned data; --dataset_mode "
                    + mode.cliName() + " has no held-out domain to compare with");
        }
        List<String> names = trained.networks().names();
        network = names.contains("G") ? "G" : names.contains("G_A") ? "G_A" : null;
        if (network == null) {
            throw new InvalidOptionException("--eval_freq: --model " + options.model() + " has no generator G or G_A"
                    + " (its networks are " + names + ")");
        }
        model = trained;
        split = TestSplit.of(options.data().dataroot(), eval.phase(),
                options.data().direction() == Direction.B_TO_A);
        if (eval.metrics(split.paired()).stream().anyMatch(m -> m == EvalMetric.FID || m == EvalMetric.KID)) {
            Path weights = Evaluation.fidWeights(eval.fidWeights());
            if (!Files.isRegularFile(weights)) {
                throw new CheckpointException(weights + ": no such file; --fid_weights must name pytorch-fid's "
                        + FidInception.WEIGHTS_FILE + " (" + FidInception.WEIGHTS_URL + ")");
            }
        }
        restore(restored.get(STATE_KEY));
    }

    @Override
    public void onStart(RunInfo run) {
        datasetSize = run.datasetSize();
        EvalLog.appendHeader(runDir.resolve(LOG_FILE), split, eval.max());
    }

    @Override
    public void onStep(IterationInfo step) {
        // the last step of an epoch comes before that epoch's checkpoint, which then holds this score
        if (step.epochIter() >= datasetSize && step.epoch() % eval.freq() == 0) {
            boolean done = scores.stream().anyMatch(s -> s.totalIters() == step.totalIters());
            if (!done) {
                evaluate(step.epoch(), step.totalIters());
            }
        }
    }

    @Override
    public Map<String, Object> checkpointState() {
        Map<String, Object> state = new LinkedHashMap<>();
        List<Object> list = new ArrayList<>();
        for (Score s : scores) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("epoch", s.epoch());
            m.put("total_iters", s.totalIters());
            m.put("images", s.images());
            m.put("scores", new LinkedHashMap<>(s.values()));
            list.add(m);
        }
        state.put("scores", list);
        if (best != null) {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("metric", best.metric());
            b.put("score", best.score());
            b.put("epoch", best.epoch());
            b.put("total_iters", best.totalIters());
            b.put("file", bestFile().getFileName().toString());
            state.put("best", b);
        }
        return Map.of(STATE_KEY, state);
    }

    private void restore(Object saved) {
        if (!(saved instanceof Map<?, ?> state)) {
            return;
        }
        try {
            if (state.get("scores") instanceof List<?> list) {
                for (Object o : list) {
                    Map<?, ?> m = (Map<?, ?>) o;
                    Map<String, Double> values = new LinkedHashMap<>();
                    ((Map<?, ?>) m.get("scores")).forEach((k, v) -> values.put((String) k,
                            ((Number) v).doubleValue()));
                    scores.add(new Score(((Number) m.get("epoch")).intValue(), ((Number) m.get("total_iters"))
                            .longValue(), ((Number) m.get("images")).intValue(), values));
                }
            }
            if (state.get("best") instanceof Map<?, ?> b && eval.keepBest() != null
                    && eval.keepBest().cliName().equals(b.get("metric"))) {
                best = new Best((String) b.get("metric"), ((Number) b.get("score")).doubleValue(),
                        ((Number) b.get("epoch")).intValue(), ((Number) b.get("total_iters")).longValue());
            }
        } catch (ClassCastException | NullPointerException e) {
            throw new CheckpointException("the training state's " + STATE_KEY + " entry is malformed ("
                    + e.getMessage() + "); resume from another checkpoint with --epoch", e);
        }
    }

    private Path bestFile() {
        return runDir.resolve(NetworkSet.fileName("best", network));
    }

    private void evaluate(int epoch, long totalIters) {
        byte[] rng = Torch.cpuGeneratorState();
        Path weights = null;
        EvalResult r;
        try {
            weights = Files.createTempFile(runDir, ".eval_net_" + network + "-", ".pth");
            TrainingCheckpoint.writeNetwork(weights, model, network, options, Map.of());
            r = GeneratorEvaluation.run(weights, new TranslatorOptions(Device.parse(options.device()), false, null,
                    null, 1), split, eval.max(), eval.scoring(split.paired(), split.reference(), split.inputs(),
                    options.seed()), runDir, EvalProgress.NONE);
        } catch (IOException e) {
            throw new TransmuteException(runDir + ": cannot write the generator to score (" + e.getMessage() + ")",
                    e);
        } finally {
            Torch.restoreCpuGeneratorState(rng);
            if (weights != null) {
                try {
                    Files.deleteIfExists(weights);
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.WARNING, "cannot remove " + weights + ": " + e.getMessage());
                }
            }
        }
        Score s = new Score(epoch, totalIters, split.paired() ? r.nPairs() : r.nFake(), r.scores());
        scores.add(s);
        EvalLog.append(runDir.resolve(LOG_FILE), s, r.skipped().size());
        LOG.log(System.Logger.Level.INFO, () -> "evaluation, " + EvalLog.line(s, r.skipped().size()));
        if (eval.keepBest() != null) {
            Double v = r.scores().get(eval.keepBest().cliName());
            if (v != null && Double.isFinite(v) && (best == null || v < best.score())) {
                best = new Best(eval.keepBest().cliName(), v, epoch, totalIters);
                TrainingCheckpoint.writeNetwork(bestFile(), model, network, options, Map.of(BEST_RECORD,
                        EvalLog.bestJson(best)));
            }
        }
        if (!options.noHtml()) {
            EvalChart.write(runDir.resolve("web").resolve("eval.png"), options.name() + " evaluation on "
                    + split.inputs().getFileName(), "epoch", scores);
        }
    }
}
