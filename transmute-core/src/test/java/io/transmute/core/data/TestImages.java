package io.transmute.core.data;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Writes small generated images for dataset tests. */
final class TestImages {
    /** Gives the packed 0xRRGGBB colour of a pixel. */
    @FunctionalInterface
    interface Colour {
        int at(int x, int y);
    }

    private TestImages() {
    }

    static Path rgb(Path file, int w, int h, Colour colour) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, colour.at(x, y));
            }
        }
        return save(img, file);
    }

    /** A deterministic, asymmetric pattern: no crop or flip of it equals another. */
    static int pattern(int x, int y) {
        int r = (x * 37 + y * 11) & 0xFF;
        int g = (x * 5 + y * 53 + 17) & 0xFF;
        int b = (x * y * 7 + 3) & 0xFF;
        return (r << 16) | (g << 8) | b;
    }

    static Path gray16(Path file, int w, int h, int[] values) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_USHORT_GRAY);
        WritableRaster r = img.getRaster();
        r.setSamples(0, 0, w, h, 0, values);
        return save(img, file);
    }

    static Path save(BufferedImage img, Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            String name = file.getFileName().toString();
            String format = name.substring(name.lastIndexOf('.') + 1).toLowerCase();
            if (!ImageIO.write(img, format.equals("jpg") ? "jpeg" : format, file.toFile())) {
                throw new IllegalStateException("no writer for " + format);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
