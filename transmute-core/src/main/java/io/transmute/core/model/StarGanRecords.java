package io.transmute.core.model;

import io.transmute.core.data.StarGanDatasetKind;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The records a StarGAN generator's weight files carry besides the tensors, so a translator needs no training
 * options: the dataset kind, the label names in training order (CelebA attributes, or a folder-per-domain
 * model's domain names), {@code --c2_dim}, and the test-time transform ({@code --image_size} and the crop size).
 * Every generator file of a run has them: {@code <iter>-G.ckpt} and {@code <label>_net_G.pth}.
 */
public final class StarGanRecords {
    /** {@code --dataset}: CelebA, RaFD or Both. */
    public static final String DATASET = "stargan_dataset";
    /** The label names, one per line. */
    public static final String LABELS = "stargan_labels";
    /** {@code --c2_dim}. */
    public static final String C2_DIM = "stargan_c2_dim";
    /** {@code --image_size}: the generator's training resolution. */
    public static final String IMAGE_SIZE = "stargan_image_size";
    /** {@code --celeba_crop_size} or {@code --rafd_crop_size}, whichever the dataset used. */
    public static final String CROP_SIZE = "stargan_crop_size";

    private StarGanRecords() {
    }

    /**
     * @param so the run's options
     * @return the dataset, labels, {@code c2_dim} and image size
     */
    public static Map<String, String> of(StarGanOptions so) {
        Map<String, String> records = new LinkedHashMap<>();
        records.put(DATASET, so.dataset().cliName());
        records.put(LABELS, String.join("\n", so.selectedAttrs()));
        records.put(C2_DIM, Integer.toString(so.c2Dim()));
        records.put(IMAGE_SIZE, Integer.toString(so.imageSize()));
        return records;
    }

    /**
     * @param so the run's options
     * @param cropSize the crop size the run's dataset used
     * @return {@link #of(StarGanOptions)} and the crop size
     */
    public static Map<String, String> of(StarGanOptions so, int cropSize) {
        Map<String, String> records = of(so);
        records.put(CROP_SIZE, Integer.toString(cropSize));
        return records;
    }

    /**
     * @param kind a dataset kind
     * @return the reference's default crop for it: 178 for CelebA (and Both's generator input), 256 for RaFD
     */
    public static int defaultCropSize(StarGanDatasetKind kind) {
        return kind == StarGanDatasetKind.RAFD ? 256 : 178;
    }
}
