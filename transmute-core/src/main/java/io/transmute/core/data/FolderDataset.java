package io.transmute.core.data;

import java.nio.file.Path;
import java.util.List;

/** A dataset whose samples are the images of one folder, one sample per file, in {@link ImageFolder}'s order. */
abstract class FolderDataset implements Dataset {
    private final DataOptions options;
    private final ImageSource source;
    private final List<Path> files;

    /**
     * @param options the data options; {@code maxDatasetSize} caps the listing
     * @param source where the images are read from
     * @param folder the folder whose images, below it at any depth, are the samples
     */
    FolderDataset(DataOptions options, ImageSource source, Path folder) {
        this.options = options;
        this.source = source;
        this.files = ImageFolder.list(folder, options.maxDatasetSize(), options.mode(), options.dataroot(),
                options.phase());
    }

    /** @return where the images are read from */
    final ImageSource source() {
        return source;
    }

    @Override
    public final int size() {
        return files.size();
    }

    @Override
    public final DataOptions options() {
        return options;
    }

    @Override
    public final List<Path> files() {
        return files;
    }
}
