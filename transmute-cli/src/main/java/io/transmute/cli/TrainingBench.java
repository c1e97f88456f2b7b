package io.transmute.cli;

import io.transmute.core.InvalidOptionException;
import io.transmute.core.io.ImageCodec;
import io.transmute.core.io.ImageData;
import io.transmute.core.io.PthWriter;
import io.transmute.core.model.ModelInput;
import io.transmute.core.model.ModelOptions;
import io.transmute.core.model.ModelRegistry;
import io.transmute.core.model.ModelSpec;
import io.transmute.core.model.PerceptualOptions;
import io.transmute.core.model.StarGanModel;
import io.transmute.core.model.StarGanOptions;
import io.transmute.core.model.TranslationModel;
import io.transmute.core.nn.ModuleWeights;
import io.transmute.core.nn.Vgg16Features;
import io.transmute.core.nn.VggLayer;
import io.transmute.core.random.Rng;
import io.transmute.core.torch.Device;
import io.transmute.core.torch.Scope;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/** Training-step workloads for {@code transmute bench}: full-size reference models on random images. */
final class TrainingBench {
    private TrainingBench() {
    }

    static BenchCommand.Workload create(String what, int size, int batchSize, Device device, String netG) {
        String model = switch (what) {
            case "p2p_train" -> "pix2pix";
            case "cycle_train" -> "cycle_gan";
            case "stargan_train" -> StarGanModel.NAME;
            default -> throw new InvalidOptionException("--what " + what
                    + " is not a benchmark; use infer, p2p_train, cycle_train, stargan_train or style_train");
        };
        boolean star = model.equals(StarGanModel.NAME);
        ModelSpec spec = ModelRegistry.get(model);
        ModelOptions.Builder given = new ModelOptions.Builder();
        if (netG != null) {
            given.set(ModelOptions.NET_G, netG);
        }
        if (star) {
            // the reference's CelebA defaults (c_dim 5, 64 filters, 6 blocks each) at the benchmark's size
            given.set(ModelOptions.STARGAN, StarGanOptions.DEFAULTS.withNetworks(size, 64, 64, 6, 6));
        }
        TranslationModel m = spec.create(spec.resolve(given), device, new Rng(0));
        Tensor a = random(batchSize, size, device);
        Tensor b = random(batchSize, size, device);
        float[] labels = star ? randomLabels(batchSize, StarGanOptions.DEFAULTS.cDim()) : null;
        return new BenchCommand.Workload() {
            @Override
            public void step() {
                try (Scope s = Scope.open()) {
                    m.trainStep(star ? ModelInput.labelled(a, labels) : ModelInput.of(a, b));
                }
            }

            @Override
            public void close() {
                m.close();
                a.close();
                b.close();
            }
        };
    }

    /**
     * {@code style_transfer} training steps ({@code transformer_net}, frozen VGG-16 to {@code relu4_3}, content,
     * Gram style and TV losses, Adam) on random content images. Needs no fixture: the VGG-16 is randomly
     * initialised and the style image is random noise of the same size, written to a temporary folder because the
     * model reads both from files; the step does the same work as with ImageNet weights. Says so on {@code out}.
     */
    static BenchCommand.Workload styleTransfer(int size, int batchSize, Device device, PrintWriter out) {
        Path dir;
        try {
            dir = Files.createTempDirectory("transmute-bench-style");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder for the benchmark", e);
        }
        Path vggFile = dir.resolve("vgg16_random.pth");
        Path styleFile = dir.resolve("style.png");
        try (Vgg16Features vgg = Vgg16Features.randomlyInitialised(VggLayer.all())) {
            PthWriter.write(vggFile, ModuleWeights.export(vgg));
        }
        Rng rng = new Rng(2);
        float[] planes = new float[3 * size * size];
        for (int i = 0; i < planes.length; i++) {
            planes[i] = (float) (rng.nextDouble() * 2 - 1);
        }
        ImageCodec.write(styleFile, new ImageData(3, size, size, planes, null, 8));
        ModelSpec spec = ModelRegistry.get("style_transfer");
        ModelOptions.Builder given = new ModelOptions.Builder().set(PerceptualOptions.VGG_WEIGHTS, vggFile)
                .set(PerceptualOptions.STYLE_IMAGE, styleFile);
        TranslationModel m;
        try {
            m = spec.create(spec.resolve(given), device, new Rng(0));
        } finally {
            // the model has read both files into memory
            deleteAll(vggFile, styleFile, dir);
        }
        out.println("style_train: VGG-16 randomly initialised (no ImageNet weights needed: the same work per step),"
                + " random " + size + "x" + size + " style image");
        Tensor a = random(batchSize, size, device);
        return new BenchCommand.Workload() {
            @Override
            public void step() {
                try (Scope s = Scope.open()) {
                    m.trainStep(ModelInput.of(a, null));
                }
            }

            @Override
            public void close() {
                m.close();
                a.close();
            }
        };
    }

    private static void deleteAll(Path... paths) {
        for (Path p : paths) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // a leftover file in the temporary folder does not affect the measurement
            }
        }
    }

    /** Attribute labels as CelebA's: each 0 or 1 with equal chance, from a fixed seed. */
    private static float[] randomLabels(int n, int cDim) {
        Rng rng = new Rng(1);
        float[] out = new float[n * cDim];
        for (int i = 0; i < out.length; i++) {
            out[i] = rng.nextBoolean() ? 1f : 0f;
        }
        return out;
    }

    private static Tensor random(int n, int size, Device device) {
        Tensor t = torch.rand(n, 3, size, size).mul(new org.bytedeco.pytorch.Scalar(2.0))
                .sub(new org.bytedeco.pytorch.Scalar(1.0));
        return device.isCuda() ? t.to(device.toNative(), t.scalar_type()) : t;
    }
}
