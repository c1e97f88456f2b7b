package io.transmute.core.infer;

import io.transmute.core.DataException;
import io.transmute.core.io.ImageCodec;
import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Expands what a user names on the command line (files, folders searched recursively, glob patterns) into
 * the images and arrays to translate, each with the relative path its output keeps.
 */
public final class InputFiles {
    /** File extensions that translate reads: the image formats plus {@code .npy} arrays. */
    public static final List<String> EXTENSIONS;

    static {
        List<String> ext = new ArrayList<>(ImageCodec.EXTENSIONS);
        ext.add("npy");
        EXTENSIONS = List.copyOf(ext);
    }

    private InputFiles() {
    }

    /**
     * One input and where its output goes relative to the output folder.
     *
     * @param path the input file
     * @param relative its path relative to the folder or glob root it was found under (its name alone for a
     *     file named directly)
     * @param folder the folder or glob root it was found under, or null for a file named directly
     */
    public record InputFile(Path path, Path relative, Path folder) {
        /** @return true for a {@code .npy} array */
        public boolean isArray() {
            return extension(path).equals("npy");
        }
    }

    /**
     * @param specs files, folders or glob patterns such as {@code photos/*.jpg}
     * @return the inputs in a stable order (sorted within each spec), without duplicates
     */
    public static List<InputFile> expand(List<String> specs) {
        return expand(specs, w -> { });
    }

    /**
     * @param specs files, folders or glob patterns such as {@code photos/*.jpg}
     * @param warnings told, in one line each, of what a folder search skipped: symbolic-link loops and entries
     *     that cannot be read
     * @return the inputs in a stable order (sorted within each spec), without duplicates
     */
    public static List<InputFile> expand(List<String> specs, Consumer<String> warnings) {
        Map<Path, InputFile> out = new LinkedHashMap<>();
        for (String spec : specs) {
            List<InputFile> found = expandOne(spec, warnings);
            if (found.isEmpty()) {
                throw new DataException(spec + ": no images found; give image files (" + String.join(", ", EXTENSIONS)
                        + "), a folder that contains some, or a quoted glob such as 'photos/*.jpg'");
            }
            for (InputFile f : found) {
                out.putIfAbsent(f.path().toAbsolutePath().normalize(), f);
            }
        }
        return List.copyOf(out.values());
    }

    private static List<InputFile> expandOne(String spec, Consumer<String> warnings) {
        Path p = Path.of(spec);
        if (Files.isDirectory(p)) {
            return walk(p, null, warnings);
        }
        if (Files.isRegularFile(p)) {
            return List.of(new InputFile(p, p.getFileName(), null));
        }
        if (spec.contains("*") || spec.contains("?") || spec.contains("[")) {
            Path root = globRoot(spec);
            PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + spec);
            return Files.isDirectory(root) ? walk(root, m, warnings) : List.of();
        }
        throw new DataException(spec + ": no such file or folder; check the path");
    }

    private static Path globRoot(String spec) {
        Path root = Path.of("");
        for (Path part : Path.of(spec)) {
            String s = part.toString();
            if (s.contains("*") || s.contains("?") || s.contains("[")) {
                break;
            }
            root = root.resolve(part);
        }
        if (spec.startsWith("/")) {
            root = Path.of("/").resolve(root);
        }
        return root.toString().isEmpty() ? Path.of(".") : root;
    }

    private static List<InputFile> walk(Path root, PathMatcher matcher, Consumer<String> warnings) {
        List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                            if (attrs.isRegularFile() && EXTENSIONS.contains(extension(f))
                                    && (matcher == null || matcher.matches(f) || matcher.matches(root.relativize(f)))) {
                                found.add(f);
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path f, IOException e) {
                            warnings.accept(e instanceof FileSystemLoopException
                                    ? f + ": skipped, a symbolic link that loops back to a folder above it"
                                    : f + ": skipped, cannot be read (" + e.getClass().getSimpleName() + ")");
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException e) {
            throw new DataException(root + ": cannot search the folder (" + e.getMessage() + "); check the path"
                    + " and its permissions");
        }
        return found.stream().sorted().map(f -> new InputFile(f, root.relativize(f), root)).toList();
    }

    /**
     * @param file a path
     * @return its lower-case extension without the dot, or an empty string
     */
    public static String extension(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /**
     * @param relative a relative input path
     * @param newExtension the output extension, without the dot
     * @return the same path with the extension replaced
     */
    public static Path withExtension(Path relative, String newExtension) {
        String n = relative.getFileName().toString();
        int dot = n.lastIndexOf('.');
        String stem = dot < 0 ? n : n.substring(0, dot);
        Path parent = relative.getParent();
        return parent == null ? Path.of(stem + "." + newExtension) : parent.resolve(stem + "." + newExtension);
    }
}
