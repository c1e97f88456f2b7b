package io.transmute.core.infer;

import io.transmute.core.CheckpointException;
import io.transmute.core.InvalidOptionException;
import io.transmute.core.data.ImagePlane;
import io.transmute.core.data.StarGanDataOptions;
import io.transmute.core.data.StarGanDatasetKind;
import io.transmute.core.io.ImageData;
import io.transmute.core.io.NonFiniteValues;
import io.transmute.core.io.PthReader;
import io.transmute.core.io.StateDict;
import io.transmute.core.model.SampleGrid;
import io.transmute.core.model.StarGanLabels;
import io.transmute.core.model.StarGanRecords;
import io.transmute.core.nn.ArchitectureInference;
import io.transmute.core.nn.GeneratorSpec;
import io.transmute.core.nn.GeneratorType;
import io.transmute.core.nn.ModuleWeights;
import io.transmute.core.nn.StarGanGenerator;
import io.transmute.core.torch.Device;
import io.transmute.core.torch.Precision;
import io.transmute.core.torch.Scope;
import io.transmute.core.torch.Tensors;
import io.transmute.core.torch.Torch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bytedeco.pytorch.InferenceMode;
import org.bytedeco.pytorch.Tensor;

/**
 * Translates images with a StarGAN generator to chosen target attributes (CelebA-style models) or domains
 * (RaFD-style models). The architecture ({@code --g_conv_dim}, {@code --c_dim}, {@code --g_repeat_num}) is read
 * from the weights; the attribute names from the records our checkpoints carry, or from the caller for the
 * reference's {@code <iter>-G.ckpt} files, which hold weights only.
 *
 * <p>The generator stays in train mode, as in yunjey/stargan {@code solver.py} {@code test()}, which never calls
 * {@code eval()}: its InstanceNorm layers track running statistics, and eval mode would normalise with those
 * instead of each image's own and give other images.
 *
 * <pre>{@code
 * try (StarGanTranslator t = StarGanTranslator.load(Path.of("200000-G.ckpt"), null, Device.CPU)) {
 *     ImageData blond = t.translate(face, t.targets("Blond_Hair=1"));
 * }
 * }</pre>
 */
public final class StarGanTranslator implements AutoCloseable {
    /** Both sides must be multiples of this: G downsamples twice. */
    private static final long SIZE_MULTIPLE = 4;

    private final StarGanGenerator generator;
    private final GeneratorSpec spec;
    private final StarGanDatasetKind dataset;
    private final List<String> names;
    private final Device device;
    private final Precision precision;
    private final String source;
    private final StarGanTestTransform storedTransform;

    private StarGanTranslator(StarGanGenerator generator, GeneratorSpec spec, StarGanDatasetKind dataset,
            List<String> names, Device device, Precision precision, String source,
            StarGanTestTransform storedTransform) {
        this.storedTransform = storedTransform;
        this.precision = precision;
        this.generator = generator;
        this.spec = spec;
        this.dataset = dataset;
        this.names = names;
        this.device = device;
        this.source = source;
    }

    /**
     * Loads a StarGAN generator.
     *
     * @param weights a generator state dict: ours ({@code <iter>-G.ckpt} with label records) or the reference's
     * @param attributeNames label names in order ({@code --selected_attrs}), or null to take them from the
     *     checkpoint's records; a reference checkpoint without records then gets the reference's default
     *     attributes, which fit only its default {@code --c_dim 5}
     * @param device where to run
     * @return the translator
     * @throws CheckpointException when the file is not a StarGAN generator or was trained on {@code Both}
     * @throws InvalidOptionException when the names do not match the generator's {@code c_dim}
     */
    public static StarGanTranslator load(Path weights, List<String> attributeNames, Device device) {
        return load(weights, attributeNames, device, Precision.FLOAT32);
    }

