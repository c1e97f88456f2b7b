package io.transmute.core.data;

import io.transmute.core.random.Rng;
import java.nio.file.Path;
import java.util.List;

/**
 * Random access to the samples of one dataset folder. Implementations hold only the file list; each
 * {@link #get} decodes from disk, so calls from several loader threads are safe.
 */
public interface Dataset {
    /** @return the number of samples per epoch, before {@code --max_dataset_size} is applied by the loader */
    int size();

    /**
     * Decodes and augments one sample. Every random choice (crop, flip, unpaired B) is drawn from {@code rng},
     * so equal generators give equal samples.
     *
     * @param index 0 to {@link #size()} - 1
     * @param rng the sample's own generator
     * @return the sample
     * @throws UnreadableImageException if a file cannot be decoded (the loader skips it)
     */
    Sample get(int index, Rng rng);

    /** @return the options this dataset was opened with */
    DataOptions options();

    /** @return every file the dataset reads, A folder first, each sorted; for fingerprints and messages */
    List<Path> files();

    /**
     * Opens the dataset the options describe, decoding with the built-in {@link ImageSource#imageIo()}.
     *
     * @param options validated data options
     * @return the dataset
     * @throws io.transmute.core.DataException if a folder is missing or holds no images; the message shows the
     *     layout the mode expects
     */
    static Dataset open(DataOptions options) {
        return open(options, ImageSource.imageIo());
    }

    /**
     * Opens the dataset the options describe.
     *
     * @param options validated data options
     * @param source the decoder
     * @return the dataset
     * @throws io.transmute.core.DataException if a folder is missing or holds no images
     */
    static Dataset open(DataOptions options, ImageSource source) {
        return switch (options.mode()) {
            case ALIGNED -> new AlignedDataset(options, source);
            case UNALIGNED -> new UnalignedDataset(options, source);
            case SINGLE -> new SingleDataset(options, source);
            case COLORIZATION -> new ColorizationDataset(options, source);
        };
    }
}
