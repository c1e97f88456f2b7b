package io.transmute.core.train;

import io.transmute.core.model.ModelOptions;
import java.nio.file.Path;

/**
 * A training process for {@link CheckpointCrashTest}: a tiny pix2pix that writes a checkpoint after every step
 * for many epochs and prints {@code saved <label> <total_iters>} after each, until it is killed.
 */
public final class TrainingProcessMain {
    private TrainingProcessMain() {
    }

    /**
     * @param args dataroot, checkpoints_dir, name
     */
    public static void main(String[] args) {
        TrainOptions.Builder b = new TrainOptions.Builder()
                .set(TrainOptions.DATAROOT, args[0])
                .set(TrainOptions.CHECKPOINTS_DIR, args[1])
                .set(TrainOptions.NAME, args[2])
                .set(TrainOptions.MODEL, "pix2pix")
                .set(ModelOptions.NET_G, "unet_32")
                .set(ModelOptions.NGF, 16)
                .set(ModelOptions.NDF, 8)
                .set(TrainOptions.LOAD_SIZE, 32)
                .set(TrainOptions.CROP_SIZE, 32)
                .set(TrainOptions.NUM_THREADS, 0)
                .set(TrainOptions.N_EPOCHS, 1000)
                .set(TrainOptions.N_EPOCHS_DECAY, 0)
                .set(TrainOptions.SAVE_LATEST_FREQ, 1)
                .set(TrainOptions.NO_HTML, true)
                .set(TrainOptions.THREADS, 1);
        Trainer.prepare(b).run(new TrainingListener() {
            @Override
            public void onCheckpoint(CheckpointInfo checkpoint) {
                System.out.println("saved " + checkpoint.tag() + " " + checkpoint.totalIters());
                System.out.flush();
            }
        });
    }
}
