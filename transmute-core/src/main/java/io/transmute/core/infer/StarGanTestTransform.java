package io.transmute.core.infer;

import io.transmute.core.InvalidOptionException;
import io.transmute.core.data.Picture;
import io.transmute.core.data.StarGanDataOptions;
import io.transmute.core.data.TestTimeTransform;
import io.transmute.core.io.ImageData;
import java.nio.file.Path;

/**
 * yunjey/stargan's test-time transform, as its generator was trained: {@code CenterCrop(cropSize)} then a bilinear
 * {@code Resize(imageSize)}, without the training flip. Outputs are {@code imageSize} square.
 *
 * @param cropSize the square cut from the centre ({@code --celeba_crop_size}, {@code --rafd_crop_size})
 * @param imageSize the side it is resized to ({@code --image_size})
 */
public record StarGanTestTransform(int cropSize, int imageSize) implements ImageTransform {
    /** Checks the sizes. */
    public StarGanTestTransform {
        if (cropSize < 1 || imageSize < 1) {
            throw new InvalidOptionException("--crop_size and --load_size must be at least 1, got " + cropSize
                    + " and " + imageSize);
        }
    }

    @Override
    public ImageData apply(ImageData image, Path file) {
        Picture p = StarGanDataOptions.centerCropThenResize(FileTranslation.Resize.unit(image), cropSize, imageSize);
        return new ImageData(p.channels(), p.height(), p.width(), TestTimeTransform.normalized(p), null,
                image.bitDepth());
    }

    @Override
    public String describe() {
        return "center crop " + cropSize + ", resize to " + imageSize;
    }
}
