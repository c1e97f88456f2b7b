package io.transmute.core.data;

import io.transmute.core.DataException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/** Finds image files as the reference's {@code make_dataset}, and explains a wrong layout in one line. */
final class ImageFolder {
    /** The reference's IMG_EXTENSIONS, compared without case. */
    static final Set<String> EXTENSIONS = Set.of("jpg", "jpeg", "png", "ppm", "bmp", "tif", "tiff");

    private ImageFolder() {
    }

    static boolean isImage(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot >= 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /**
     * Image files under {@code dir} and its sub-folders, sorted by path, then cut to {@code max}. The reference
     * cuts before sorting, in directory-listing order, which differs between file systems; sorting first makes
     * the chosen subset the same everywhere.
     */
    static List<Path> list(Path dir, int max, DatasetMode mode, Path dataroot, String phase) {
        if (!Files.isDirectory(dir)) {
            throw new DataException(dir + ": " + (Files.exists(dir) ? "not a folder" : "no such folder") + "; "
                    + layout(mode, phase) + hint(mode, dataroot, phase));
        }
        List<Path> files;
        // follow links: dataset folders are often symlinks to shared storage, and an unfollowed start link
        // would be listed as a single non-image entry
        try (Stream<Path> walk = Files.walk(dir, FileVisitOption.FOLLOW_LINKS)) {
            files = walk.filter(p -> isImage(p) && Files.isRegularFile(p))
                    .sorted(Comparator.comparing(Path::toString))
                    .limit(max)
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            throw new DataException(dir + ": cannot list the folder (" + e.getMessage() + ")", e);
        }
        if (files.isEmpty()) {
            throw new DataException(dir + ": no images found; " + layout(mode, phase) + hint(mode, dataroot, phase));
        }
        return files;
    }

    static String layout(DatasetMode mode, String phase) {
        return switch (mode) {
            case ALIGNED -> "aligned mode expects <dataroot>/" + phase + "/*.jpg with A and B side by side (A|B)";
            case UNALIGNED -> "unaligned mode expects <dataroot>/" + phase + "A/*.jpg and <dataroot>/" + phase
                    + "B/*.jpg";
            case SINGLE -> "single mode expects the images directly in <dataroot> (or its sub-folders)";
            case COLORIZATION -> "colorization mode expects RGB images in <dataroot>/" + phase + "/";
        };
    }

    /** A pointer to the mode that the folder looks laid out for, when there is one. */
    private static String hint(DatasetMode mode, Path dataroot, String phase) {
        boolean pairFolders = Files.isDirectory(dataroot.resolve(phase + "A"))
                && Files.isDirectory(dataroot.resolve(phase + "B"));
        boolean phaseFolder = Files.isDirectory(dataroot.resolve(phase));
        return switch (mode) {
            case ALIGNED, COLORIZATION -> pairFolders ? "; found " + phase + "A/ and " + phase
                    + "B/, use --dataset_mode unaligned" : "";
            case UNALIGNED -> phaseFolder ? "; found " + phase + "/, use --dataset_mode aligned if it holds A|B "
                    + "pairs" : "";
            case SINGLE -> "";
        };
    }
}
