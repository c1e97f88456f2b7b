package io.transmute.core.model;

import io.transmute.core.InvalidOptionException;
import io.transmute.core.data.ImagePlane;
import io.transmute.core.data.StarGanDatasetKind;
import io.transmute.core.nn.StarGanDiscriminator;
import io.transmute.core.nn.StarGanGenerator;
import io.transmute.core.optim.Adam;
import io.transmute.core.optim.AdamState;
import io.transmute.core.random.Rng;
import io.transmute.core.torch.Device;
import io.transmute.core.torch.Scope;
import io.transmute.core.torch.Tensors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;

/**
 * yunjey/stargan's {@code Solver}: one generator G(x, c) for every target domain c and a discriminator D with a
 * real/fake head and a domain classifier head, trained with WGAN-GP, classification and reconstruction losses.
 *
 * <p>One {@link #trainStep} is one reference iteration ({@link StarGanStep}): a D update, and every
 * {@code --n_critic} iterations also a G update. The model counts its iterations for that; everything else
 * about the iteration schedule (when to log, sample, save, decay the rates and stop) is the trainer's, from the
 * {@link IterationSchedule} the registry declares. Random targets and penalty weights come from the model's
 * {@link Rng}, saved in {@link #state()}.
 *
 * <p>As in the reference, the networks stay in train mode when sampling and testing (its test code never calls
 * {@code eval()}, and its InstanceNorm layers track statistics, so eval mode would give other images).
 */
public final class StarGanModel extends BaseModel {
    /** The registry name. */
    public static final String NAME = "stargan";

    private final StarGanOptions so;
    private final StarGanGenerator g;
    private final StarGanDiscriminator d;
    private final StarGanStep step;
    private StepDraws draws = new StepDraws() {
        @Override
        public int[] permutation(int n) {
            return StarGanLabels.permutation(n, rng);
        }

        @Override
        public float[] alpha(int n) {
            float[] alpha = new float[n];
            for (int i = 0; i < n; i++) {
                alpha[i] = (float) rng.nextDouble();
            }
            return alpha;
        }
    };
    private long iteration;
    // the reference logs G's losses only on iterations that update G; ours repeat the latest update's
    private StarGanStep.GeneratorLosses lastGenerator = StarGanStep.GeneratorLosses.NONE;

    private StarGanModel(ModelOptions options, Device device, Rng rng) {
        super(NAME, options, device, rng);
        this.so = options.stargan();
        g = network("G", new StarGanGenerator(so.gConvDim(), so.generatorLabels(), so.gRepeatNum()));
        d = network("D", new StarGanDiscriminator(so.imageSize(), so.dConvDim(), so.discriminatorLabels(),
                so.dRepeatNum()));
        if (options.isTrain()) {
            // insertion order: the reference's G then D, which state() and the checkpoint files follow
            Adam gOptimizer = optimizer("G", so.gLr(), so.beta2(), g);
            Adam dOptimizer = optimizer("D", so.dLr(), so.beta2(), d);
            step = new StarGanStep(so, g, d, gOptimizer, dOptimizer, this::onDevice);
        } else {
            step = null;
        }
    }

    /**
     * Builds a StarGAN model with PyTorch's default initialisation, as the reference (which applies none of
     * its own); seed torch's generator first for reproducible weights.
     *
     * @param options resolved options; StarGAN's own are in {@link ModelOptions#stargan()}
     * @param device where the networks live
     * @param rng the model's generator for targets and penalty weights
     * @return the model
     */
    public static StarGanModel create(ModelOptions options, Device device, Rng rng) {
        return new StarGanModel(options, device, rng);
    }

    /** @return StarGAN's options */
    public StarGanOptions starGanOptions() {
        return so;
    }

    /** @return the generator */
    public StarGanGenerator generator() {
        return g;
    }

    /** @return the discriminator */
    public StarGanDiscriminator discriminator() {
        return d;
    }

    /** @return iterations done (the reference's {@code i + 1} after an iteration) */
    public long iteration() {
        return iteration;
    }

    @Override
    public void setIterationsDone(long iterations) {
        iteration = iterations;
    }

    /**
     * Replaces where the steps' random choices come from, to replay those another implementation drew.
     *
     * @param replacement the target-label permutations and gradient-penalty weights to use from now on
     */
    void useDraws(StepDraws replacement) {
        draws = replacement;
    }

    @Override
    public StepResult trainStep(ModelInput input) {
        if (step == null) {
            throw new InvalidOptionException("model stargan was built for testing; build it with isTrain");
        }
        float[] labels = input.labels();
        int n = (int) input.realA().size(0);
        if (labels == null || labels.length != n * so.batchLabels()) {
            throw new InvalidOptionException("--model stargan needs " + so.batchLabels() + " labels per image but the"
                    + " batch has " + (labels == null ? "none" : labels.length / Math.max(n, 1))
                    + "; check --dataset, --c_dim, --c2_dim and --selected_attrs");
        }
        iteration++;
        Tensor x = onDevice(input.realA());
        StarGanStep.Result last;
        if (so.dataset() == StarGanDatasetKind.BOTH) {
            if (!input.hasB()) {
                throw new InvalidOptionException("--dataset Both needs a RaFD image (B) with every CelebA image");
            }
            part(step.run(x, columns(labels, n, 0, so.cDim()), StarGanDatasetKind.CELEBA, iteration, draws));
            x = onDevice(input.realB());
            last = part(step.run(x, columns(labels, n, so.cDim(), so.c2Dim()), StarGanDatasetKind.RAFD, iteration,
                    draws));
        } else {
            last = part(step.run(x, labels, so.dataset(), iteration, draws));
        }
        StarGanLosses losses = new StarGanLosses(last.dReal(), last.dFake(), last.dCls(), last.dGp(),
                lastGenerator.fake(), lastGenerator.rec(), lastGenerator.cls());
        return new StepResult(losses, List.of(Visuals.of("x_real", x), Visuals.of("x_fake", last.fake())));
    }

