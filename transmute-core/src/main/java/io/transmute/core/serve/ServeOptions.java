package io.transmute.core.serve;

import io.transmute.core.InvalidOptionException;
import io.transmute.core.torch.Device;
import io.transmute.core.torch.Precision;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link TranslationService} loads its models and schedules requests.
 *
 * @param device where every model runs
 * @param eval eval mode for pix2pix/CycleGAN generators, as {@code translate --eval}
 * @param selectedAttrs StarGAN attribute names in training order for checkpoints that store none, or null
 * @param maxBatch most same-sized requests that share one forward pass
 * @param maxBatchDelayMs how long the first request of a batch waits for others to join it
 * @param maxQueue most requests waiting at once; beyond it requests are refused (503), not buffered
 * @param maxConcurrent forward passes running at once on the device
 * @param timeoutMs longest a request may wait and run before it fails (504)
 * @param maxPixels largest image (width times height) accepted, checked from the header before decoding
 * @param precision the number format every model computes in
 */
public record ServeOptions(Device device, boolean eval, List<String> selectedAttrs, int maxBatch, int maxBatchDelayMs,
        int maxQueue, int maxConcurrent, long timeoutMs, long maxPixels, Precision precision) {
    /** Validates the values. */
    public ServeOptions {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(precision, "precision");
        selectedAttrs = selectedAttrs == null ? null : List.copyOf(selectedAttrs);
        atLeast("--max_batch", maxBatch, 1);
        atLeast("--max_batch_delay_ms", maxBatchDelayMs, 0);
        atLeast("--max_queue", maxQueue, 1);
        atLeast("--max_concurrent", maxConcurrent, 1);
        atLeast("--timeout_ms", timeoutMs, 1);
        atLeast("--max_pixels", maxPixels, 1);
    }

    /**
     * @return CPU, train mode, batches of up to 8 within 5 ms, 64 queued, one at a time, 30 s, 16 megapixels,
     *     float32
     */
    public static ServeOptions defaults() {
        return new ServeOptions(Device.CPU, false, null, 8, 5, 64, 1, 30_000, 4096L * 4096L, Precision.FLOAT32);
    }

    private static void atLeast(String option, long value, long min) {
        if (value < min) {
            throw new InvalidOptionException(option + " " + value + " must be at least " + min);
        }
    }
}
