package io.transmute.cli;

import io.transmute.core.data.DatasetMode;
import io.transmute.core.data.Direction;
import io.transmute.core.data.Preprocess;
import io.transmute.core.model.ModelOptions;
import io.transmute.core.model.OptionKey;
import io.transmute.core.nn.DiscriminatorType;
import io.transmute.core.nn.InitType;
import io.transmute.core.nn.NormType;
import io.transmute.core.train.TrainOptions;
import java.util.function.Function;
import picocli.CommandLine.Option;

/**
 * The reference's base options ({@code options/base_options.py}) shared by {@code train} and {@code test}.
 * Every field stays null unless given, so the model's defaults apply only to options the user did not give.
 */
public final class BaseOptionsMixin {
    @Option(names = "--dataroot", paramLabel = "DIR",
            description = "Path to images (should have subfolders trainA, trainB, valA, valB, etc., or train/test "
                    + "for aligned pairs).")
    String dataroot;

    @Option(names = "--name", paramLabel = "NAME",
            description = "Name of the experiment; decides where to store samples and models (default: "
                    + "experiment_name).")
    String name;

    @Option(names = "--checkpoints_dir", paramLabel = "DIR",
            description = "Models are saved here (default: ./checkpoints).")
    String checkpointsDir;

    @Option(names = "--model", paramLabel = "MODEL", completionCandidates = ModelNames.class,
            description = "Which model to use: ${COMPLETION-CANDIDATES} (default: cycle_gan).")
    String model;

    @Option(names = "--input_nc", paramLabel = "N",
            description = "Input image channels: 3 for RGB, 1 for grayscale (default: 3).")
    Integer inputNc;

    @Option(names = "--output_nc", paramLabel = "N",
            description = "Output image channels: 3 for RGB, 1 for grayscale (default: 3).")
    Integer outputNc;

    @Option(names = "--ngf", paramLabel = "N", description = "Generator filters in the last conv layer (default: 64).")
    Integer ngf;

    @Option(names = "--ndf", paramLabel = "N",
            description = "Discriminator filters in the first conv layer (default: 64).")
    Integer ndf;

    @Option(names = "--netG", paramLabel = "ARCH",
            description = "Generator: resnet_9blocks, resnet_6blocks, unet_256, unet_128, encoder_decoder (the U-Net"
                    + " without skips), or any resnet_<n>blocks / unet_<2^n> / encoder_decoder_<2^n> (default:"
                    + " resnet_9blocks; pix2pix: unet_256; discogan: encoder_decoder_64).")
    String netG;

    @Option(names = "--netD", paramLabel = "ARCH",
            description = "Discriminator: basic (70x70 PatchGAN), n_layers, pixel (default: basic).")
    String netD;

    @Option(names = "--n_layers_D", paramLabel = "N", description = "Layers of the n_layers discriminator (default: 3).")
    Integer nLayersD;

    @Option(names = "--norm", paramLabel = "NORM",
            description = "Normalization: instance, batch, none (default: instance; pix2pix: batch).")
    String norm;

    @Option(names = "--init_type", paramLabel = "TYPE",
            description = "Weight initialization: normal, xavier, kaiming, orthogonal (default: normal).")
    String initType;

    @Option(names = "--init_gain", paramLabel = "X",
            description = "Scaling factor for normal, xavier and orthogonal (default: 0.02).")
    Double initGain;

    @Option(names = "--no_dropout", description = "No dropout for the generator (cycle_gan: no dropout by default).")
    Boolean noDropout;

    @Option(names = "--dataset_mode", paramLabel = "MODE",
            description = "How datasets are loaded: unaligned, aligned, single, colorization (default: unaligned; "
                    + "pix2pix: aligned).")
    String datasetMode;

    @Option(names = "--direction", paramLabel = "DIR", description = "AtoB or BtoA (default: AtoB).")
    String direction;

    @Option(names = "--serial_batches",
            description = "Take images in order to make batches; otherwise take them randomly.")
    Boolean serialBatches;

    @Option(names = "--num_threads", paramLabel = "N", description = "Threads for loading data (default: 4).")
    Integer numThreads;

    @Option(names = "--batch_size", paramLabel = "N",
            description = "Input batch size (default: 1; style_transfer: 4).")
    Integer batchSize;