    /**
     * Loads a StarGAN generator to compute in the given precision.
     *
     * @param weights a generator state dict, as {@link #load(Path, List, Device)}
     * @param attributeNames label names in order, or null
     * @param device where to run
     * @param precision the number format it computes in
     * @return the translator
     */
    public static StarGanTranslator load(Path weights, List<String> attributeNames, Device device,
            Precision precision) {
        Torch.init();
        String name = weights.getFileName().toString();
        StateDict sd = PthReader.read(weights);
        NonFiniteValues.requireFinite(sd, weights.getFileName().toString());
        GeneratorSpec spec = ArchitectureInference.inferGenerator(sd, name);
        if (spec.type().family() != GeneratorType.Family.STARGAN) {
            throw new CheckpointException(name + " is a " + spec.netG() + " generator, not StarGAN; translate it"
                    + " without --model stargan");
        }
        Map<String, String> records = PthReader.readRecords(weights);
        StarGanDatasetKind dataset = records.containsKey(StarGanRecords.DATASET)
                ? StarGanDatasetKind.fromCliName(records.get(StarGanRecords.DATASET)) : StarGanDatasetKind.CELEBA;
        if (dataset == StarGanDatasetKind.BOTH) {
            throw new CheckpointException(name + " was trained on --dataset Both, whose mixed labels this"
                    + " translator does not handle; use a generator trained on CelebA or RaFD alone");
        }
        List<String> names = labelNames(attributeNames, records.get(StarGanRecords.LABELS), dataset, spec.cDim(),
                name);
        StarGanGenerator g = (StarGanGenerator) spec.build();
        ModuleWeights.load(g, sd, name);
        precision.apply(device.move(g));
        g.train(true);
        return new StarGanTranslator(g, spec, dataset, List.copyOf(names), device, precision, name,
                storedTransform(records, dataset));
    }

