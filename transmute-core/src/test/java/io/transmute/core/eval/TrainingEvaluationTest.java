package io.transmute.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.transmute.core.InvalidOptionException;
import io.transmute.core.data.Preprocess;
import io.transmute.core.data.SyntheticShapes;
import io.transmute.core.infer.TranslatorOptions;
import io.transmute.core.io.PthReader;
import io.transmute.core.io.StateDict;
import io.transmute.core.model.ModelOptions;
import io.transmute.core.report.StandardListeners;
import io.transmute.core.testing.TinyRuns;
import io.transmute.core.train.EvalOptionKeys;
import io.transmute.core.train.TrainOptions;
import io.transmute.core.train.Trainer;
import io.transmute.core.train.TrainingCheckpoint;
import io.transmute.core.train.TrainingListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingEvaluationTest {
    private static final Pattern LINE = Pattern.compile("\\(epoch: (\\d+), iters: (\\d+), images: (\\d+)\\) l1: (\\S+)"
            + " psnr: (\\S+) ssim: (\\S+)");

    @TempDir
    Path tmp;

    /**
     * Tiny pix2pix without dropout (so a generator's score is repeatable), 3 epochs of 3 steps at a constant rate
     * (a decay epoch at rate 0 would repeat the previous score), 4 test pairs.
     */
    private static TrainOptions.Builder pix2pix(Path data, Path checkpoints, String name) {
        return TinyRuns.pix2pix(data, checkpoints, name)
                .set(ModelOptions.NO_DROPOUT, true)
                .set(TrainOptions.NUM_THREADS, 0)
                .set(TrainOptions.N_EPOCHS, 3)
                .set(TrainOptions.N_EPOCHS_DECAY, 0)
                .set(TrainOptions.PRINT_FREQ, 6)
                .set(TrainOptions.DISPLAY_FREQ, 6)
                .set(EvalOptionKeys.EVAL_FREQ, 1)
                .set(EvalOptionKeys.KEEP_BEST, "l1");
    }

    private record Logged(int epoch, long iters, int images, double l1) {
    }

    private static List<Logged> log(Path runDir) throws IOException {
        List<Logged> out = new ArrayList<>();
        for (String line : Files.readAllLines(runDir.resolve(TrainingEvaluation.LOG_FILE), StandardCharsets.UTF_8)) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                out.add(new Logged(Integer.parseInt(m.group(1)), Long.parseLong(m.group(2)),
                        Integer.parseInt(m.group(3)), Double.parseDouble(m.group(4))));
            }
        }
        return out;
    }

    @Test
    void pix2pixWithKeepBestL1_logsEveryEpoch_keepsTheBestEpochsGenerator_andSurvivesContinueTrain()
            throws IOException {
        Path data = tmp.resolve("shapes");
        SyntheticShapes.writeAligned(data, 6, 4, 32, 3);
        Path ck = tmp.resolve("checkpoints");
        train(pix2pix(data, ck, "p2p"));
        Path run = ck.resolve("p2p");

        List<Logged> logged = log(run);
        assertThat(logged).extracting(Logged::epoch).containsExactly(1, 2, 3);
        assertThat(logged).extracting(Logged::iters).containsExactly(6L, 12L, 18L);
        assertThat(logged).allSatisfy(l -> assertThat(l.images()).isEqualTo(4));

        JsonNode scores = new ObjectMapper().readTree(run.resolve("run.json").toFile()).path("evaluation")
                .path("scores");
        assertThat(scores.size()).isEqualTo(3);
        for (int i = 0; i < 3; i++) {
            double l1 = scores.get(i).path("scores").path("l1").asDouble();
            assertThat(l1).isCloseTo(logged.get(i).l1(), Percentage.withPercentage(1e-3));
            assertThat(scores.get(i).path("scores").has("psnr")).isTrue();
            assertThat(scores.get(i).path("scores").has("ssim")).isTrue();
        }
        int bestEpoch = 0;
        double bestL1 = Double.MAX_VALUE;
        for (JsonNode s : scores) {
            if (s.path("scores").path("l1").asDouble() < bestL1) {
                bestL1 = s.path("scores").path("l1").asDouble();
                bestEpoch = s.path("epoch").asInt();
            }
        }
        assertSameTensors(run.resolve("best_net_G.pth"), TrainingCheckpoint.weightsFile(run,
                Integer.toString(bestEpoch), "G"));
        JsonNode record = new ObjectMapper().readTree(PthReader.readRecords(run.resolve("best_net_G.pth"))
                .get(TrainingEvaluation.BEST_RECORD));
        assertThat(record.path("metric").asText()).isEqualTo("l1");
        assertThat(record.path("epoch").asInt()).isEqualTo(bestEpoch);
        assertThat(record.path("score").asDouble()).isEqualTo(bestL1);

        // the kept file, scored again as transmute eval --weights scores it, gives the recorded score
        TestSplit split = TestSplit.of(data, "test", false);
        TrainingEvalOptions eval = TrainingEvalOptions.of(pix2pix(data, ck, "p2p").build());
        EvalResult again = GeneratorEvaluation.run(run.resolve("best_net_G.pth"), TranslatorOptions.defaults(), split,
                0, eval.scoring(true, split.reference(), split.inputs(), 7), tmp, EvalProgress.NONE);
        assertThat(again.scores().get("l1")).isEqualTo(bestL1);
        assertThat(run.resolve("web").resolve("eval.png")).isNotEmptyFile();
        assertThat(Files.readString(run.resolve("web").resolve("index.html"))).contains("eval.png");

        // evaluating leaves training alone: the same run without --eval_freq ends with the same weights
        train(pix2pix(data, ck, "plain").remove(EvalOptionKeys.EVAL_FREQ).remove(EvalOptionKeys.KEEP_BEST)
                .set(TrainOptions.NO_HTML, true));
        assertSameTensors(TrainingCheckpoint.weightsFile(ck.resolve("plain"), "latest", "G"),
                TrainingCheckpoint.weightsFile(run, "latest", "G"));
        assertThat(ck.resolve("plain").resolve(TrainingEvaluation.LOG_FILE)).doesNotExist();

        // stopped after epoch 2 and continued: the same scores, and the same best generator
        train(pix2pix(data, ck, "split").set(TrainOptions.NO_HTML, true).set(TrainOptions.MAX_ITERS, 12L))
                ;
        assertThat(log(ck.resolve("split"))).hasSize(2);
        TrainingCheckpoint.Saved saved = TrainingCheckpoint.read(TrainingCheckpoint.stateFile(ck.resolve("split"),
                "latest"));
        assertThat(saved.listenerState()).containsKey(TrainingEvaluation.STATE_KEY);
        train(new TrainOptions.Builder().set(TrainOptions.CHECKPOINTS_DIR, ck.toString())
                .set(TrainOptions.NAME, "split").set(TrainOptions.CONTINUE_TRAIN, true))
                ;
        assertThat(log(ck.resolve("split"))).isEqualTo(logged);
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(ck.resolve("split").resolve("run.json").toFile()).path("evaluation"))
                .isEqualTo(json.readTree(run.resolve("run.json").toFile()).path("evaluation"));
        assertSameTensors(ck.resolve("split").resolve("best_net_G.pth"), run.resolve("best_net_G.pth"));
    }

    private static void assertSameTensors(Path a, Path b) {
        StateDict x = PthReader.read(a);
        StateDict y = PthReader.read(b);
        assertThat(x.keyList()).isEqualTo(y.keyList());
        for (String k : x.keyList()) {
            assertThat(x.get(k)).as(k).isEqualTo(y.get(k));
        }
    }

    @Test
    void keepBestWithoutEvalFreq_isAUsageError() {
        TrainOptions o = new TrainOptions.Builder().set(TrainOptions.DATAROOT, tmp.toString())
                .set(EvalOptionKeys.KEEP_BEST, "l1").build();
        assertThatThrownBy(() -> TrainingEvaluation.forRun(o)).isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("--keep_best needs --eval_freq");
        TrainOptions psnr = new TrainOptions.Builder().set(TrainOptions.DATAROOT, tmp.toString())
                .set(EvalOptionKeys.EVAL_FREQ, 1).set(EvalOptionKeys.KEEP_BEST, "psnr").build();
        assertThatThrownBy(() -> TrainingEvaluation.forRun(psnr)).hasMessageContaining("not lower-is-better");
    }

    @Test
    void cycleGan_scoresFidAndKidAgainstTheOtherDomain_whenTheInceptionWeightsArePresent() throws IOException {
        Path weights = EvalFixtures.shared("fid_inception_random_f16.pth");
        Path data = tmp.resolve("unpaired");
        SyntheticShapes.writeUnaligned(data, 3, 3, 24, 5);  // --eval_max 2 scores two of the three
        Path ck = tmp.resolve("checkpoints");
        train(new TrainOptions.Builder()
                .set(TrainOptions.DATAROOT, data.toString())
                .set(TrainOptions.CHECKPOINTS_DIR, ck.toString())
                .set(TrainOptions.NAME, "cyc")
                .set(TrainOptions.MODEL, "cycle_gan")
                .set(ModelOptions.NET_G, "resnet_1blocks")
                .set(ModelOptions.NGF, 8)
                .set(ModelOptions.NDF, 8)
                .set(TrainOptions.PREPROCESS, Preprocess.CROP)
                .set(TrainOptions.CROP_SIZE, 24)
                .set(TrainOptions.NUM_THREADS, 0)
                .set(TrainOptions.N_EPOCHS, 1)
                .set(TrainOptions.N_EPOCHS_DECAY, 0)
                .set(TrainOptions.NO_HTML, true)
                .set(TrainOptions.THREADS, 1)
                .set(TrainOptions.SEED, 11L)
                .set(EvalOptionKeys.EVAL_FREQ, 1)
                .set(EvalOptionKeys.EVAL_MAX, 2)
                .set(EvalOptionKeys.FID_WEIGHTS, weights.toString())
                .set(EvalOptionKeys.KEEP_BEST, "kid"))
                ;
        Path run = ck.resolve("cyc");
        List<String> lines = Files.readAllLines(run.resolve(TrainingEvaluation.LOG_FILE)).stream()
                .filter(l -> l.startsWith("(epoch")).toList();
        assertThat(lines).hasSize(1).allSatisfy(l -> assertThat(l).contains("images: 2").contains("fid: ")
                .contains("kid: ").contains("kid_std: "));
        JsonNode best = new ObjectMapper().readTree(run.resolve("run.json").toFile()).path("evaluation")
                .path("best");
        assertThat(best.path("metric").asText()).isEqualTo("kid");
        assertThat(run.resolve("best_net_G_A.pth")).isNotEmptyFile();
    }

    private static Trainer.Result train(TrainOptions.Builder options) {
        Trainer trainer = Trainer.prepare(options);
        return trainer.run(StandardListeners.forRun(trainer.options(), new TrainingListener() { }));
    }
}
