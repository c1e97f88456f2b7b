package io.transmute.core.testing;

import io.transmute.core.model.ModelOptions;
import io.transmute.core.train.TrainOptions;
import java.nio.file.Path;

/** The small training runs tests start from; a test changes the few options it is about with {@code set}. */
public final class TinyRuns {
    private TinyRuns() {
    }

    /**
     * Tiny pix2pix: U-Net 32 with dropout and batch norm, 36 px images cropped to 32, batch 2, 2 + 1 epochs, one
     * thread, seed 7; loss lines every 2 samples, visuals every 4, {@code latest} every 6, a checkpoint per epoch.
     *
     * @param data an aligned dataset
     * @param checkpoints {@code --checkpoints_dir}
     * @param name {@code --name}
     * @return the options, as given
     */
    public static TrainOptions.Builder pix2pix(Path data, Path checkpoints, String name) {
        return run(data, checkpoints, name, "pix2pix")
                .set(ModelOptions.NET_G, "unet_32")
                .set(TrainOptions.LOAD_SIZE, 36)
                .set(TrainOptions.CROP_SIZE, 32)
                .set(TrainOptions.BATCH_SIZE, 2)
                .set(TrainOptions.NUM_THREADS, 2)
                .set(TrainOptions.N_EPOCHS, 2)
                .set(TrainOptions.N_EPOCHS_DECAY, 1)
                .set(TrainOptions.PRINT_FREQ, 2)
                .set(TrainOptions.DISPLAY_FREQ, 4)
                .set(TrainOptions.SAVE_LATEST_FREQ, 6)
                .set(TrainOptions.SAVE_EPOCH_FREQ, 1)
                .set(TrainOptions.THREADS, 1)
                .set(TrainOptions.SEED, 7L);
    }

    /**
     * @param data the dataset
     * @param checkpoints {@code --checkpoints_dir}
     * @param name {@code --name}
     * @param model {@code --model}
     * @return the options every tiny run shares: the folders, the model, 8 generator and discriminator filters
     */
    public static TrainOptions.Builder run(Path data, Path checkpoints, String name, String model) {
        return new TrainOptions.Builder()
                .set(TrainOptions.DATAROOT, data.toString())
                .set(TrainOptions.CHECKPOINTS_DIR, checkpoints.toString())
                .set(TrainOptions.NAME, name)
                .set(TrainOptions.MODEL, model)
                .set(ModelOptions.NGF, 8)
                .set(ModelOptions.NDF, 8);
    }
}
