package io.transmute.core.report;

import io.transmute.core.data.BicubicResampler;
import io.transmute.core.data.ImagePlane;
import io.transmute.core.data.Picture;
import io.transmute.core.io.AtomicFiles;
import io.transmute.core.io.ImageCodec;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Saves network images as 8-bit RGB PNG with the reference's {@code tensor2im} rule: {@code (x + 1) / 2 * 255}
 * truncated to an integer, gray replicated to RGB. Values outside [-1, 1] are clamped first, where numpy's
 * cast would wrap them around.
 */
public final class VisualPng {
    private VisualPng() {
    }

    /**
     * @param value a network output in [-1, 1]
     * @return the 8-bit sample {@code tensor2im} gives
     */
    public static int toByte(float value) {
        return ImageCodec.quantize(value, 255, ImageCodec.Quantization.TRUNCATE);
    }

    /**
     * @param image 1 or 3 channels in [-1, 1]
     * @return an 8-bit RGB image
     */
    public static BufferedImage toImage(ImagePlane image) {
        if (image.channels() != 1 && image.channels() != 3) {
            throw new IllegalArgumentException("cannot show " + image.channels() + " channels as an image");
        }
        int w = image.width();
        int h = image.height();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] rgb = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = toByte(image.get(0, x, y));
                int g = image.channels() == 1 ? r : toByte(image.get(1, x, y));
                int b = image.channels() == 1 ? r : toByte(image.get(2, x, y));
                rgb[y * w + x] = (r << 16) | (g << 8) | b;
            }
        }
        out.setRGB(0, 0, w, h, rgb, 0, w);
        return out;
    }

    /**
     * Writes the image as PNG, atomically.
     *
     * @param image 1 or 3 channels in [-1, 1]
     * @param target the .png file
     */
    public static void write(ImagePlane image, Path target) {
        write(image, target, 1.0);
    }

    /**
     * Writes the image as PNG, atomically, stretched as the reference's {@code save_image(aspect_ratio)}. The
     * reference passes PIL (height, width * ratio) as (width, height), so a ratio above 1 makes the image
     * taller and, for non-square images, also swaps width and height; we keep that so test results match.
     *
     * @param image 1 or 3 channels in [-1, 1]
     * @param target the .png file
     * @param aspectRatio {@code --aspect_ratio}; 1 keeps the size
     */
    public static void write(ImagePlane image, Path target, double aspectRatio) {
        BufferedImage img = toImage(image);
        if (aspectRatio != 1.0) {
            int h = image.height();
            int w = image.width();
            int newW = aspectRatio > 1.0 ? h : (int) (h / aspectRatio);
            int newH = aspectRatio > 1.0 ? (int) (w * aspectRatio) : w;
            img = resize(img, newW, newH);
        }
        BufferedImage png = img;
        AtomicFiles.write(target, out -> {
            if (!ImageIO.write(png, "png", out)) {
                throw new IOException("no PNG writer available");
            }
        });
    }

    private static BufferedImage resize(BufferedImage img, int width, int height) {
        int w = img.getWidth();
        int h = img.getHeight();
        int n = w * h;
        int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
        float[] planes = new float[3 * n];
        for (int i = 0; i < n; i++) {
            planes[i] = ((argb[i] >>> 16) & 0xFF) / 255f;
            planes[n + i] = ((argb[i] >>> 8) & 0xFF) / 255f;
            planes[2 * n + i] = (argb[i] & 0xFF) / 255f;
        }
        Picture p = BicubicResampler.resize(new Picture(3, w, h, planes, 8), width, height);
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int m = width * height;
        int[] rgb = new int[m];
        float[] px = p.pixels();
        for (int i = 0; i < m; i++) {
            rgb[i] = (Math.round(px[i] * 255f) << 16) | (Math.round(px[m + i] * 255f) << 8)
                    | Math.round(px[2 * m + i] * 255f);
        }
        out.setRGB(0, 0, width, height, rgb, 0, width);
        return out;
    }
}
