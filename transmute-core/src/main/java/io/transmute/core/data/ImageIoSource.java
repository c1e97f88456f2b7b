package io.transmute.core.data;

import io.transmute.core.DataException;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/** {@link ImageSource} over {@code javax.imageio}; stateless, so one instance serves every loader thread. */
final class ImageIoSource implements ImageSource {
    static final ImageIoSource INSTANCE = new ImageIoSource();

    static {
        // plugins (TwelveMonkeys) on the class path register lazily; make sure they are seen from loader threads
        ImageIO.scanForPlugins();
        ImageIO.setUseCache(false);
    }

    private ImageIoSource() {
    }

    @Override
    public Picture read(Path path, int channels) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
        }
        if (!Files.isRegularFile(path)) {
            throw new DataException(path + ": no such file");
        }
        BufferedImage image = decode(path);
        return convert(image, channels);
    }

    private static BufferedImage decode(Path path) {
        try (ImageInputStream in = ImageIO.createImageInputStream(path.toFile())) {
            if (in == null) {
                throw new DataException(path + ": cannot open the file");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new DataException(path + ": not a readable image (jpg, png, bmp, ppm, tif)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof DataException d) {
                throw d;
            }
            // decoders throw assorted unchecked exceptions on corrupt data; all mean the same to a user
            throw new DataException(path + ": cannot decode the image (" + e + ")", e);
        }
    }

    static Picture convert(BufferedImage image, int channels) {
        int w = image.getWidth();
        int h = image.getHeight();
        ColorModel cm = image.getColorModel();
        int colourType = cm.getColorSpace().getType();
        int components = cm.getNumColorComponents();
        int bits = cm.getComponentSize(0);
        boolean rawSamples = !(cm instanceof IndexColorModel)
                && (bits == 8 || bits == 16)
                && ((colourType == ColorSpace.TYPE_GRAY && components == 1)
                        || (colourType == ColorSpace.TYPE_RGB && components == 3 && sameBits(cm, 3, bits)));
        int[][] planes;
        if (rawSamples) {
            // raw stored values, as PIL reads them: Java's getRGB would gamma-convert gray and apply ICC profiles
            Raster raster = image.getRaster();
            planes = new int[components][];
            for (int b = 0; b < components; b++) {
                planes[b] = raster.getSamples(0, 0, w, h, b, (int[]) null);
            }
        } else {
            bits = 8;
            int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
            planes = new int[3][w * h];
            for (int i = 0; i < argb.length; i++) {
                planes[0][i] = (argb[i] >>> 16) & 0xFF;
                planes[1][i] = (argb[i] >>> 8) & 0xFF;
                planes[2][i] = argb[i] & 0xFF;
            }
        }
        int n = w * h;
        float[] out = new float[channels * n];
        float max = (1 << bits) - 1;
        if (planes.length == channels) {
            for (int c = 0; c < channels; c++) {
                for (int i = 0; i < n; i++) {
                    out[c * n + i] = planes[c][i] / max;
                }
            }
        } else if (channels == 3) {
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < n; i++) {
                    out[c * n + i] = planes[0][i] / max;
                }
            }
        } else {
            for (int i = 0; i < n; i++) {
                out[i] = Picture.luma(planes[0][i], planes[1][i], planes[2][i], bits) / max;
            }
        }
        return new Picture(channels, w, h, out, bits);
    }

    private static boolean sameBits(ColorModel cm, int components, int bits) {
        for (int i = 1; i < components; i++) {
            if (cm.getComponentSize(i) != bits) {
                return false;
            }
        }
        return true;
    }
}
