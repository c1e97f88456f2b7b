package io.transmute.core.data;

import io.transmute.core.InvalidOptionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Where StarGAN's images and labels come from and how they are prepared, as yunjey/stargan
 * {@code data_loader.get_loader}: random horizontal flip (training only), center crop, bilinear resize to
 * {@code --image_size}, normalisation to [-1, 1].
 *
 * @param kind {@code --dataset}
 * @param celebaImageDir {@code --celeba_image_dir} (CelebA, Both)
 * @param attrPath {@code --attr_path} (CelebA, Both)
 * @param rafdImageDir {@code --rafd_image_dir}: one sub-folder per domain (RaFD, Both)
 * @param selectedAttrs {@code --selected_attrs} (CelebA, Both)
 * @param celebaCropSize {@code --celeba_crop_size}
 * @param rafdCropSize {@code --rafd_crop_size}
 * @param imageSize {@code --image_size}
 * @param train {@code --mode train}: the CelebA training split, shuffled, flipped; otherwise the test split in
 *     file order without flips
 * @param batchSize {@code --batch_size}
 * @param numThreads {@code --num_workers}
 */
public record StarGanDataOptions(StarGanDatasetKind kind, Path celebaImageDir, Path attrPath, Path rafdImageDir,
        List<String> selectedAttrs, int celebaCropSize, int rafdCropSize, int imageSize, boolean train,
        int batchSize, int numThreads) {
    /** The reference's {@code --selected_attrs} default. */
    public static final List<String> DEFAULT_ATTRS =
            List.of("Black_Hair", "Blond_Hair", "Brown_Hair", "Male", "Young");

    /** Rejects missing folders for the chosen kind and sizes below 1. */
    public StarGanDataOptions {
        Objects.requireNonNull(kind, "kind");
        selectedAttrs = List.copyOf(selectedAttrs);
        boolean celeba = kind != StarGanDatasetKind.RAFD;
        boolean rafd = kind != StarGanDatasetKind.CELEBA;
        if (celeba && (celebaImageDir == null || attrPath == null)) {
            throw new InvalidOptionException("--dataset " + kind.cliName() + " needs --celeba_image_dir and "
                    + "--attr_path");
        }
        if (celeba && selectedAttrs.isEmpty()) {
            throw new InvalidOptionException("--selected_attrs is empty; name at least one attribute, e.g. "
                    + String.join(" ", DEFAULT_ATTRS));
        }
        if (rafd && rafdImageDir == null) {
            throw new InvalidOptionException("--dataset " + kind.cliName() + " needs --rafd_image_dir");
        }
        positive("--celeba_crop_size", celebaCropSize);
        positive("--rafd_crop_size", rafdCropSize);
        positive("--image_size", imageSize);
        positive("--batch_size", batchSize);
        if (numThreads < 0) {
            throw new InvalidOptionException("--num_workers " + numThreads + " is negative");
        }
    }

    /**
     * The domain names a folder-per-domain dataset ({@code --dataset RaFD}) takes from its sub-folders, in the
     * class-index order of torchvision's {@code ImageFolder}: sorted by name.
     *
     * @param rafdImageDir {@code --rafd_image_dir}
     * @return the sub-folder names; empty when the folder is missing or unreadable (opening the dataset then says
     *     why)
     */
    public static List<String> domainNames(Path rafdImageDir) {
        try (Stream<Path> list = Files.list(rafdImageDir)) {
            return list.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /**
     * The reference's test-time transform of a StarGAN image without the flip: {@code CenterCrop(cropSize)}
     * (torchvision rounds the offset half to even, as {@code rint}; a crop larger than the image pads with 0),
     * then a bilinear {@code Resize(imageSize)}.
     *
     * @param p the decoded image, samples in [0, 1]
     * @param cropSize {@code --celeba_crop_size} or {@code --rafd_crop_size}
     * @param imageSize {@code --image_size}
     * @return the image as the generator saw its training images, samples in [0, 1]
     */
    public static Picture centerCropThenResize(Picture p, int cropSize, int imageSize) {
        int top = (int) Math.rint((p.height() - cropSize) / 2.0);
        int left = (int) Math.rint((p.width() - cropSize) / 2.0);
        return BicubicResampler.resizeBilinear(p.crop(left, top, cropSize, cropSize), imageSize, imageSize);
    }

    private static void positive(String option, int value) {
        if (value < 1) {
            throw new InvalidOptionException(option + " " + value + " must be at least 1");
        }
    }

    /**
     * The reference defaults for one dataset kind: crops 178 and 256, images 128, training mode, batch 16,
     * one loader thread, the default attributes.
     *
     * @param kind {@code --dataset}
     * @param celebaImageDir CelebA images, or null for RaFD
     * @param attrPath the attribute file, or null for RaFD
     * @param rafdImageDir domain folders, or null for CelebA
     * @return valid options
     */
    public static StarGanDataOptions defaults(StarGanDatasetKind kind, Path celebaImageDir, Path attrPath,
            Path rafdImageDir) {
        return new StarGanDataOptions(kind, celebaImageDir, attrPath, rafdImageDir, DEFAULT_ATTRS, 178, 256, 128,
                true, 16, 1);
    }

    /**
     * @param size {@code --image_size}
     * @param celebaCrop {@code --celeba_crop_size}
     * @param rafdCrop {@code --rafd_crop_size}
     * @return a copy with these sizes
     */
    public StarGanDataOptions withSizes(int size, int celebaCrop, int rafdCrop) {
        return new StarGanDataOptions(kind, celebaImageDir, attrPath, rafdImageDir, selectedAttrs, celebaCrop,
                rafdCrop, size, train, batchSize, numThreads);
    }

    /**
     * @param isTrain training split with flips, or test split
     * @param batch {@code --batch_size}
     * @return a copy with these values
     */
    public StarGanDataOptions withMode(boolean isTrain, int batch) {
        return new StarGanDataOptions(kind, celebaImageDir, attrPath, rafdImageDir, selectedAttrs, celebaCropSize,
                rafdCropSize, imageSize, isTrain, batch, numThreads);
    }

    /**
     * @param attrs {@code --selected_attrs}
     * @return a copy with these attributes
     */
    public StarGanDataOptions withSelectedAttrs(List<String> attrs) {
        return new StarGanDataOptions(kind, celebaImageDir, attrPath, rafdImageDir, attrs, celebaCropSize,
                rafdCropSize, imageSize, train, batchSize, numThreads);
    }

    /**
     * Opens the dataset. Its samples carry labels: the selected attributes as 0/1 (CelebA), a one-hot domain
     * vector (RaFD), or both concatenated (Both: A is the CelebA image, B a RaFD image).
     *
     * @return the dataset
     * @throws io.transmute.core.DataException for a missing or malformed attribute file or folder
     * @throws InvalidOptionException for a selected attribute the file lacks
     */
    public Dataset open() {
        return open(ImageSource.imageIo());
    }

    /**
     * Opens the dataset with a given decoder.
     *
     * @param source the decoder
     * @return the dataset
     */
    public Dataset open(ImageSource source) {
        return switch (kind) {
            case CELEBA -> new CelebADataset(this, source);
            case RAFD -> new DomainFolderDataset(this, source);
            case BOTH -> new JointStarGanDataset(this, new CelebADataset(this, source),
                    new DomainFolderDataset(this, source));
        };
    }

    /**
     * The loader settings as {@link DataOptions}, which {@link DataLoader} reads (batch size, threads, shuffle).
     * The mode and sizes in it only satisfy its checks: StarGAN's datasets do their own preprocessing.
     *
     * @param root the folder reported in messages
     * @return loader options
     */
    DataOptions loaderOptions(Path root) {
        return new DataOptions(root, train ? "train" : "test", DatasetMode.SINGLE, Direction.A_TO_B, 3, 3, imageSize,
                imageSize, Preprocess.NONE, !train, !train, Integer.MAX_VALUE, batchSize, numThreads);
    }

    /**
     * The reference's transform for one image: flip first (training only), then center crop, bilinear resize
     * and normalisation. torchvision's {@code CenterCrop} rounds the offset half to even, as {@code rint}.
     */
    ImagePlane prepare(Picture p, int cropSize, boolean flip) {
        Picture q = flip ? p.flipHorizontal() : p;
        return Transform.normalize(centerCropThenResize(q, cropSize, imageSize));
    }
}
