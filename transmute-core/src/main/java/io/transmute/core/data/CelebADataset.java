package io.transmute.core.data;

import io.transmute.core.DataException;
import io.transmute.core.random.Rng;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CelebA images labelled with the selected attributes, split as yunjey/stargan's {@code CelebA.preprocess}:
 * the image lines are shuffled with Python's {@code random.seed(1234)} (reproduced exactly by
 * {@link PythonShuffle}), the first 1999 become the test split ({@code (i+1) < 2000}) and the rest the
 * training split.
 */
final class CelebADataset implements Dataset {
    /** The reference's seed for the split. */
    static final long SPLIT_SEED = 1234;
    /** Lines with {@code i + 1 < TEST_LIMIT} go to the test split, as the reference's comparison. */
    static final int TEST_LIMIT = 2000;

    private final StarGanDataOptions options;
    private final ImageSource source;
    private final List<AttributeFile.Row> rows;
    private final int[] columns;
    private final List<String> attrNames;

    CelebADataset(StarGanDataOptions options, ImageSource source) {
        this.options = options;
        this.source = source;
        AttributeFile file = AttributeFile.read(options.attrPath());
        this.columns = file.columns(options.selectedAttrs());
        this.attrNames = options.selectedAttrs();
        if (!Files.isDirectory(options.celebaImageDir())) {
            throw new DataException(options.celebaImageDir() + ": no such folder; give --celeba_image_dir the"
                    + " folder holding the images named in " + options.attrPath().getFileName());
        }
        List<AttributeFile.Row> shuffled = new ArrayList<>(file.rows());
        new PythonShuffle(SPLIT_SEED).shuffle(shuffled);
        int cut = Math.min(TEST_LIMIT - 1, shuffled.size());
        this.rows = List.copyOf(options.train() ? shuffled.subList(cut, shuffled.size()) : shuffled.subList(0, cut));
        if (rows.isEmpty()) {
            throw new DataException(options.attrPath() + ": " + file.rows().size() + " images leave no "
                    + (options.train() ? "training" : "test") + " images; the first " + (TEST_LIMIT - 1)
                    + " of the shuffled list are the test split, as in the reference");
        }
    }

    /** @return the split's attribute lines, in the order the reference holds them */
    List<AttributeFile.Row> rows() {
        return rows;
    }

    /** @return the selected attribute names, in label order */
    List<String> attrNames() {
        return attrNames;
    }

    @Override
    public int size() {
        return rows.size();
    }

    @Override
    public Sample get(int index, Rng rng) {
        AttributeFile.Row row = rows.get(index);
        Path path = options.celebaImageDir().resolve(row.file());
        boolean flip = rng.nextDouble() < 0.5 && options.train();
        Picture p = Transform.read(source, path, 3);
        return new Sample(options.prepare(p, options.celebaCropSize(), flip), null, path, null, label(row));
    }

    float[] label(AttributeFile.Row row) {
        float[] label = new float[columns.length];
        for (int i = 0; i < columns.length; i++) {
            label[i] = row.has(columns[i]) ? 1f : 0f;
        }
        return label;
    }

    @Override
    public DataOptions options() {
        return options.loaderOptions(options.celebaImageDir());
    }

    @Override
    public List<Path> files() {
        return rows.stream().map(r -> options.celebaImageDir().resolve(r.file())).toList();
    }
}
