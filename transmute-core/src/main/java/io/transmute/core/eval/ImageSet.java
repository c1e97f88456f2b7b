package io.transmute.core.eval;

import io.transmute.core.DataException;
import io.transmute.core.io.ImageCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The image files under a folder and its sub-folders, sorted by relative path.
 *
 * @param root the folder
 * @param files paths relative to {@code root}
 */
public record ImageSet(Path root, List<Path> files) {
    /** Copies the list. */
    public ImageSet {
        files = List.copyOf(files);
    }

    /**
     * @param dir a folder
     * @return its images (any of {@link ImageCodec#EXTENSIONS}, and {@code .ppm})
     * @throws DataException when it is not a folder or holds no images
     */
    public static ImageSet of(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new DataException(dir + ": " + (Files.exists(dir) ? "not a folder" : "no such folder")
                    + "; give a folder of images or an .npz statistics file");
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir, FileVisitOption.FOLLOW_LINKS)) {
            files = walk.filter(p -> isImage(p) && Files.isRegularFile(p)).map(dir::relativize)
                    .sorted(Comparator.comparing(Path::toString)).toList();
        } catch (IOException | UncheckedIOException e) {
            throw new DataException(dir + ": cannot list the folder (" + e.getMessage() + ")", e);
        }
        if (files.isEmpty()) {
            throw new DataException(dir + ": no images found (looked for " + String.join(", ",
                    ImageCodec.EXTENSIONS) + ", ppm in it and its sub-folders)");
        }
        return new ImageSet(dir, files);
    }

    /** @return how many images */
    public int size() {
        return files.size();
    }

    /**
     * @param i an index
     * @return the absolute path of image {@code i}
     */
    public Path path(int i) {
        return root.resolve(files.get(i));
    }

    /**
     * @param relative a relative path
     * @return it without its extension, the key by which paired images are matched ({@code a/x.jpg} and
     *     {@code a/x.png} pair)
     */
    public static String stem(Path relative) {
        String s = relative.toString().replace('\\', '/');
        int dot = s.lastIndexOf('.');
        return dot > s.lastIndexOf('/') ? s.substring(0, dot) : s;
    }

    private static boolean isImage(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1);
        return ImageCodec.EXTENSIONS.contains(ext) || ext.equals("ppm");
    }
}
