package io.transmute.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.transmute.core.data.SyntheticShapes;
import io.transmute.core.io.StateDict;
import io.transmute.core.model.ModelOptions;
import io.transmute.core.testing.Fixtures;
import io.transmute.core.testing.TinyRuns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A train state written by the code before options were declared once ({@code fixtures/resume_state}, made by
 * {@code tools/make_resume_state_fixture.sh}) still resumes, and ends where an uninterrupted run of today's code
 * ends, to float32 rounding: the fixture's first iterations ran on another CPU, whose kernels round differently
 * (up to 6e-8 here), while one Adam step moves a weight by about the learning rate, 2e-4.
 */
class ResumeStateFixtureTest {
    @TempDir
    Path tmp;

    // the options and data of tools/make_resume_state_fixture.sh
    private static TrainOptions.Builder tiny(Path data, Path checkpoints, String name) {
        return TinyRuns.run(data, checkpoints, name, "pix2pix")
                .set(ModelOptions.NET_G, "unet_32").set(ModelOptions.NGF, 2).set(ModelOptions.NDF, 2)
                .set(TrainOptions.LOAD_SIZE, 32).set(TrainOptions.CROP_SIZE, 32).set(TrainOptions.BATCH_SIZE, 2)
                .set(TrainOptions.NUM_THREADS, 0).set(TrainOptions.N_EPOCHS, 1).set(TrainOptions.N_EPOCHS_DECAY, 1)
                .set(TrainOptions.SAVE_EPOCH_FREQ, 1).set(TrainOptions.NO_HTML, true).set(TrainOptions.THREADS, 1)
                .set(TrainOptions.SEED, 3L);
    }

    @Test
    void stateOfTheEarlierCode_resumesToTheSameWeightsAsAnUninterruptedRun() throws IOException {
        Path data = tmp.resolve("shapes");
        SyntheticShapes.writeAligned(data, 6, 1, 32, 5);
        Path ck = tmp.resolve("checkpoints");
        Files.createDirectories(ck.resolve("old"));
        Files.copy(Fixtures.file("resume_state/latest_train_state.pth"),
                ck.resolve("old").resolve("latest_train_state.pth"));

        Trainer.prepare(tiny(data, ck, "whole")).run(new TrainingListener() { });
        Trainer resumed = Trainer.prepare(new TrainOptions.Builder().set(TrainOptions.CHECKPOINTS_DIR, ck.toString())
                .set(TrainOptions.NAME, "old").set(TrainOptions.DATAROOT, data.toString())
                .set(TrainOptions.CONTINUE_TRAIN, true));
        assertThat(resumed.resumedFrom()).isPresent();
        assertThat(resumed.options().modelOptions().netG()).isEqualTo("unet_32");
        Trainer.Result r = resumed.run(new TrainingListener() { });

        assertThat(r.completed()).isTrue();
        Map<String, StateDict> whole = TrainerTest.weights(ck.resolve("whole"), "latest", "G", "D");
        TrainerTest.weights(ck.resolve("old"), "latest", "G", "D").forEach((net, sd) -> {
            assertThat(sd.keyList()).as(net).isEqualTo(whole.get(net).keyList());
            for (String k : sd.keyList()) {
                float[] resumedValues = sd.get(k).toFloats();
                float[] wholeValues = whole.get(net).get(k).toFloats();
                assertThat(resumedValues).as(net + " " + k).containsExactly(wholeValues, within(1e-6f));
            }
        });
    }
}
