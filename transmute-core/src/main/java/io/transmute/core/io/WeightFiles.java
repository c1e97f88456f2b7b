package io.transmute.core.io;

import io.transmute.core.CheckpointException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Reads a network's weights from either format Transmute accepts, chosen by the file name. */
public final class WeightFiles {
    private WeightFiles() {
    }

    /**
     * @param file a weights file
     * @return true for {@code .safetensors}; everything else is read as a {@code torch.save} file
     */
    public static boolean isSafetensors(Path file) {
        return file.getFileName().toString().endsWith(".safetensors");
    }

    /**
     * @param file a {@code .safetensors} file or a {@code torch.save} state_dict ({@code .pth}, {@code .ckpt}, ...)
     * @return its tensors, in the file's order
     */
    public static StateDict read(Path file) {
        refuseFolder(file);
        return isSafetensors(file) ? SafeTensors.read(file) : PthReader.read(file);
    }

    /**
     * @param file a path given as a weights file
     * @throws CheckpointException when it is a folder, naming the weights files in it
     */
    static void refuseFolder(Path file) {
        if (!Files.isDirectory(file)) {
            return;
        }
        List<String> candidates;
        try (Stream<Path> s = Files.list(file)) {
            candidates = s.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".pth") || n.endsWith(".ckpt") || n.endsWith(".safetensors"))
                    .filter(n -> !n.endsWith("_train_state.pth"))
                    .sorted(Comparator.comparing((String n) -> !n.startsWith("latest_net_G"))
                            .thenComparing(n -> !n.contains("G")).thenComparing(Comparator.naturalOrder()))
                    .limit(3).toList();
        } catch (IOException e) {
            candidates = List.of();
        }
        throw new CheckpointException(file + " is a folder, not a weights file; " + (candidates.isEmpty()
                ? "give the .pth file itself" : "give a file in it, e.g. " + file.resolve(candidates.get(0))
                + (candidates.size() > 1 ? " (also there: " + String.join(", ", candidates.subList(1,
                candidates.size())) + ")" : "")));
    }
}
