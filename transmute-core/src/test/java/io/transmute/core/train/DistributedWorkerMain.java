package io.transmute.core.train;

import io.transmute.core.TransmuteException;
import io.transmute.core.data.Preprocess;
import io.transmute.core.dist.Backend;
import io.transmute.core.dist.DistOptions;
import io.transmute.core.dist.DistributedContext;
import io.transmute.core.model.ModelOptions;
import io.transmute.core.nn.NormType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * One rank of a data-parallel run for {@link DistributedTrainingTest}: a tiny pix2pix (no normalisation) or
 * CycleGAN (instance norm), started
 * with {@code model dataroot checkpoints_dir name max_iters fresh|continue timeout_s} and the rank options that
 * {@code WorkerLauncher} appends. Errors end it as the CLI does: one line on stderr, exit code 1.
 */
public final class DistributedWorkerMain {
    private DistributedWorkerMain() {
    }

    /**
     * @param args see the class comment
     */
    public static void main(String[] args) {
        List<String> a = Arrays.asList(args);
        int url = a.indexOf("--dist_url");
        DistOptions dist = DistOptions.fromUrl(a.get(url + 1), Integer.parseInt(a.get(a.indexOf("--world_size") + 1)),
                Integer.parseInt(a.get(a.indexOf("--rank") + 1)), Backend.GLOO,
                Duration.ofSeconds(Long.parseLong(a.get(6))));
        try {
            TrainOptions.Builder b = a.get(5).equals("continue")
                    ? new TrainOptions.Builder().set(TrainOptions.CHECKPOINTS_DIR, a.get(2))
                            .set(TrainOptions.NAME, a.get(3)).set(TrainOptions.CONTINUE_TRAIN, true)
                    : options(a.get(0), Path.of(a.get(1)), Path.of(a.get(2)), a.get(3), 1);
            b.set(TrainOptions.MAX_ITERS, Long.parseLong(a.get(4)));
            Trainer trainer = Trainer.prepare(b);
            try (DistributedContext context = DistributedContext.join(dist)) {
                trainer.distributed(context).run(new TrainingListener() { });
            }
        } catch (TransmuteException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }
        System.exit(0);
    }

    /**
     * The tiny runs of the test: no batch norm (pix2pix none, so that no bias feeds a normalisation and gets a
     * gradient of pure rounding noise that Adam would blow up to a full step; CycleGAN instance), no dropout,
     * serial batches, a checkpoint every 2 samples.
     *
     * @param model {@code pix2pix} or {@code cycle_gan}
     * @param data the data set
     * @param checkpoints {@code --checkpoints_dir}
     * @param name {@code --name}
     * @param batchSize {@code --batch_size}, per process
     * @return the options
     */
    static TrainOptions.Builder options(String model, Path data, Path checkpoints, String name, int batchSize) {
        TrainOptions.Builder b = new TrainOptions.Builder()
                .set(TrainOptions.DATAROOT, data.toString())
                .set(TrainOptions.CHECKPOINTS_DIR, checkpoints.toString())
                .set(TrainOptions.NAME, name)
                .set(TrainOptions.MODEL, model)
                .set(ModelOptions.NGF, 8)
                .set(ModelOptions.NDF, 8)
                .set(ModelOptions.NORM, model.equals("pix2pix") ? NormType.NONE : NormType.INSTANCE)
                .set(ModelOptions.NO_DROPOUT, true)
                .set(TrainOptions.SERIAL_BATCHES, true)
                .set(TrainOptions.BATCH_SIZE, batchSize)
                .set(TrainOptions.NUM_THREADS, 0)
                .set(TrainOptions.N_EPOCHS, 50)
                .set(TrainOptions.N_EPOCHS_DECAY, 0)
                .set(TrainOptions.SAVE_LATEST_FREQ, 2)
                .set(TrainOptions.NO_HTML, true)
                .set(TrainOptions.THREADS, 1)
                .set(TrainOptions.SEED, 5L);
        if (model.equals("pix2pix")) {
            b.set(ModelOptions.NET_G, "unet_32").set(TrainOptions.LOAD_SIZE, 36).set(TrainOptions.CROP_SIZE, 32);
        } else {
            b.set(ModelOptions.NET_G, "resnet_1blocks").set(ModelOptions.POOL_SIZE, 3)
                    .set(TrainOptions.PREPROCESS, Preprocess.CROP)
                    .set(TrainOptions.CROP_SIZE, 24);
        }
        return b;
    }
}
