package io.transmute.core.infer;

import io.transmute.core.io.ImageData;
import java.nio.file.Path;

/** Test-time preprocessing of a decoded image before the generator sees it ({@code --preprocess}). */
public interface ImageTransform {
    /**
     * @param image planes in [-1, 1]
     * @param file names the input in errors
     * @return the image as the generator takes it, planes in [-1, 1]; alpha is dropped when the size changes
     */
    ImageData apply(ImageData image, Path file);

    /** @return what the transform does, for messages */
    String describe();
}
