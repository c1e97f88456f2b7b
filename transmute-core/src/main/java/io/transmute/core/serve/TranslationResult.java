package io.transmute.core.serve;

/**
 * A translated image.
 *
 * @param image the encoded result
 * @param contentType its media type, e.g. {@code image/png}
 * @param width columns, as the input
 * @param height rows, as the input
 * @param batchSize how many requests shared the forward pass
 * @param queueMillis time spent waiting for the device
 * @param computeMillis time of the forward pass of the batch
 */
public record TranslationResult(byte[] image, String contentType, int width, int height, int batchSize,
        double queueMillis, double computeMillis) {
}
