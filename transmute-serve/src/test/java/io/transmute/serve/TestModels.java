package io.transmute.serve;

import io.transmute.core.io.PthWriter;
import io.transmute.core.nn.GeneratorSpec;
import io.transmute.core.nn.ModuleWeights;
import io.transmute.core.nn.NormType;
import io.transmute.core.nn.UpsampleType;
import io.transmute.core.torch.Net;
import io.transmute.core.torch.Torch;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;

/** Small random generators saved as training saves them, and test images. */
final class TestModels {
    private TestModels() {
    }

    /** A ResNet-6 with instance norm, ngf 8: batchable in train mode. */
    static Path resnet(Path dir, String file, long seed) {
        return save(dir.resolve(file), GeneratorSpec.of("resnet_6blocks", 3, 3, 8, NormType.INSTANCE, false,
                UpsampleType.DECONV), seed);
    }

    /** A U-Net-64 with batch norm, ngf 8: one image at a time in train mode. */
    static Path unetBatchNorm(Path dir) {
        return save(dir.resolve("unet_net_G.pth"), GeneratorSpec.of("unet_64", 3, 3, 8, NormType.BATCH, false,
                UpsampleType.DECONV), 5);
    }

    /** A CycleGAN run folder with both generators. */
    static Path cycleFolder(Path dir) {
        Path run = dir.resolve("cycle_run");
        resnet(run, "latest_net_G_A.pth", 11);
        resnet(run, "latest_net_G_B.pth", 12);
        return run;
    }

    /** A StarGAN generator (conv dim 8, c_dim 5, one block) without label records: the default attributes. */
    static Path starGan(Path dir) {
        return save(dir.resolve("5-G.ckpt"), GeneratorSpec.stargan(8, 5, 1), 7);
    }

    private static Path save(Path file, GeneratorSpec spec, long seed) {
        Torch.init();
        Torch.seed(seed);
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Net g = spec.build()) {
            PthWriter.write(file, ModuleWeights.export(g));
        }
        return file;
    }

    static BufferedImage noise(int w, int h, int type, long seed) {
        BufferedImage img = new BufferedImage(w, h, type);
        Random r = new Random(seed);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, r.nextInt() | (type == BufferedImage.TYPE_INT_ARGB ? 0 : 0xff000000));
            }
        }
        return img;
    }

    static byte[] encode(BufferedImage img, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(img, format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] png(int w, int h, long seed) {
        return encode(noise(w, h, BufferedImage.TYPE_INT_RGB, seed), "png");
    }
}