    private StarGanStep.Result part(StarGanStep.Result r) {
        if (r.generator() != null) {
            lastGenerator = r.generator();
        }
        return r;
    }

    private static float[] columns(float[] labels, int n, int from, int count) {
        int width = labels.length / n;
        float[] out = new float[n * count];
        for (int r = 0; r < n; r++) {
            System.arraycopy(labels, r * width + from, out, r * count, count);
        }
        return out;
    }

    /** @return the reference's sample image of this batch, named {@code images} */
    @Override
    public List<Visual> evaluate(ModelInput input) {
        Tensor x = onDevice(input.realA());
        int n = (int) x.size(0);
        float[] labels = input.labels();
        if (so.dataset() != StarGanDatasetKind.RAFD && (labels == null || labels.length < n * so.cDim())) {
            throw new InvalidOptionException("--model stargan needs each image's attributes to build its targets");
        }
        List<float[]> targets = sampleTargets(labels == null ? null : columns(labels, n, 0, so.cDim()), n);
        return List.of(new Visual("images", grid(x, targets)));
    }

    /**
     * Target label sets for a sample grid: {@code create_labels} over the selected attributes (CelebA) or
     * domains (RaFD); for Both, the CelebA targets then the RaFD ones, each with its mask, as the reference's
     * {@code test_multi}.
     *
     * @param cOrg the images' original labels (CelebA part), N x c_dim; unused for RaFD
     * @param n images
     * @return one N-row label array per grid column after the input
     */
    public List<float[]> sampleTargets(float[] cOrg, int n) {
        return switch (so.dataset()) {
            case CELEBA -> StarGanLabels.createLabels(cOrg, n, so.cDim(), StarGanDatasetKind.CELEBA,
                    so.selectedAttrs());
            case RAFD -> StarGanLabels.createLabels(null, n, so.cDim(), StarGanDatasetKind.RAFD, List.of());
            case BOTH -> {
                List<float[]> out = new ArrayList<>();
                for (float[] c : StarGanLabels.createLabels(cOrg, n, so.cDim(), StarGanDatasetKind.CELEBA,
                        so.selectedAttrs())) {
                    out.add(StarGanLabels.withMask(c, n, so.cDim(), so.c2Dim(), true));
                }
                for (float[] c : StarGanLabels.createLabels(null, n, so.c2Dim(), StarGanDatasetKind.RAFD,
                        List.of())) {
                    out.add(StarGanLabels.withMask(c, n, so.cDim(), so.c2Dim(), false));
                }
                yield out;
            }
        };
    }

    /**
     * The reference's sample image ({@link SampleGrid}): per input image one row, the input followed by its
     * translation to each target.
     *
     * @param x images [N, 3, H, W] on the model's device
     * @param targets label arrays of N rows each
     * @return the grid, 3 x N*H x (1 + targets) * W, in [-1, 1]
     */
    public ImagePlane grid(Tensor x, List<float[]> targets) {
        long[] sh = Tensors.shape(x);
        int n = (int) sh[0];
        try (Scope s = Scope.open(); NoGradGuard ng = new NoGradGuard()) {
            List<float[]> tiles = new ArrayList<>();
            tiles.add(Tensors.toFloats(x));
            for (float[] c : targets) {
                tiles.add(Tensors.toFloats(g.forward(x, onDevice(Tensors.fromFloats(c, n, c.length / n)))));
            }
            return SampleGrid.of(tiles, n, (int) sh[1], (int) sh[2], (int) sh[3]);
        }
    }

    /**
     * Runs G on images whose labels are already tiled behind the colour channels, without gradients and in
     * the networks' current mode (train mode, as the reference tests).
     *
     * @param input [N, 3 + labels, H, W]
     * @return [N, 3, H, W]
     */
    @Override
    public Tensor translate(Tensor input) {
        try (NoGradGuard ng = new NoGradGuard()) {
            return g.forward(onDevice(input));
        }
    }

    /**
     * Translates images to target labels without gradients.
     *
     * @param x images [N, 3, H, W]
     * @param c target labels [N, labels]
     * @return [N, 3, H, W]
     */
    public Tensor translate(Tensor x, Tensor c) {
        try (NoGradGuard ng = new NoGradGuard()) {
            return g.forward(onDevice(x), onDevice(c));
        }
    }

    /** Recovers the iteration count from D's optimizer, which steps once per dataset per iteration. */
    @Override
    protected void restored(TrainingState state) {
        AdamState.Entry first = state.optimizers().get("D").entries().get(0);
        long dSteps = first == null ? 0 : first.step();
        iteration = dSteps / (so.dataset() == StarGanDatasetKind.BOTH ? 2 : 1);
    }

    /** @return for G, the dataset, label names and image size, so that a generator file alone can translate */
    @Override
    public Map<String, String> weightRecords(String network) {
        return network.equals("G") ? StarGanRecords.of(so) : Map.of();
    }

    /** @return a short description for messages */
    @Override
    public String toString() {
        return "StarGanModel[" + so.dataset().cliName() + ", c_dim " + so.cDim() + ", iteration " + iteration + ", "
                + Arrays.toString(new int[] {so.imageSize(), so.gConvDim(), so.dConvDim()}) + "]";
    }
}
