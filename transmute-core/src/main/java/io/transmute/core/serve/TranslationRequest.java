package io.transmute.core.serve;

import java.util.Objects;

/**
 * One image to translate.
 *
 * @param model the served model's name
 * @param image the encoded image (PNG, JPEG, TIFF, BMP)
 * @param direction {@code AtoB} or {@code BtoA}, or null for {@code AtoB}
 * @param attrs StarGAN targets such as {@code Blond_Hair=1,Male=0}; required for StarGAN, refused otherwise
 * @param format the reply's format: {@code png}, {@code jpg} or {@code tif}; null for {@code png}
 * @param requestId names the request in messages and logs
 */
public record TranslationRequest(String model, byte[] image, String direction, String attrs, String format,
        String requestId) {
    /** Checks the required parts. */
    public TranslationRequest {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(image, "image");
        requestId = requestId == null ? "request" : requestId;
    }
}