    @Option(names = "--load_size", paramLabel = "PX",
            description = "Scale images to this size (default: 286; style_transfer: 256).")
    Integer loadSize;

    @Option(names = "--crop_size", paramLabel = "PX", description = "Then crop to this size (default: 256).")
    Integer cropSize;

    @Option(names = "--max_dataset_size", paramLabel = "N",
            description = "Maximum number of samples allowed per dataset; fewer are loaded if the folder holds "
                    + "more (default: unlimited).")
    Integer maxDatasetSize;

    @Option(names = "--preprocess", paramLabel = "MODE",
            description = "Scaling and cropping at load time: resize_and_crop, crop, scale_width, "
                    + "scale_width_and_crop, none (default: resize_and_crop).")
    String preprocess;

    @Option(names = "--no_flip", description = "Do not flip the images for data augmentation.")
    Boolean noFlip;

    @Option(names = "--display_winsize", paramLabel = "PX",
            description = "Display width of images on the HTML pages (default: 256).")
    Integer displayWinsize;

    @Option(names = "--epoch", paramLabel = "EPOCH",
            description = "Which epoch to load: latest, or an epoch number (default: latest).")
    String epoch;

    @Option(names = "--load_iter", paramLabel = "N",
            description = "Which iteration to load; if above 0, load iter_<N> instead of --epoch (default: 0).")
    Integer loadIter;

    @Option(names = "--suffix", paramLabel = "FMT",
            description = "Customized suffix appended to --name, e.g. {model}_{netG}_size{load_size}.")
    String suffix;

    /**
     * Copies the given options into a builder; options not given are left out.
     *
     * @param b the builder
     * @return {@code b}
     */
    TrainOptions.Builder applyTo(TrainOptions.Builder b) {
        put(b, TrainOptions.DATAROOT, dataroot);
        put(b, TrainOptions.NAME, name);
        put(b, TrainOptions.CHECKPOINTS_DIR, checkpointsDir);
        put(b, TrainOptions.MODEL, model);
        put(b, ModelOptions.INPUT_NC, inputNc);
        put(b, ModelOptions.OUTPUT_NC, outputNc);
        put(b, ModelOptions.NGF, ngf);
        put(b, ModelOptions.NDF, ndf);
        put(b, ModelOptions.NET_G, netG);
        put(b, ModelOptions.NET_D, parse(netD, DiscriminatorType::parse));
        put(b, ModelOptions.N_LAYERS_D, nLayersD);
        put(b, ModelOptions.NORM, parse(norm, NormType::parse));
        put(b, ModelOptions.INIT_TYPE, parse(initType, InitType::parse));
        put(b, ModelOptions.INIT_GAIN, initGain);
        put(b, ModelOptions.NO_DROPOUT, noDropout);
        put(b, ModelOptions.DATASET_MODE, parse(datasetMode, DatasetMode::fromCliName));
        put(b, TrainOptions.DIRECTION, parse(direction, Direction::fromCliName));
        put(b, TrainOptions.SERIAL_BATCHES, serialBatches);
        put(b, TrainOptions.NUM_THREADS, numThreads);
        put(b, TrainOptions.BATCH_SIZE, batchSize);
        put(b, TrainOptions.LOAD_SIZE, loadSize);
        put(b, TrainOptions.CROP_SIZE, cropSize);
        put(b, TrainOptions.MAX_DATASET_SIZE, maxDatasetSize);
        put(b, TrainOptions.PREPROCESS, parse(preprocess, Preprocess::fromCliName));
        put(b, TrainOptions.NO_FLIP, noFlip);
        put(b, TrainOptions.DISPLAY_WINSIZE, displayWinsize);
        put(b, TrainOptions.EPOCH, epoch);
        put(b, TrainOptions.LOAD_ITER, loadIter);
        put(b, TrainOptions.SUFFIX, suffix);
        return b;
    }

    static <T> void put(TrainOptions.Builder b, OptionKey<T> key, T value) {
        if (value != null) {
            b.set(key, value);
        }
    }

    static <T> T parse(String value, Function<String, T> parser) {
        return value == null ? null : parser.apply(value);
    }
}
