package io.transmute.core.infer;

import io.transmute.core.InvalidOptionException;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * When and how translation splits an image into overlapping tiles: always at {@code tile} pixels when a tile
 * size is given, else only when translating the whole image at once would need more than {@code maxMemory}.
 *
 * @param tile tile side in pixels, or 0 to choose one only when an image would not fit in {@code maxMemory}
 * @param overlap pixels that neighbouring tiles share; outputs are blended linearly across them
 * @param maxMemory bytes that one image's forward pass may use
 */
public record Tiling(int tile, int overlap, long maxMemory) {
    /** Default {@code --tile_overlap}. */
    public static final int DEFAULT_OVERLAP = 32;
    private static final int MIN_TILE = 32;

    /** Checks the values. */
    public Tiling {
        if (tile != 0 && tile < MIN_TILE) {
            throw new InvalidOptionException("--tile " + tile + " is too small; use at least " + MIN_TILE
                    + " pixels, or 0 to choose automatically");
        }
        if (overlap < 0 || tile > 0 && overlap * 2 >= tile) {
            throw new InvalidOptionException("--tile_overlap " + overlap + " must be at least 0 and less than half"
                    + " of --tile " + tile);
        }
        if (maxMemory <= 0) {
            throw new InvalidOptionException("--max_memory must be positive");
        }
    }

    /** @return automatic tiling with the default overlap under {@link #defaultMaxMemory()} */
    public static Tiling automatic() {
        return new Tiling(0, DEFAULT_OVERLAP, defaultMaxMemory());
    }

    /**
     * Half of the machine's physical memory: the rest is left to the JVM heap (which holds the whole image),
     * the operating system and other processes.
     *
     * @return bytes
     */
    public static long defaultMaxMemory() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize() / 2;
        }
        return 4L << 30;
    }

    /**
     * @param text a size such as {@code 8G}, {@code 512M}, {@code 2.5GB} or plain bytes
     * @return bytes
     */
    public static long parseBytes(String text) {
        String s = text.strip().toUpperCase(Locale.ROOT).replace("IB", "").replace("B", "");
        long unit = 1;
        char last = s.isEmpty() ? ' ' : s.charAt(s.length() - 1);
        switch (last) {
            case 'K' -> unit = 1L << 10;
            case 'M' -> unit = 1L << 20;
            case 'G' -> unit = 1L << 30;
            case 'T' -> unit = 1L << 40;
            default -> unit = 1;
        }
        String number = unit == 1 ? s : s.substring(0, s.length() - 1);
        try {
            double v = Double.parseDouble(number);
            if (!(v > 0)) {
                throw new NumberFormatException();
            }
            return (long) (v * unit);
        } catch (NumberFormatException e) {
            throw new InvalidOptionException("--max_memory " + text + " is not a size; give e.g. 8G, 512M or 0.5T");
        }
    }

    /**
     * @param bytes a size
     * @return it in the largest fitting unit, such as {@code 3.2 GB}
     */
    public static String format(long bytes) {
        if (bytes >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30));
        }
        return String.format(Locale.ROOT, "%.0f MB", bytes / (double) (1L << 20));
    }
}
