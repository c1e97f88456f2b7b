package io.transmute.core.io;

import io.transmute.core.DataException;
import io.transmute.core.UnsupportedFormatException;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DirectColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Reads PNG, JPEG, BMP, TIFF and PPM images and writes all of them but PPM, as {@link ImageData}, with the value
 * mapping of the reference implementation so that tensors and saved images match PyTorch's bit for bit. It is
 * the one image decoder: the datasets read through {@link #readSamples} as well.
 *
 * <p>Reading keeps the raw samples (no colour management, as PIL does), handles gray, RGB, palette and images
 * with alpha, and reads 16-bit PNG and TIFF at full precision. An 8-bit sample {@code x} becomes
 * {@code (x / 255f - 0.5f) / 0.5f}, the float32 arithmetic of torchvision's {@code ToTensor} followed by
 * {@code Normalize((0.5,), (0.5,))}; a 16-bit sample uses 65535 instead. Conversion to one channel uses
 * {@link ImageSamples#luma}, which matches {@code Image.convert('L')} exactly for 8-bit images; gray to RGB
 * replicates the channel.
 *
 * <p>Writing maps back with {@code (v + 1) / 2 * max} in float32 and, by default for 8-bit images, truncates
 * as the reference's {@code tensor2im} does ({@code astype(np.uint8)}), after clamping to the valid range.
 */
public final class ImageCodec {
    /** File extensions {@link #write} understands (lower case, reading detects the format from content). */
    public static final List<String> EXTENSIONS = List.of("png", "jpg", "jpeg", "bmp", "tif", "tiff");

    private static final String SUPPORTED = "supported: " + String.join(", ", EXTENSIONS);
    private static final int MAX8 = 255;
    private static final int MAX16 = 65535;

    static {
        // picks up the TwelveMonkeys TIFF/BMP/JPEG/PNM plugins also when the context class loader differs from the
        // one that loaded ImageIO (application servers, some test runners)
        ImageIO.scanForPlugins();
    }

    /** How a value in [-1, 1] becomes an integer sample. */
    public enum Quantization {
        /** Truncate toward zero, as the reference's {@code tensor2im} ({@code astype(np.uint8)}). */
        TRUNCATE,
        /** Round to nearest: reading and writing an image then gives back the same samples. */
        ROUND
    }

    private ImageCodec() {
    }

    /**
     * Reads an image file.
     *
     * @param file a PNG, JPEG, BMP, TIFF or PPM file (the format is detected from the content)
     * @param channels 1 for gray or 3 for RGB; the image is converted if it has the other kind
     * @return the pixels in [-1, 1], with alpha (if any) and bit depth
     * @throws DataException when the file is missing, corrupt or not an image
     */
    public static ImageData read(Path file, int channels) {
        ImageSamples.checkChannels(channels);
        return convert(readSamples(file), channels);
    }

    /**
     * Decodes an image file to its raw integer samples, without mapping them to floats or converting channels.
     * Palette images come out as RGB, 1-, 2- and 4-bit samples scaled to 8 bits and 9- to 15-bit ones to 16
     * bits (as PIL unpacks them); CMYK, YCbCr and float images are converted to 8-bit RGB.
     *
     * @param file a PNG, JPEG, BMP, TIFF or PPM file (the format is detected from the content)
     * @return the samples, with alpha if the image has it
     * @throws DataException with a one-line message starting with the path, when the file is missing, corrupt or
     *     not an image
     */
    public static ImageSamples readSamples(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new DataException(file + ": no such image file (no such file or directory); check the path");
        }
        return samplesOf(decode(file));
    }

    /**
     * Converts a Java image, keeping 16-bit samples and alpha.
     *
     * @param image any {@link BufferedImage}
     * @param channels 1 for gray or 3 for RGB
     * @return the pixels in [-1, 1]
     */
    public static ImageData fromBufferedImage(BufferedImage image, int channels) {
        ImageSamples.checkChannels(channels);
        return convert(samplesOf(image), channels);
    }

    /**
     * Converts to a Java image of the image's bit depth, with alpha if present, quantizing as {@link #write}.
     *
     * @param image the pixels
     * @return a gray, RGB, gray+alpha or RGBA image with 8- or 16-bit samples
     */
    public static BufferedImage toBufferedImage(ImageData image) {
        return toBufferedImage(image, defaultQuantization(image.bitDepth()));
    }

    /**
     * Converts to a Java image of the image's bit depth, with alpha if present.
     *
     * @param image the pixels
     * @param quantization how values become integer samples
     * @return a gray, RGB, gray+alpha or RGBA image with 8- or 16-bit samples
     */
    public static BufferedImage toBufferedImage(ImageData image, Quantization quantization) {
        return build(image, image.bitDepth(), image.hasAlpha(), quantization);
    }

    /**
     * Writes an image atomically, in the format its extension names. 8-bit images are quantized as the
     * reference does ({@link Quantization#TRUNCATE}); 16-bit ones, which the reference never writes, are rounded
     * so that they keep full precision.
     *
     * @param file ends in .png, .jpg, .jpeg, .bmp, .tif or .tiff
     * @param image the pixels
     * @throws UnsupportedFormatException for another extension
     */
    public static void write(Path file, ImageData image) {
        write(file, image, defaultQuantization(image.bitDepth()));
    }

    /**
     * Writes an image atomically, in the format its extension names. PNG and TIFF keep the bit depth and alpha;
     * JPEG and BMP are written as 8-bit without alpha.
     *
     * @param file ends in .png, .jpg, .jpeg, .bmp, .tif or .tiff
     * @param image the pixels
     * @param quantization how values become integer samples
     * @throws UnsupportedFormatException for another extension
     */
    public static void write(Path file, ImageData image, Quantization quantization) {
        String format = formatOf(file);
        boolean rich = format.equals("png") || format.equals("tiff");
        BufferedImage img = build(image, rich ? image.bitDepth() : 8, rich && image.hasAlpha(), quantization);
        AtomicFiles.writeBytes(file, encode(file, img, format, image));
    }

    /**
     * Reads an image held in memory, as {@link #read(Path, int)} reads a file.
     *
     * @param bytes the encoded image (PNG, JPEG, BMP, TIFF or PPM; the format is detected from the content)
     * @param source what to call it in messages, e.g. a request id
     * @param channels 1 for gray or 3 for RGB; the image is converted if it has the other kind
     * @return the pixels in [-1, 1], with alpha (if any) and bit depth
     * @throws DataException when the bytes are corrupt or not an image
     */
    public static ImageData read(byte[] bytes, String source, int channels) {
        ImageSamples.checkChannels(channels);
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            return convert(samplesOf(decode(in, source)), channels);
        } catch (IOException e) {
            throw new DataException(source + ": not a readable image (" + oneLine(e) + "); " + SUPPORTED);
        }
    }

    /**
     * Reads only an encoded image's header: its format and size, without decoding a pixel, so that a caller can
     * refuse an image too large to decode before it costs any memory.
     *
     * @param bytes the encoded image
     * @param source what to call it in messages
     * @return the format name and size
     * @throws UnsupportedFormatException when no reader recognises the bytes
     * @throws DataException when a reader recognises them but the header is corrupt
     */
    public static ImageHeader header(byte[] bytes, String source) {
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new UnsupportedFormatException(source + ": not an image format Transmute reads; "
                        + SUPPORTED);
            }
            String failure = "no size in the header";
            while (readers.hasNext()) {
                ImageReader reader = readers.next();
                try {
                    in.seek(0);
                    reader.setInput(in, true, true);
                    return new ImageHeader(formatName(reader).toLowerCase(Locale.ROOT), reader.getWidth(0),
                            reader.getHeight(0));
                } catch (IOException | RuntimeException e) {
                    failure = formatName(reader) + " header: " + oneLine(e);
                } finally {
                    reader.dispose();
                }
            }
            throw new DataException(source + ": corrupt image (" + failure + "); send a complete image file");
        } catch (IOException e) {
            throw new DataException(source + ": not a readable image (" + oneLine(e) + "); " + SUPPORTED);
        }
    }

    /**
     * Encodes an image in memory, as {@link #write(Path, ImageData)} writes it to a file.
     *
     * @param image the pixels
     * @param extension png, jpg, jpeg, bmp, tif or tiff
     * @return the encoded bytes
     * @throws UnsupportedFormatException for another extension
     */
    public static byte[] encode(ImageData image, String extension) {
        Path name = Path.of("image." + extension);
        String format = formatOf(name);
        boolean rich = format.equals("png") || format.equals("tiff");
        BufferedImage img = build(image, rich ? image.bitDepth() : 8, rich && image.hasAlpha(),
                defaultQuantization(image.bitDepth()));
        return encode(name, img, format, image);
    }

    // Encodes in memory, trying each writer that claims the format: TwelveMonkeys' TIFF writer rejects some
    // 16-bit layouts that the JDK's writes. Images are small enough to buffer, and AtomicFiles then writes once.
    private static byte[] encode(Path file, BufferedImage img, String format, ImageData image) {
        Iterator<ImageWriter> writers = ImageIO.getImageWriters(ImageTypeSpecifier.createFromRenderedImage(img),
                format);
        String failure = "no writer for this layout";
        while (writers.hasNext()) {
            ImageWriter writer = writers.next();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ImageOutputStream ios = new MemoryCacheImageOutputStream(bytes)) {
                writer.setOutput(ios);
                writer.write(null, new IIOImage(img, null, null), writer.getDefaultWriteParam());
                ios.flush();
                return bytes.toByteArray();
            } catch (IOException | RuntimeException e) {
                // encoders report unsupported layouts with unchecked exceptions
                failure = writer.getClass().getSimpleName() + ": " + oneLine(e);
            } finally {
                writer.dispose();
            }
        }
        throw new UnsupportedFormatException(file + ": cannot write a " + image.channels() + "-channel "
                + image.bitDepth() + "-bit " + format + " image (" + failure + "); write PNG instead");
    }

    private static Quantization defaultQuantization(int bitDepth) {
        return bitDepth == 8 ? Quantization.TRUNCATE : Quantization.ROUND;
    }

    private static String formatOf(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return switch (ext) {
            case "png" -> "png";
            case "jpg", "jpeg" -> "jpeg";
            case "bmp" -> "bmp";
            case "tif", "tiff" -> "tiff";
            default -> throw new UnsupportedFormatException(file + ": cannot write images with extension '" + ext
                    + "'; " + SUPPORTED);
        };
    }

    private static BufferedImage decode(Path file) {
        try {
            if (Files.size(file) == 0) {
                throw new DataException(file + ": empty file (0 bytes), not an image; copy or export it again");
            }
        } catch (IOException e) {
            throw new DataException(file + ": cannot read (" + oneLine(e) + "); check the path and its permissions");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            return decode(in, file.toString());
        } catch (IOException e) {
            throw new DataException(file + ": not a readable image (" + oneLine(e) + "); " + SUPPORTED);
        }
    }

    private static BufferedImage decode(ImageInputStream in, String source) {
        String failure = "unknown format";
        if (in == null) {
            failure = "cannot open";
        } else {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            // several plugins may claim a format (TIFF: the JDK's and TwelveMonkeys'); one that fails on an odd
            // variant should not hide another that reads it
            while (readers.hasNext()) {
                ImageReader reader = readers.next();
                try {
                    in.seek(0);
                    reader.setInput(in, true, true);
                    return reader.read(0);
                } catch (IOException | RuntimeException e) {
                    // decoders throw unchecked exceptions (array bounds, illegal state) on corrupt data
                    if (failure.equals("unknown format")) {
                        failure = formatName(reader) + " decoder: " + oneLine(e);
                    }
                } finally {
                    reader.dispose();
                }
            }
        }
        throw new DataException(source + ": not a readable image (" + failure + "); " + SUPPORTED);
    }

    private static String formatName(ImageReader reader) {
        return reader.getOriginatingProvider() == null ? reader.getClass().getSimpleName()
                : reader.getOriginatingProvider().getFormatNames()[0];
    }

    private static String oneLine(Exception e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.strip().replaceAll("\\s+", " ");
    }

    private static ImageSamples samplesOf(BufferedImage img) {
        ColorModel cm = img.getColorModel();
        Raster r = img.getRaster();
        int w = img.getWidth();
        int h = img.getHeight();
        if (cm instanceof IndexColorModel icm) {
            return paletteSamples(icm, r, w, h);
        }
        int type = cm.getColorSpace().getType();
        int transfer = cm.getTransferType();
        boolean plainModel = cm instanceof ComponentColorModel
                || (cm instanceof DirectColorModel && transfer == DataBuffer.TYPE_INT);
        boolean integerSamples = transfer == DataBuffer.TYPE_BYTE || transfer == DataBuffer.TYPE_USHORT
                || cm instanceof DirectColorModel;
        if (!plainModel || !integerSamples || cm.isAlphaPremultiplied()
                || (type != ColorSpace.TYPE_RGB && type != ColorSpace.TYPE_GRAY)) {
            // CMYK, YCbCr, float or premultiplied data: let Java2D convert to 8-bit sRGB
            BufferedImage argb = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
            argb.getGraphics().drawImage(img, 0, 0, null);
            return samplesOf(argb);
        }
        int colors = cm.getNumColorComponents();
        int[][] color = new int[colors][];
        int bits = 0;
        for (int b = 0; b < colors; b++) {
            color[b] = r.getSamples(0, 0, w, h, b, (int[]) null);
            bits = Math.max(bits, cm.getComponentSize(b));
        }
        int[] alpha = null;
        int alphaBits = 8;
        if (cm.hasAlpha()) {
            alpha = r.getSamples(0, 0, w, h, colors, (int[]) null);
            alphaBits = cm.getComponentSize(colors);
        }
        int colorMax = rescale(color, bits);
        int alphaMax = alpha == null ? MAX8 : rescale(new int[][] {alpha}, alphaBits);
        return new ImageSamples(w, h, color, colorMax, alpha, alphaMax);
    }

    // Brings n-bit samples to 8 bits (n < 8, as PIL unpacks 1/2/4-bit images) or to 16 bits (8 < n < 16);
    // returns the new maximum.
    private static int rescale(int[][] bands, int bits) {
        if (bits == 8 || bits == 16) {
            return (1 << bits) - 1;
        }
        int max = (1 << bits) - 1;
        int target = bits < 8 ? MAX8 : MAX16;
        for (int[] band : bands) {
            for (int i = 0; i < band.length; i++) {
                band[i] = (int) ((band[i] * (long) target + max / 2) / max);
            }
        }
        return target;
    }

    private static ImageSamples paletteSamples(IndexColorModel icm, Raster r, int w, int h) {
        int[] index = r.getSamples(0, 0, w, h, 0, (int[]) null);
        int[][] color = new int[3][index.length];
        boolean hasAlpha = icm.getTransparency() != Transparency.OPAQUE;
        int[] alpha = hasAlpha ? new int[index.length] : null;
        for (int i = 0; i < index.length; i++) {
            int p = index[i];
            color[0][i] = icm.getRed(p);
            color[1][i] = icm.getGreen(p);
            color[2][i] = icm.getBlue(p);
            if (hasAlpha) {
                alpha[i] = icm.getAlpha(p);
            }
        }
        return new ImageSamples(w, h, color, MAX8, alpha, MAX8);
    }

    private static ImageData convert(ImageSamples s, int channels) {
        float[] planes = s.unitPlanes(channels);
        for (int i = 0; i < planes.length; i++) {
            // x / max first, as ToTensor, then Normalize: the float32 order that makes tensors equal PyTorch's
            planes[i] = (planes[i] - 0.5f) / 0.5f;
        }
        return new ImageData(channels, s.height(), s.width(), planes, s.unitAlpha(), s.bitDepth());
    }

    private static BufferedImage build(ImageData image, int bitDepth, boolean withAlpha, Quantization q) {
        int w = image.width();
        int h = image.height();
        int n = w * h;
        int c = image.channels();
        int max = bitDepth == 8 ? MAX8 : MAX16;
        BufferedImage img;
        if (bitDepth == 8 && !withAlpha) {
            img = new BufferedImage(w, h, c == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR);
        } else if (bitDepth == 8 && c == 3) {
            img = new BufferedImage(w, h, BufferedImage.TYPE_4BYTE_ABGR);
        } else if (bitDepth == 16 && c == 1 && !withAlpha) {
            img = new BufferedImage(w, h, BufferedImage.TYPE_USHORT_GRAY);
        } else {
            ColorSpace cs = ColorSpace.getInstance(c == 1 ? ColorSpace.CS_GRAY : ColorSpace.CS_sRGB);
            ColorModel cm = new ComponentColorModel(cs, withAlpha, false,
                    withAlpha ? Transparency.TRANSLUCENT : Transparency.OPAQUE,
                    bitDepth == 8 ? DataBuffer.TYPE_BYTE : DataBuffer.TYPE_USHORT);
            img = new BufferedImage(cm, cm.createCompatibleWritableRaster(w, h), false, null);
        }
        WritableRaster r = img.getRaster();
        int[] band = new int[n];
        float[] planes = image.planes();
        for (int ch = 0; ch < c; ch++) {
            for (int i = 0; i < n; i++) {
                band[i] = quantize(planes[ch * n + i], max, q);
            }
            r.setSamples(0, 0, w, h, ch, band);
        }
        if (withAlpha) {
            float[] alpha = image.alpha();
            for (int i = 0; i < n; i++) {
                band[i] = Math.round(Math.max(0f, Math.min(1f, alpha[i])) * max);
            }
            r.setSamples(0, 0, w, h, c, band);
        }
        return img;
    }

    /**
     * Maps a network value to an integer sample as {@link #write} does.
     *
     * @param v a value in [-1, 1]
     * @param max 255 or 65535
     * @param q rounding rule
     * @return the integer sample, clamped to [0, max]; NaN gives 0
     */
    public static int quantize(float v, int max, Quantization q) {
        // the operation order of tensor2im: (image + 1) / 2.0 * 255.0 in float32
        float f = (v + 1f) / 2f * max;
        if (!(f > 0f)) {
            return 0;
        }
        if (f >= max) {
            return max;
        }
        return q == Quantization.TRUNCATE ? (int) f : Math.round(f);
    }
}
