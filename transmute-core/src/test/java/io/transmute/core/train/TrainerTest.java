package io.transmute.core.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.transmute.core.data.Preprocess;
import io.transmute.core.data.SyntheticShapes;
import io.transmute.core.io.PthReader;
import io.transmute.core.io.StateDict;
import io.transmute.core.model.ModelOptions;
import io.transmute.core.nn.StoredArchitecture;
import io.transmute.core.testing.TinyRuns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {
    @TempDir
    Path tmp;

    /** Tiny pix2pix: U-Net 32 with dropout and batch norm, 6 pairs, batch 2, 3 epochs of 3 steps. */
    static TrainOptions.Builder pix2pix(Path data, Path checkpoints, String name) {
        return TinyRuns.pix2pix(data, checkpoints, name);
    }

    static TrainOptions.Builder cycleGan(Path data, Path checkpoints, String name) {
        return TinyRuns.run(data, checkpoints, name, "cycle_gan")
                .set(ModelOptions.NET_G, "resnet_1blocks")
                .set(ModelOptions.POOL_SIZE, 3)
                .set(TrainOptions.PREPROCESS, Preprocess.CROP)
                .set(TrainOptions.CROP_SIZE, 24)
                .set(TrainOptions.NUM_THREADS, 0)
                .set(TrainOptions.N_EPOCHS, 1)
                .set(TrainOptions.N_EPOCHS_DECAY, 1)
                .set(TrainOptions.PRINT_FREQ, 2)
                .set(TrainOptions.NO_HTML, true)
                .set(TrainOptions.SAVE_LATEST_FREQ, 2)
                .set(TrainOptions.SAVE_EPOCH_FREQ, 1)
                .set(TrainOptions.THREADS, 1)
                .set(TrainOptions.SEED, 11L);
    }

    static Map<String, StateDict> weights(Path runDir, String label, String... networks) {
        Map<String, StateDict> out = new LinkedHashMap<>();
        for (String n : networks) {
            out.put(n, PthReader.read(TrainingCheckpoint.weightsFile(runDir, label, n)));
        }
        return out;
    }

    static void assertSameWeights(Map<String, StateDict> a, Map<String, StateDict> b) {
        assertThat(a.keySet()).isEqualTo(b.keySet());
        a.forEach((net, sd) -> {
            assertThat(sd.keyList()).as(net).isEqualTo(b.get(net).keyList());
            for (String k : sd.keyList()) {
                assertThat(sd.get(k)).as(net + " " + k).isEqualTo(b.get(net).get(k));
            }
        });
    }

    /**
     * The reference steps its scheduler at the end of every epoch, so with {@code --n_epochs 1 --n_epochs_decay 1}
     * epoch 1 runs at {@code --lr} and epoch 2, the last, at half of it; stepping at the start of each epoch
     * instead ran every epoch one step ahead and the last one at a rate of 0, learning nothing.
     */
    @Test
    void lastEpochOfTheDecay_stillLearns_asTheReferenceSchedule() {
        Path data = tmp.resolve("unaligned");
        SyntheticShapes.writeUnaligned(data, 3, 1, 24, 5);
        Path ck = tmp.resolve("checkpoints");
        List<Double> rates = new ArrayList<>();
        Trainer.Result r = Trainer.prepare(cycleGan(data, ck, "decay")).run(new TrainingListener() {
            @Override
            public void onEpochEnd(int epoch, double seconds, double learningRate) {
                rates.add(learningRate);
            }
        });
        assertThat(r.completed()).isTrue();
        // after each epoch's scheduler step: 1 - 1/2, then 1 - 2/2
        assertThat(rates).containsExactly(1e-4, 0.0);
        Map<String, StateDict> afterOne = weights(ck.resolve("decay"), "1", "G_A", "D_A");
        Map<String, StateDict> afterTwo = weights(ck.resolve("decay"), "2", "G_A", "D_A");
        for (String net : afterOne.keySet()) {
            String key = afterOne.get(net).keyList().get(0);
            assertThat(afterTwo.get(net).get(key)).as(net + " " + key + " changed by epoch 2")
                    .isNotEqualTo(afterOne.get(net).get(key));
        }
    }

    @Test
    void resumedPix2pix_equalsUninterruptedRun_bitForBit() {
        Path data = tmp.resolve("shapes");
        SyntheticShapes.writeAligned(data, 6, 1, 32, 3);
        Path ck = tmp.resolve("checkpoints");

        Trainer.Result whole = Trainer.prepare(pix2pix(data, ck, "whole")).run(new TrainingListener() { });
        assertThat(whole.completed()).isTrue();
        assertThat(whole.position().totalIters()).isEqualTo(18);

        Trainer.Result first = Trainer.prepare(pix2pix(data, ck, "split").set(TrainOptions.MAX_ITERS, 8L))
                .run(new TrainingListener() { });
        assertThat(first.completed()).isFalse();
        assertThat(first.position()).isEqualTo(new TrainingCheckpoint.Position(2, 1, 2, 8));
        Map<String, StateDict> atStop = weights(ck.resolve("split"), "latest", "G", "D");

        TrainOptions.Builder again = new TrainOptions.Builder().set(TrainOptions.CHECKPOINTS_DIR, ck.toString())
                .set(TrainOptions.NAME, "split").set(TrainOptions.CONTINUE_TRAIN, true);
        Trainer resumed = Trainer.prepare(again);
        assertThat(resumed.resumedFrom()).contains(ck.resolve("split").resolve("latest_train_state.pth"));
        assertThat(resumed.options().modelOptions().netG()).isEqualTo("unet_32");
        Trainer.Result rest = resumed.run(new TrainingListener() { });
        assertThat(rest.completed()).isTrue();
        assertThat(rest.position().totalIters()).isEqualTo(18);

        Map<String, StateDict> split = weights(ck.resolve("split"), "latest", "G", "D");
        assertSameWeights(split, weights(ck.resolve("whole"), "latest", "G", "D"));
        assertSameWeights(weights(ck.resolve("split"), "3", "G", "D"), weights(ck.resolve("whole"), "3", "G", "D"));
        assertThat(split.get("G").get("model.model.0.weight")).isNotEqualTo(atStop.get("G").get("model.model.0.weight"));
    }

    @Test
    void resumedCycleGanWithImagePools_equalsUninterruptedRun_bitForBit() {
        Path data = tmp.resolve("unpaired");
        SyntheticShapes.writeUnaligned(data, 3, 1, 24, 5);
        Path ck = tmp.resolve("checkpoints");

        Trainer.prepare(cycleGan(data, ck, "whole")).run(new TrainingListener() { });
        Trainer.Result first = Trainer.prepare(cycleGan(data, ck, "split").set(TrainOptions.MAX_ITERS, 4L))
                .run(new TrainingListener() { });
        assertThat(first.position()).isEqualTo(new TrainingCheckpoint.Position(2, 1, 1, 4));
        TrainingCheckpoint.Saved saved = TrainingCheckpoint.read(
                TrainingCheckpoint.stateFile(ck.resolve("split"), "latest"));
        assertThat(saved.modelState().imagePools().values()).allSatisfy(p -> assertThat(p).hasSize(3));

        Trainer.prepare(new TrainOptions.Builder().set(TrainOptions.CHECKPOINTS_DIR, ck.toString())
                .set(TrainOptions.NAME, "split").set(TrainOptions.CONTINUE_TRAIN, true))
                .run(new TrainingListener() { });

        String[] nets = {"G_A", "G_B", "D_A", "D_B"};
        assertSameWeights(weights(ck.resolve("split"), "latest", nets), weights(ck.resolve("whole"), "latest", nets));
    }

    @Test
    void checkpoint_holdsReferenceWeightFiles_architecture_options_andTrainOptText() throws Exception {
        Path data = tmp.resolve("shapes");
        SyntheticShapes.writeAligned(data, 4, 1, 32, 3);
        Path ck = tmp.resolve("checkpoints");
        List<CheckpointInfo> saves = new ArrayList<>();
        Trainer.prepare(pix2pix(data, ck, "p").set(TrainOptions.MAX_ITERS, 4L)).run(new TrainingListener() {
            @Override
            public void onCheckpoint(CheckpointInfo checkpoint) {
                saves.add(checkpoint);
            }
        });
        Path run = ck.resolve("p");
        assertThat(saves).extracting(CheckpointInfo::tag).containsExactly("latest", "1");
        assertThat(saves.get(0).files()).containsExactly(run.resolve("latest_net_G.pth"),
                run.resolve("latest_net_D.pth"), run.resolve("latest_train_state.pth"));

        StoredArchitecture arch = StoredArchitecture.read(run.resolve("latest_net_G.pth")).orElseThrow();
        assertThat(arch.generator().netG()).isEqualTo("unet_32");
        assertThat(arch.generator().ngf()).isEqualTo(8);
        assertThat(arch.generator().useDropout()).isTrue();
        assertThat(arch.options()).containsEntry("netG", "unet_32").containsEntry("model", "pix2pix");
        assertThat(StoredArchitecture.read(run.resolve("latest_net_D.pth")).orElseThrow().generator()).isNull();

        TrainingCheckpoint.Saved saved = TrainingCheckpoint.read(run.resolve("latest_train_state.pth"));
        assertThat(saved.given()).containsEntry("--netG", "unet_32").containsEntry("--batch_size", 2L)
                .doesNotContainKey("--norm");
        assertThat(saved.provenance()).contains("\"names_sha256\"").contains("\"libtorch\"");
        assertThat(run.resolve("run.json")).exists();

        List<String> opt = Files.readAllLines(run.resolve("train_opt.txt"));
        assertThat(opt.get(0)).isEqualTo("----------------- Options ---------------");
        assertThat(opt.get(opt.size() - 1)).isEqualTo("----------------- End -------------------");
        assertThat(opt).contains(String.format("%25s: %-30s%s", "netG", "unet_32", "\t[default: unet_256]"))
                .contains(String.format("%25s: %-30s", "norm", "batch"))
                .contains(String.format("%25s: %-30s", "lr", "0.0002"))
                .contains(String.format("%25s: %-30s%s", "batch_size", "2", "\t[default: 1]"))
                .contains(String.format("%25s: %-30s", "max_dataset_size", "inf"))
                .contains(String.format("%25s: %-30s", "no_html", "False"));
        List<String> keys = opt.subList(1, opt.size() - 1).stream().map(l -> l.substring(0, 25).trim()).toList();
        assertThat(keys).isSorted();
    }
}
