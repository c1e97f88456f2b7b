package io.transmute.core.data;

import io.transmute.core.InvalidOptionException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Everything that decides which images are read and how they are turned into batches. An instance is always
 * valid: the compact constructor rejects contradictory values with a one-line message naming the option.
 *
 * @param dataroot {@code --dataroot}
 * @param phase {@code --phase}: train, test, val... (sub-folder name)
 * @param mode {@code --dataset_mode}
 * @param direction {@code --direction}
 * @param inputNc {@code --input_nc}: channels of the input domain
 * @param outputNc {@code --output_nc}: channels of the output domain
 * @param loadSize {@code --load_size}: size images are scaled to before cropping
 * @param cropSize {@code --crop_size}: size of the random crop
 * @param preprocess {@code --preprocess}
 * @param noFlip {@code --no_flip}: no random horizontal flip
 * @param serialBatches {@code --serial_batches}: keep file order, and pair unaligned B by index
 * @param maxDatasetSize {@code --max_dataset_size}: at most this many files per folder
 *     ({@link Integer#MAX_VALUE} stands for the reference's inf)
 * @param batchSize {@code --batch_size}
 * @param numThreads {@code --num_threads}: background decoding threads, 0 to decode on the caller's thread
 */
public record DataOptions(Path dataroot, String phase, DatasetMode mode, Direction direction, int inputNc,
        int outputNc, int loadSize, int cropSize, Preprocess preprocess, boolean noFlip, boolean serialBatches,
        int maxDatasetSize, int batchSize, int numThreads) {

    /** Reference default of {@code --load_size}. */
    public static final int DEFAULT_LOAD_SIZE = 286;
    /** Reference default of {@code --crop_size}. */
    public static final int DEFAULT_CROP_SIZE = 256;
    /** Reference default of {@code --num_threads}. */
    public static final int DEFAULT_NUM_THREADS = 4;

    /** Rejects values the reference would fail on later, or silently misuse. */
    public DataOptions {
        if (dataroot == null) {
            throw new InvalidOptionException("--dataroot is required; give the folder that holds the images");
        }
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(preprocess, "preprocess");
        if (phase == null || phase.isBlank() || phase.contains("/") || phase.contains("\\")) {
            throw new InvalidOptionException("--phase '" + phase + "' must be a folder name such as train or test");
        }
        positive("--load_size", loadSize);
        positive("--crop_size", cropSize);
        positive("--batch_size", batchSize);
        positive("--max_dataset_size", maxDatasetSize);
        if (numThreads < 0) {
            throw new InvalidOptionException("--num_threads " + numThreads + " is negative; use 0 to load on the "
                    + "training thread or a positive count");
        }
        if (mode == DatasetMode.COLORIZATION) {
            if (inputNc != 1 || outputNc != 2 || direction != Direction.A_TO_B) {
                throw new InvalidOptionException("--dataset_mode colorization makes L -> ab pairs but got --input_nc "
                        + inputNc + " --output_nc " + outputNc + " --direction " + direction.cliName()
                        + "; use --input_nc 1 --output_nc 2 --direction AtoB");
            }
        } else {
            imageChannels("--input_nc", inputNc);
            imageChannels("--output_nc", outputNc);
        }
        boolean scalesFirst = preprocess == Preprocess.RESIZE_AND_CROP || preprocess == Preprocess.SCALE_WIDTH_AND_CROP;
        if (scalesFirst && cropSize > loadSize) {
            throw new InvalidOptionException("--crop_size " + cropSize + " is larger than --load_size " + loadSize
                    + "; use --crop_size <= --load_size or --preprocess crop");
        }
    }

    private static void positive(String option, int value) {
        if (value < 1) {
            throw new InvalidOptionException(option + " " + value + " must be at least 1");
        }
    }

    private static void imageChannels(String option, int value) {
        if (value != 1 && value != 3) {
            throw new InvalidOptionException(option + " " + value + " is not an image channel count; use 1 (gray) "
                    + "or 3 (RGB)");
        }
    }

    /**
     * The reference defaults for a mode: phase train, AtoB, 3 to 3 channels (1 to 2 for colorization), load 286,
     * crop 256, resize_and_crop, flips on, shuffled, no size limit, batch 1, 4 loader threads.
     *
     * @param dataroot the dataset folder
     * @param mode the dataset layout
     * @return valid options
     */
    public static DataOptions defaults(Path dataroot, DatasetMode mode) {
        boolean color = mode == DatasetMode.COLORIZATION;
        return new DataOptions(dataroot, "train", mode, Direction.A_TO_B, color ? 1 : 3, color ? 2 : 3,
                DEFAULT_LOAD_SIZE, DEFAULT_CROP_SIZE, Preprocess.RESIZE_AND_CROP, false, false, Integer.MAX_VALUE, 1,
                DEFAULT_NUM_THREADS);
    }

    /**
     * @param value the new {@code --phase}
     * @return a copy with that value
     */
    public DataOptions withPhase(String value) {
        return new DataOptions(dataroot, value, mode, direction, inputNc, outputNc, loadSize, cropSize, preprocess,
                noFlip, serialBatches, maxDatasetSize, batchSize, numThreads);
    }

    /**
     * @param value the new {@code --direction}
     * @return a copy with that value
     */
    public DataOptions withDirection(Direction value) {
        return new DataOptions(dataroot, phase, mode, value, inputNc, outputNc, loadSize, cropSize, preprocess,
                noFlip, serialBatches, maxDatasetSize, batchSize, numThreads);
    }

    /**
     * @param in the new {@code --input_nc}
     * @param out the new {@code --output_nc}
     * @return a copy with those values
     */
    public DataOptions withChannels(int in, int out) {
        return new DataOptions(dataroot, phase, mode, direction, in, out, loadSize, cropSize, preprocess,
                noFlip, serialBatches, maxDatasetSize, batchSize, numThreads);
    }

    /**
     * @param value the new {@code --preprocess}
     * @param load the new {@code --load_size}
     * @param crop the new {@code --crop_size}
     * @return a copy with those values
     */
    public DataOptions withPreprocess(Preprocess value, int load, int crop) {
        return new DataOptions(dataroot, phase, mode, direction, inputNc, outputNc, load, crop, value,
                noFlip, serialBatches, maxDatasetSize, batchSize, numThreads);
    }

    /**
     * @param value the new {@code --no_flip}
     * @return a copy with that value
     */
    public DataOptions withNoFlip(boolean value) {
        return new DataOptions(dataroot, phase, mode, direction, inputNc, outputNc, loadSize, cropSize, preprocess,
                value, serialBatches, maxDatasetSize, batchSize, numThreads);
    }

    /**
     * @param value the new {@code --serial_batches}
     * @return a copy with that value
     */
    public DataOptions withSerialBatches(boolean value) {
        return new DataOptions(dataroot, phase, mode, direction, inputNc, outputNc, loadSize, cropSize, preprocess,
                noFlip, value, maxDatasetSize, batchSize, numThreads);
    }

    /**
     * @param value the new {@code --max_dataset_size}
     * @return a copy with that value
     */
    public DataOptions withMaxDatasetSize(int value) {
        return new DataOptions(dataroot, phase, mode, direction, inputNc, outputNc, loadSize, cropSize, preprocess,
                noFlip, serialBatches, value, batchSize, numThreads);
    }

    /**
     * @param size the new {@code --batch_size}
     * @param threads the new {@code --num_threads}
     * @return a copy with those values
     */
    public DataOptions withLoading(int size, int threads) {
        return new DataOptions(dataroot, phase, mode, direction, inputNc, outputNc, loadSize, cropSize, preprocess,
                noFlip, serialBatches, maxDatasetSize, size, threads);
    }

    /** @return channels read for domain A: input_nc, or output_nc when B is the input */
    public int channelsA() {
        return direction == Direction.B_TO_A ? outputNc : inputNc;
    }

    /** @return channels read for domain B: output_nc, or input_nc when B is the input */
    public int channelsB() {
        return direction == Direction.B_TO_A ? inputNc : outputNc;
    }
}
