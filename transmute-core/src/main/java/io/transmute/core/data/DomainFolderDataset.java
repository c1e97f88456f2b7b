package io.transmute.core.data;

import io.transmute.core.DataException;
import io.transmute.core.random.Rng;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One sub-folder per domain, as torchvision's {@code ImageFolder} that the reference uses for RaFD: domains are
 * the sub-folders in sorted name order, and a sample's label is the one-hot vector of its domain.
 */
final class DomainFolderDataset implements Dataset {
    private final StarGanDataOptions options;
    private final ImageSource source;
    private final List<String> domains;
    private final List<Path> files = new ArrayList<>();
    private final List<Integer> classes = new ArrayList<>();

    DomainFolderDataset(StarGanDataOptions options, ImageSource source) {
        this.options = options;
        this.source = source;
        Path root = options.rafdImageDir();
        List<Path> dirs;
        try (Stream<Path> list = Files.list(root)) {
            dirs = list.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new DataException(root + ": cannot list the domain folders (" + e.getMessage() + "); give"
                    + " --rafd_image_dir a folder with one sub-folder of images per domain", e);
        }
        if (dirs.isEmpty()) {
            throw new DataException(root + ": no domain sub-folders; --rafd_image_dir expects <dir>/<domain>/*.jpg");
        }
        this.domains = dirs.stream().map(d -> d.getFileName().toString()).toList();
        for (int c = 0; c < dirs.size(); c++) {
            for (Path f : ImageFolder.list(dirs.get(c), Integer.MAX_VALUE, DatasetMode.SINGLE, dirs.get(c),
                    "train")) {
                files.add(f);
                classes.add(c);
            }
        }
    }

    /** @return the domain names, in class-index order */
    List<String> domains() {
        return domains;
    }

    @Override
    public int size() {
        return files.size();
    }

    @Override
    public Sample get(int index, Rng rng) {
        Path path = files.get(index);
        boolean flip = rng.nextDouble() < 0.5 && options.train();
        Picture p = Transform.read(source, path, 3);
        return new Sample(options.prepare(p, options.rafdCropSize(), flip), null, path, null, label(index));
    }

    float[] label(int index) {
        float[] label = new float[domains.size()];
        label[classes.get(index)] = 1f;
        return label;
    }

    @Override
    public DataOptions options() {
        return options.loaderOptions(options.rafdImageDir());
    }

    @Override
    public List<Path> files() {
        return List.copyOf(files);
    }
}
