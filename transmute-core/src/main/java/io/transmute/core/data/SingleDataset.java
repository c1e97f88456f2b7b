package io.transmute.core.data;

import io.transmute.core.random.Rng;
import java.nio.file.Path;
import java.util.List;

/** One domain, for running a generator one way: every image under {@code <dataroot>} itself, as the reference. */
final class SingleDataset implements Dataset {
    private final DataOptions options;
    private final ImageSource source;
    private final List<Path> files;

    SingleDataset(DataOptions options, ImageSource source) {
        this.options = options;
        this.source = source;
        this.files = ImageFolder.list(options.dataroot(), options.maxDatasetSize(), options.mode(),
                options.dataroot(), options.phase());
    }

    @Override
    public int size() {
        return files.size();
    }

    @Override
    public Sample get(int index, Rng rng) {
        Path path = files.get(index);
        Picture a = Transform.read(source, path, options.channelsA());
        Transform.Params params = Transform.params(options, a.width(), a.height(), rng);
        return new Sample(Transform.normalize(Transform.apply(a, options, params, path)), null, path, null);
    }

    @Override
    public DataOptions options() {
        return options;
    }

    @Override
    public List<Path> files() {
        return files;
    }
}
