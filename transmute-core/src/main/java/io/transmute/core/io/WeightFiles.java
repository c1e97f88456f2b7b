package io.transmute.core.io;

import java.nio.file.Path;

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
        return isSafetensors(file) ? SafeTensors.read(file) : PthReader.read(file);
    }
}
