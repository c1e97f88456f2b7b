package io.transmute.core.infer;

import io.transmute.core.InvalidOptionException;
import io.transmute.core.infer.InputFiles.InputFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Where every input's output goes, checked before anything is computed: the output folder is a folder (or can
 * become one), no two inputs write the same file, no output replaces an input, and the output folder lies
 * outside every input folder unless the user asked to write beside the inputs.
 */
public final class OutputPlan {
    private OutputPlan() {
    }

    /**
     * Checks the outputs of a run.
     *
     * @param inputs the inputs, from {@link InputFiles#expand}
     * @param outputDir the output folder ({@code -o})
     * @param target each input's output path (inside {@code outputDir})
     * @param overwrite allow an output folder equal to or inside an input folder (outputs then sit beside the
     *     inputs; an input file is still never replaced)
     * @return each input's output, in input order
     * @throws InvalidOptionException naming the offending paths and what to do
     */
    public static Map<InputFile, Path> check(List<InputFile> inputs, Path outputDir,
            Function<InputFile, Path> target, boolean overwrite) {
        if (Files.exists(outputDir) && !Files.isDirectory(outputDir)) {
            throw new InvalidOptionException("-o " + outputDir + " is a file, not a folder; give a folder for the"
                    + " outputs");
        }
        Path out = canonical(outputDir);
        if (!overwrite) {
            for (InputFile in : inputs) {
                if (in.folder() != null && out.startsWith(canonical(in.folder()))) {
                    throw new InvalidOptionException("-o " + outputDir + (out.equals(canonical(in.folder()))
                            ? " is" : " is inside") + " the input folder " + in.folder() + ", so outputs would mix"
                            + " with the inputs; choose a folder outside it, or add --overwrite to write beside"
                            + " them (an input file is never replaced)");
                }
            }
        }
        Map<Path, InputFile> inputByPath = new HashMap<>();
        for (InputFile in : inputs) {
            inputByPath.put(canonical(in.path()), in);
        }
        Map<InputFile, Path> plan = new LinkedHashMap<>();
        Map<Path, List<InputFile>> byTarget = new LinkedHashMap<>();
        for (InputFile in : inputs) {
            Path t = target.apply(in);
            Path key = canonical(t);
            plan.put(in, t);
            byTarget.computeIfAbsent(key, k -> new ArrayList<>()).add(in);
            InputFile replaced = inputByPath.get(key);
            if (replaced != null) {
                throw new InvalidOptionException(t + ": the output of " + in.path() + " would replace an input"
                        + " file; choose another -o folder");
            }
            if (Files.isDirectory(t)) {
                throw new InvalidOptionException(t + ": a folder is in the way of the output of " + in.path()
                        + "; remove it or choose another -o folder");
            }
            for (Path p = t.getParent(); p != null && !p.equals(outputDir.getParent()); p = p.getParent()) {
                if (Files.exists(p) && !Files.isDirectory(p)) {
                    throw new InvalidOptionException(p + " is a file, so the output " + t + " cannot be written;"
                            + " remove it or choose another -o folder");
                }
            }
        }
        for (Map.Entry<Path, List<InputFile>> e : byTarget.entrySet()) {
            List<InputFile> same = e.getValue();
            if (same.size() > 1) {
                throw new InvalidOptionException(collision(plan.get(same.get(0)), same));
            }
        }
        return plan;
    }

    private static String collision(Path target, List<InputFile> same) {
        String who = same.size() == 2 ? same.get(0).path() + " and " + same.get(1).path()
                : same.get(0).path() + ", " + same.get(1).path() + " and " + (same.size() - 2) + " more";
        boolean sameStemOtherExtension = same.stream().map(i -> i.path().getParent())
                .distinct().count() == 1;
        String fix = sameStemOtherExtension
                ? "add --format same to keep each input's extension, or rename one"
                : "give their common parent folder instead, so outputs keep their relative paths, or translate"
                + " them into separate -o folders";
        return who + (same.size() == 2 ? " would both" : " would all") + " be written to " + target + "; " + fix;
    }

    /** An absolute path with symbolic links resolved as far as the path exists, so aliases compare equal. */
    static Path canonical(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return abs;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(abs)).normalize();
        } catch (IOException e) {
            return abs;
        }
    }
}
