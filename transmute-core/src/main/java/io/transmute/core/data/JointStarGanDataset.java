package io.transmute.core.data;

import io.transmute.core.random.Rng;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --dataset Both}: each sample pairs a CelebA image (A) with a RaFD image (B), and its label is the
 * CelebA attributes followed by the RaFD one-hot vector. The reference iterates two independent loaders and
 * trains on one batch of each per iteration; here the epoch follows CelebA and the RaFD image is drawn at
 * random from the sample's generator, so one batch feeds both halves of an iteration.
 */
final class JointStarGanDataset implements Dataset {
    private static final long RAFD_KEY = 1;

    private final StarGanDataOptions options;
    private final CelebADataset celeba;
    private final DomainFolderDataset rafd;

    JointStarGanDataset(StarGanDataOptions options, CelebADataset celeba, DomainFolderDataset rafd) {
        this.options = options;
        this.celeba = celeba;
        this.rafd = rafd;
    }

    @Override
    public int size() {
        return celeba.size();
    }

    @Override
    public Sample get(int index, Rng rng) {
        Sample a = celeba.get(index, rng);
        Rng r = rng.split(RAFD_KEY);
        Sample b = rafd.get(r.nextInt(rafd.size()), r);
        float[] label = new float[a.label().length + b.label().length];
        System.arraycopy(a.label(), 0, label, 0, a.label().length);
        System.arraycopy(b.label(), 0, label, a.label().length, b.label().length);
        return new Sample(a.a(), b.a(), a.aPath(), b.aPath(), label);
    }

    @Override
    public DataOptions options() {
        return options.loaderOptions(options.celebaImageDir());
    }

    @Override
    public List<Path> files() {
        List<Path> all = new ArrayList<>(celeba.files());
        all.addAll(rafd.files());
        return all;
    }
}
