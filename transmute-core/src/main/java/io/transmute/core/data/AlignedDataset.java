package io.transmute.core.data;

import io.transmute.core.DataException;
import io.transmute.core.random.Rng;
import java.nio.file.Path;

/** pix2pix pairs: each image in {@code <dataroot>/<phase>/} holds A on the left half and B on the right. */
final class AlignedDataset extends FolderDataset {
    AlignedDataset(DataOptions options, ImageSource source) {
        super(options, source, options.dataroot().resolve(options.phase()));
    }

    @Override
    public Sample get(int index, Rng rng) {
        Path path = files().get(index);
        Picture ab = Transform.read(source(), path, 3);
        int half = ab.width() / 2;
        if (half == 0) {
            throw new UnreadableImageException(path, new DataException(path + ": 1 pixel wide, so it cannot hold "
                    + "A and B side by side"));
        }
        // odd widths give B the extra column, as the reference's crop((w2, 0, w, h)) does
        Picture a = ab.crop(0, 0, half, ab.height());
        Picture b = ab.crop(half, 0, ab.width() - half, ab.height());
        if (options().channelsA() == 1) {
            a = a.toGray();
        }
        if (options().channelsB() == 1) {
            b = b.toGray();
        }
        Transform.Params params = Transform.params(options(), a.width(), a.height(), rng);
        return new Sample(Transform.normalize(Transform.apply(a, options(), params, path)),
                Transform.normalize(Transform.apply(b, options(), params, path)), path, path);
    }
}
