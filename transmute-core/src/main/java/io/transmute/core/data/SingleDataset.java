package io.transmute.core.data;

import io.transmute.core.random.Rng;
import java.nio.file.Path;

/** One domain, for running a generator one way: every image under {@code <dataroot>} itself, as the reference. */
final class SingleDataset extends FolderDataset {
    SingleDataset(DataOptions options, ImageSource source) {
        super(options, source, options.dataroot());
    }

    @Override
    public Sample get(int index, Rng rng) {
        Path path = files().get(index);
        Picture a = Transform.read(source(), path, options().channelsA());
        Transform.Params params = Transform.params(options(), a.width(), a.height(), rng);
        return new Sample(Transform.normalize(Transform.apply(a, options(), params, path)), null, path, null);
    }
}
