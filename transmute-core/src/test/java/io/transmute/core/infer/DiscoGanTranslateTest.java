package io.transmute.core.infer;

import static org.assertj.core.api.Assertions.assertThat;

import io.transmute.core.data.SyntheticShapes;
import io.transmute.core.io.ImageData;
import io.transmute.core.model.ModelOptions;
import io.transmute.core.report.StandardListeners;
import io.transmute.core.train.TrainOptions;
import io.transmute.core.train.Trainer;
import io.transmute.core.train.TrainingListener;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A DiscoGAN run writes CycleGAN's file names, and translate rebuilds its generator from the weights alone. */
class DiscoGanTranslateTest {
    @TempDir
    Path tmp;

    @Test
    void discoganRun_savesTheNamedNetworks_andTranslateInfersTheEncoderDecoder() {
        Path data = tmp.resolve("shapes");
        SyntheticShapes.writeUnaligned(data, 4, 1, 32, 3);
        Path ck = tmp.resolve("checkpoints");
        TrainOptions.Builder b = new TrainOptions.Builder()
                .set(TrainOptions.DATAROOT, data.toString())
                .set(TrainOptions.CHECKPOINTS_DIR, ck.toString())
                .set(TrainOptions.NAME, "disco")
                .set(TrainOptions.MODEL, "discogan")
                .set(ModelOptions.NET_G, "encoder_decoder_32")
                .set(ModelOptions.NGF, 8)
                .set(ModelOptions.NDF, 8)
                .set(TrainOptions.LOAD_SIZE, 36)
                .set(TrainOptions.CROP_SIZE, 32)
                .set(TrainOptions.BATCH_SIZE, 2)
                .set(TrainOptions.NUM_THREADS, 0)
                .set(TrainOptions.N_EPOCHS, 1)
                .set(TrainOptions.N_EPOCHS_DECAY, 0)
                .set(TrainOptions.PRINT_FREQ, 2)
                .set(TrainOptions.DISPLAY_FREQ, 2)
                .set(TrainOptions.THREADS, 1)
                .set(TrainOptions.SEED, 2L);
        Trainer trainer = Trainer.prepare(b);
        Trainer.Result r = trainer.run(StandardListeners.forRun(trainer.options(), new TrainingListener() { }));
        assertThat(r.completed()).isTrue();
        Path run = ck.resolve("disco");
        for (String net : new String[] {"G_A", "G_B", "D_A", "D_B"}) {
            assertThat(run.resolve("latest_net_" + net + ".pth")).isRegularFile();
        }
        assertThat(run.resolve("loss_log.txt")).content().contains("rec_A: ").contains("D_B: ");
        assertThat(Files.exists(run.resolve("web").resolve("index.html"))).isTrue();

        try (Translator t = Translator.load(run.resolve("latest_net_G_A.pth"))) {
            assertThat(t.spec().netG()).isEqualTo("encoder_decoder_32");
            assertThat(t.spec().ngf()).isEqualTo(8);
            ImageData out = t.translate(new ImageData(3, 32, 32, new float[3 * 32 * 32], null, 8));
            assertThat(out.width()).isEqualTo(32);
            assertThat(out.height()).isEqualTo(32);
        }
    }
}