    /**
     * The training transform our checkpoints record: the image size always, the crop size in
     * {@code <label>_net_G.pth} (an {@code <iter>-G.ckpt} of an earlier release lacks it: the dataset's default).
     */
    private static StarGanTestTransform storedTransform(Map<String, String> records, StarGanDatasetKind dataset) {
        String size = records.get(StarGanRecords.IMAGE_SIZE);
        if (size == null) {
            return null;
        }
        String crop = records.get(StarGanRecords.CROP_SIZE);
        try {
            return new StarGanTestTransform(crop == null ? StarGanRecords.defaultCropSize(dataset)
                    : Integer.parseInt(crop), Integer.parseInt(size));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * @return the test-time transform the generator was trained with, as its checkpoint records it; empty for a
     *     reference checkpoint, which records nothing
     */
    public Optional<StarGanTestTransform> storedTransform() {
        return Optional.ofNullable(storedTransform);
    }

    private static List<String> labelNames(List<String> given, String stored, StarGanDatasetKind dataset, int cDim,
            String source) {
        List<String> names;
        String from;
        if (given != null) {
            names = given;
            from = "--selected_attrs";
        } else if (stored != null && !stored.isEmpty()) {
            names = List.of(stored.split("\n"));
            from = "its stored attributes";
        } else if (dataset == StarGanDatasetKind.RAFD) {
            // folder-per-domain models store no names: domains are known by class index
            List<String> indices = new ArrayList<>();
            for (int i = 0; i < cDim; i++) {
                indices.add(Integer.toString(i));
            }
            return indices;
        } else {
            names = StarGanDataOptions.DEFAULT_ATTRS;
            from = "the default --selected_attrs (" + String.join(" ", names) + "), as it stores none,";
        }
        if (names.size() != cDim) {
            throw new InvalidOptionException(source + " has c_dim " + cDim + " but " + from + " name "
                    + names.size() + " label(s); give --selected_attrs with " + cDim + " names in training order");
        }
        return names;
    }

    /** @return label names in the generator's order */
    public List<String> attributeNames() {
        return names;
    }

    /** @return CelebA (multi-attribute labels) or RaFD (one domain per image) */
    public StarGanDatasetKind dataset() {
        return dataset;
    }

    /** @return the architecture read from the weights ({@code ngf} is {@code --g_conv_dim}) */
    public GeneratorSpec spec() {
        return spec;
    }

    /** @return the number of labels, {@code --c_dim} */
    public int cDim() {
        return spec.cDim();
    }

    /** @return the residual blocks, {@code --g_repeat_num} */
    public int repeatNum() {
        return spec.depth();
    }

    /** @return where the weights came from */
    public String source() {
        return source;
    }

    /**
     * Parses a target such as {@code Blond_Hair=1,Male=0}; attributes it does not name are 0. For a RaFD-style
     * model name the one domain, e.g. {@code happy} or {@code 3}.
     *
     * @param spec comma-separated {@code name=0|1}, or bare names meaning {@code =1}
     * @return the target label row
     * @throws InvalidOptionException for an unknown name, listing the known ones
     */
    public float[] targets(String spec) {
        float[] out = StarGanLabels.parseTargets(spec, names, null);
        if (dataset == StarGanDatasetKind.RAFD) {
            int on = 0;
            for (float v : out) {
                on += v == 1f ? 1 : 0;
            }
            if (on != 1) {
                throw new InvalidOptionException("--attrs " + spec + " must name exactly one domain of "
                        + String.join(" ", names));
            }
        }
        return out;
    }

    /**
     * Translates one image to target labels.
     *
     * @param image 3-channel planes in [-1, 1], any size (padded to a multiple of 4 and cropped back)
     * @param targetLabels {@link #cDim()} values, 0 or 1
     * @return the translation, same size, alpha and bit depth
     */
    public ImageData translate(ImageData image, float[] targetLabels) {
        checkColour(image);
        if (targetLabels.length != cDim()) {
            throw new InvalidOptionException(targetLabels.length + " target labels but " + source + " takes "
                    + cDim() + " (" + String.join(" ", names) + ")");
        }
        float[] out = forward(image.planes(), 1, image.height(), image.width(), List.of(targetLabels)).get(0);
        return new ImageData(3, image.height(), image.width(), out, image.alpha(), image.bitDepth());
    }

    /**
     * The reference's test image for one input: the input followed by its translation to each target of
     * {@code create_labels}.
     *
     * @param image 3-channel planes in [-1, 1]
     * @param originalLabels the image's own labels ({@link #cDim()} values), or null for all zeros; CelebA
     *     targets flip one attribute each (hair colours are exclusive), so they depend on these
     * @return one row: {@code (1 + c_dim)} tiles side by side, 8 bits, no alpha
     */
    public ImageData grid(ImageData image, float[] originalLabels) {
        return grid(List.of(image), originalLabels == null ? null : List.of(originalLabels));
    }

    /**
     * The reference's test image for a batch ({@code save_image(..., nrow=1, padding=0)} of the concatenated
     * translations): one row per input, the input followed by its translation to each target.
     *
     * @param images same-sized 3-channel images in [-1, 1]
     * @param originalLabels each image's labels, or null for all zeros
     * @return {@code images.size()} rows of {@code (1 + c_dim)} tiles, 8 bits, no alpha
     */
    public ImageData grid(List<ImageData> images, List<float[]> originalLabels) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("no images for the grid");
        }
        int n = images.size();
        ImageData first = images.get(0);
        int h = first.height();
        int w = first.width();
        int per = 3 * h * w;
        float[] batch = new float[n * per];
        float[] cOrg = new float[n * cDim()];
        for (int i = 0; i < n; i++) {
            ImageData im = images.get(i);
            checkColour(im);
            if (im.height() != h || im.width() != w) {
                throw new InvalidOptionException("grid images must share one size: " + w + "x" + h + " and "
                        + im.width() + "x" + im.height() + "; resize them or make one grid per image");
            }
            System.arraycopy(im.planes(), 0, batch, i * per, per);
            if (originalLabels != null) {
                float[] c = originalLabels.get(i);
                if (c.length != cDim()) {
                    throw new InvalidOptionException("image " + i + " has " + c.length + " labels but " + source
                            + " takes " + cDim());
                }
                System.arraycopy(c, 0, cOrg, i * cDim(), cDim());
            }
        }
        List<float[]> targets = StarGanLabels.createLabels(cOrg, n, cDim(), dataset, names);
        List<float[]> tiles = new ArrayList<>();
        tiles.add(batch);
        tiles.addAll(forward(batch, n, h, w, targets));
        ImagePlane grid = SampleGrid.of(tiles, n, 3, h, w);
        return new ImageData(3, grid.height(), grid.width(), grid.values(), null, 8);
    }

    private void checkColour(ImageData image) {
        if (image.channels() != 3) {
            throw new InvalidOptionException(source + " translates colour images, got " + image.channels()
                    + " channel(s); read the image as RGB");
        }
    }

    /** Runs G on one batch for each target set; returns one NCHW array per target. */
    private List<float[]> forward(float[] nchw, int n, int h, int w, List<float[]> targets) {
        List<float[]> outs = new ArrayList<>();
        try (Scope s = Scope.open(); InferenceMode im = new InferenceMode()) {
            Tensor x = Tensors.fromFloats(nchw, n, 3, h, w);
            x = device.move(x, precision.scalarType());
            SizePadding pad = SizePadding.of(x, SIZE_MULTIPLE);
            Tensor padded = pad.pad(x, SIZE_MULTIPLE);
            for (float[] c : targets) {
                Tensor labels = Tensors.fromFloats(c, n, cDim());
                outs.add(Tensors.toFloats(pad.crop(generator.forward(padded, labels))));
            }
        }
        return outs;
    }

    /** @return the device in use */
    public Device device() {
        return device;
    }

    @Override
    public void close() {
        generator.close();
    }
}
