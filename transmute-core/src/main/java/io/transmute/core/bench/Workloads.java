package io.transmute.core.bench;

import io.transmute.core.InvalidOptionException;
import io.transmute.core.io.ImageCodec;
import io.transmute.core.io.ImageData;
import io.transmute.core.io.PthWriter;
import io.transmute.core.model.ModelOptions;
import io.transmute.core.model.ModelRegistry;
import io.transmute.core.model.ModelSpec;
import io.transmute.core.model.PerceptualOptions;
import io.transmute.core.model.StarGanModel;
import io.transmute.core.model.StarGanOptions;
import io.transmute.core.model.TranslationModel;
import io.transmute.core.nn.GeneratorType;
import io.transmute.core.nn.ModuleWeights;
import io.transmute.core.nn.Vgg16Features;
import io.transmute.core.nn.VggLayer;
import io.transmute.core.random.Rng;
import io.transmute.core.torch.Device;
import io.transmute.core.torch.Precision;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The workloads of docs/PERFORMANCE.md, on synthetic inputs: inference through one generator and training steps
 * of full-size reference models.
 */
public final class Workloads {
    private Workloads() {
    }

    /**
     * A generator as {@code define_G} builds it (64 filters; batch norm for a U-Net, instance norm otherwise).
     *
     * @param netG a {@code --netG} name
     * @param size image side
     * @param batchSize images per step
     * @param device where it runs
     * @param nativeKernels true for libtorch's native convolution kernels, false for oneDNN, null for the choice
     *     translation makes
     * @param precision the number format the generator computes in
     * @return the workload; the caller closes it
     */
    public static Workload inference(String netG, int size, int batchSize, Device device, Boolean nativeKernels,
            Precision precision) {
        return new InferenceWorkload(netG, size, batchSize, device, nativeKernels, precision);
    }

    /**
     * Training steps of {@code p2p_train} (pix2pix), {@code cycle_train} (cycle_gan) or {@code stargan_train}
     * (StarGAN with the reference's CelebA defaults at this size), each with its model's defaults.
     *
     * @param what the workload's name
     * @param size image side
     * @param batchSize images per step
     * @param device where it runs
     * @param netG a generator replacing the model's default, or null
     * @return the workload; the caller closes it
     * @throws InvalidOptionException for an unknown name
     */
    public static Workload training(String what, int size, int batchSize, Device device, String netG) {
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
        ModelOptions options = spec.resolve(given);
        if (!star) {
            GeneratorType.requireSide(options.netG(), size, "--size");
        }
        TranslationModel m = spec.create(options, device, new Rng(0));
        return new TrainingWorkload(m, RandomImages.batch(batchSize, size, device),
                RandomImages.batch(batchSize, size, device),
                star ? RandomImages.labels(batchSize, StarGanOptions.DEFAULTS.cDim()) : null);
    }

    /**
     * {@code style_transfer} training steps ({@code transformer_net}, frozen VGG-16 to {@code relu4_3}, content,
     * Gram style and TV losses, Adam) on random content images. Needs no fixture: the VGG-16 is randomly
     * initialised and the style image is random noise of the same size, written to a temporary folder because the
     * model reads both from files; the step does the same work as with ImageNet weights.
     *
     * @param size image side
     * @param batchSize images per step
     * @param device where it runs
     * @param note receives one line saying what the workload stands in for
     * @return the workload; the caller closes it
     */
    public static Workload styleTransfer(int size, int batchSize, Device device, Consumer<String> note) {
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
        ImageCodec.write(styleFile, new ImageData(3, size, size, RandomImages.planes(size), null, 8));
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
        note.accept("style_train: VGG-16 randomly initialised (no ImageNet weights needed: the same work per step),"
                + " random " + size + "x" + size + " style image");
        return new TrainingWorkload(m, RandomImages.batch(batchSize, size, device), null, null);
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
}
