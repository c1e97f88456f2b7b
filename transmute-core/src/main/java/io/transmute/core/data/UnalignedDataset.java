package io.transmute.core.data;

import io.transmute.core.random.Rng;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CycleGAN's unpaired domains in {@code <dataroot>/<phase>A/} and {@code <dataroot>/<phase>B/}. A is taken in
 * order; B is drawn at random, or by {@code index % size(B)} with serial batches, so the smaller domain never
 * limits the epoch. A and B each get their own crop and flip.
 */
final class UnalignedDataset implements Dataset {
    private final DataOptions options;
    private final ImageSource source;
    private final List<Path> filesA;
    private final List<Path> filesB;

    UnalignedDataset(DataOptions options, ImageSource source) {
        this.options = options;
        this.source = source;
        Path root = options.dataroot();
        this.filesA = ImageFolder.list(root.resolve(options.phase() + "A"), options.maxDatasetSize(), options.mode(),
                root, options.phase());
        this.filesB = ImageFolder.list(root.resolve(options.phase() + "B"), options.maxDatasetSize(), options.mode(),
                root, options.phase());
    }

    @Override
    public int size() {
        return Math.max(filesA.size(), filesB.size());
    }

    @Override
    public Sample get(int index, Rng rng) {
        Path pathA = filesA.get(index % filesA.size());
        int indexB = options.serialBatches() ? index % filesB.size() : rng.nextInt(filesB.size());
        Path pathB = filesB.get(indexB);
        Picture a = Transform.read(source, pathA, options.channelsA());
        Picture b = Transform.read(source, pathB, options.channelsB());
        Transform.Params paramsA = Transform.params(options, a.width(), a.height(), rng);
        Transform.Params paramsB = Transform.params(options, b.width(), b.height(), rng);
        return new Sample(Transform.normalize(Transform.apply(a, options, paramsA, pathA)),
                Transform.normalize(Transform.apply(b, options, paramsB, pathB)), pathA, pathB);
    }

    @Override
    public DataOptions options() {
        return options;
    }

    @Override
    public List<Path> files() {
        List<Path> all = new ArrayList<>(filesA);
        all.addAll(filesB);
        return List.copyOf(all);
    }
}
