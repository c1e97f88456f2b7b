package io.transmute.core.data;

import io.transmute.core.io.AtomicFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RadialGradientPaint;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;

/**
 * A generated image-translation dataset that needs no download, in the spirit of the reference's facades
 * (label map to photo): flat label maps of shapes with their outlines (domain A) and the same shapes
 * rendered, shaded and lit from the top left on a graded background (domain B). Circles are red, squares
 * green, triangles blue.
 */
public final class SyntheticShapes {
    private static final Color[] FILL = {new Color(220, 60, 50), new Color(60, 170, 80), new Color(60, 90, 210)};
    private static final Color[] LABEL = {new Color(255, 170, 170), new Color(170, 255, 170),
        new Color(170, 170, 255)};
    private static final Color BACKGROUND_B = new Color(235, 225, 200);

    private SyntheticShapes() {
    }

    /**
     * Writes a paired dataset in the {@code aligned} layout: {@code root/train/*.png} and
     * {@code root/test/*.png}, each image the A and B versions side by side.
     *
     * @param root output folder
     * @param train number of training pairs
     * @param test number of held-out pairs
     * @param size side of each square image
     * @param seed seed: the same seed writes the same images
     */
    public static void writeAligned(Path root, int train, int test, int size, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        writeSplit(root.resolve("train"), train, size, rng);
        writeSplit(root.resolve("test"), test, size, rng);
    }

    /**
     * Writes an unpaired dataset in the {@code unaligned} layout ({@code trainA}, {@code trainB},
     * {@code testA}, {@code testB}); A and B images show different random scenes.
     *
     * @param root output folder
     * @param train images per training domain
     * @param test images per test domain
     * @param size side of each square image
     * @param seed seed
     */
    public static void writeUnaligned(Path root, int train, int test, int size, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        for (String phase : new String[] {"train", "test"}) {
            int n = phase.equals("train") ? train : test;
            for (String domain : new String[] {"A", "B"}) {
                Path dir = root.resolve(phase + domain);
                for (int i = 0; i < n; i++) {
                    Scene s = Scene.random(rng, size);
                    save(domain.equals("A") ? s.drawing() : s.rendering(), dir.resolve(String.format("%04d.png", i)));
                }
            }
        }
    }

    private static void writeSplit(Path dir, int n, int size, SplittableRandom rng) {
        for (int i = 0; i < n; i++) {
            Scene s = Scene.random(rng, size);
            BufferedImage pair = new BufferedImage(size * 2, size, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = pair.createGraphics();
            g.drawImage(s.drawing(), 0, 0, null);
            g.drawImage(s.rendering(), size, 0, null);
            g.dispose();
            save(pair, dir.resolve(String.format("%04d.png", i)));
        }
    }

    private static void save(BufferedImage img, Path file) {
        AtomicFiles.write(file, out -> {
            if (!ImageIO.write(img, "png", out)) {
                throw new IOException("no PNG encoder");
            }
        });
    }

    /** One to three shapes at random places and sizes. */
    record Scene(int size, int[] kinds, double[][] boxes, double[] angles) {
        static Scene random(SplittableRandom rng, int size) {
            int n = 1 + rng.nextInt(3);
            int[] kinds = new int[n];
            double[][] boxes = new double[n][];
            double[] angles = new double[n];
            for (int i = 0; i < n; i++) {
                kinds[i] = rng.nextInt(3);
                double side = size * (0.25 + 0.25 * rng.nextDouble());
                double x = rng.nextDouble() * (size - side);
                double y = rng.nextDouble() * (size - side);
                boxes[i] = new double[] {x, y, side};
                angles[i] = rng.nextDouble() * Math.PI / 2;
            }
            return new Scene(size, kinds, boxes, angles);
        }

        Shape shape(int i) {
            double[] b = boxes[i];
            double cx = b[0] + b[2] / 2;
            double cy = b[1] + b[2] / 2;
            return switch (kinds[i]) {
                case 0 -> new Ellipse2D.Double(b[0], b[1], b[2], b[2]);
                case 1 -> java.awt.geom.AffineTransform.getRotateInstance(angles[i] / 3, cx, cy)
                        .createTransformedShape(new Rectangle2D.Double(b[0] + b[2] * 0.1, b[1] + b[2] * 0.1,
                                b[2] * 0.8, b[2] * 0.8));
                default -> {
                    Path2D.Double p = new Path2D.Double();
                    p.moveTo(cx, b[1]);
                    p.lineTo(b[0] + b[2], b[1] + b[2]);
                    p.lineTo(b[0], b[1] + b[2]);
                    p.closePath();
                    yield p;
                }
            };
        }

        BufferedImage drawing() {
            BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = graphics(img);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, size, size);
            g.setStroke(new BasicStroke(Math.max(1f, size / 40f)));
            for (int i = 0; i < kinds.length; i++) {
                g.setColor(LABEL[kinds[i]]);
                g.fill(shape(i));
                g.setColor(Color.BLACK);
                g.draw(shape(i));
            }
            g.dispose();
            return img;
        }

        BufferedImage rendering() {
            BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = graphics(img);
            g.setPaint(new GradientPaint(0, 0, BACKGROUND_B, 0, size, BACKGROUND_B.darker()));
            g.fillRect(0, 0, size, size);
            for (int i = 0; i < kinds.length; i++) {
                double[] b = boxes[i];
                Color c = FILL[kinds[i]];
                g.setPaint(new RadialGradientPaint(new Point2D.Double(b[0] + b[2] * 0.3, b[1] + b[2] * 0.3),
                        (float) b[2], new float[] {0f, 1f}, new Color[] {c.brighter(), c.darker().darker()}));
                g.fill(shape(i));
            }
            g.dispose();
            return img;
        }

        private static Graphics2D graphics(BufferedImage img) {
            Graphics2D g = img.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            return g;
        }
    }
}
