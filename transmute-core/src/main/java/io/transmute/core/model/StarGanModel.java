package io.transmute.core.model;

import io.transmute.core.CheckpointException;
import io.transmute.core.InvalidOptionException;
import io.transmute.core.data.ImagePlane;
import io.transmute.core.data.StarGanDatasetKind;
import io.transmute.core.io.PthReader;
import io.transmute.core.io.PthWriter;
import io.transmute.core.io.TensorData;
import io.transmute.core.nn.ModuleWeights;
import io.transmute.core.nn.StarGanDiscriminator;
import io.transmute.core.nn.StarGanGenerator;
import io.transmute.core.optim.Adam;
import io.transmute.core.optim.AdamState;
import io.transmute.core.random.Rng;
import io.transmute.core.torch.Device;
import io.transmute.core.torch.Scope;
import io.transmute.core.torch.Tensors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bytedeco.pytorch.BoolOptional;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.global.torch;

/**
 * yunjey/stargan's {@code Solver}: one generator G(x, c) for every target domain c and a discriminator D with a
 * real/fake head and a domain classifier head, trained with WGAN-GP, classification and reconstruction losses.
 *
 * <p>One {@link #trainStep} is one reference iteration: a D update on real images, fakes {@code G(x, c_trg)}
 * (targets are the batch's own labels in a random order) and the gradient penalty; every {@code --n_critic}
 * iterations also a G update. The model counts its iterations and applies the reference's linear decay of both
 * rates over the last {@code --num_iters_decay} iterations itself, so a trainer that knows nothing of StarGAN
 * drives it by calling {@code trainStep} once per batch ({@link #finished()} says when {@code --num_iters} is
 * reached). Random targets and penalty weights come from the model's {@link Rng}, saved in {@link #state()}.
 *
 * <p>As in the reference, the networks stay in train mode when sampling and testing (its test code never calls
 * {@code eval()}, and its InstanceNorm layers track statistics, so eval mode would give other images).
 */
public final class StarGanModel implements TranslationModel {
    /** The registry name. */
    public static final String NAME = "stargan";

    private static final long SUM = 2;

    private final ModelOptions options;
    private final StarGanOptions so;
    private final Device device;
    private final NetworkSet networks = new NetworkSet();
    private final StarGanGenerator g;
    private final StarGanDiscriminator d;
    // insertion order: the reference's G then D, which state() and the checkpoint files follow
    private final Map<String, Adam> optimizers = new LinkedHashMap<>();
    private final Adam gOptimizer;
    private final Adam dOptimizer;
    private Rng rng;
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
    private double lastGFake;
    private double lastGRec;
    private double lastGCls;

    private StarGanModel(ModelOptions options, Device device, Rng rng) {
        this.options = options;
        this.so = options.stargan();
        this.device = device;
        this.rng = rng;
        g = networks.add("G", new StarGanGenerator(so.gConvDim(), so.generatorLabels(), so.gRepeatNum()));
        d = networks.add("D", new StarGanDiscriminator(so.imageSize(), so.dConvDim(), so.discriminatorLabels(),
                so.dRepeatNum()));
        if (device.isCuda()) {
            g.to(device.toNative(), false);
            d.to(device.toNative(), false);
        }
        if (options.isTrain()) {
            gOptimizer = adam(g, so.gLr());
            dOptimizer = adam(d, so.dLr());
            optimizers.put("G", gOptimizer);
            optimizers.put("D", dOptimizer);
        } else {
            gOptimizer = null;
            dOptimizer = null;
        }
    }

    private Adam adam(Module net, double lr) {
        List<Tensor> params = new ArrayList<>();
        try (Scope s = Scope.open()) {
            TensorVector v = net.parameters();
            for (long i = 0; i < v.size(); i++) {
                params.add(v.get(i));
            }
            return new Adam(params, lr, options.beta1(), so.beta2(), 1e-8);
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
    @Override
    public long iteration() {
        return iteration;
    }

    /** @return whether {@code --num_iters} iterations are done */
    @Override
    public boolean finished() {
        return iteration >= so.numIters();
    }

    /** @return {@code --log_step}, {@code --sample_step}, {@code --model_save_step} and {@code --resume_iters} */
    @Override
    public Optional<IterationSchedule> iterationSchedule() {
        return Optional.of(new IterationSchedule(so.logStep(), so.sampleStep(), so.modelSaveStep(),
                so.resumeIters()));
    }

    /**
     * Writes {@code <iteration>-G.ckpt} and {@code <iteration>-D.ckpt} ({@link #saveReferenceCheckpoints}).
     *
     * @param dir the run folder
     * @return the two files
     */
    @Override
    public List<Path> saveIterationCheckpoint(Path dir) {
        Path gFile = saveReferenceCheckpoints(dir);
        return List.of(gFile, checkpointFile(dir, iteration, "D"));
    }

    /**
     * The reference's {@code --resume_iters}: {@link #restoreReferenceCheckpoints}, with a message listing the
     * iterations the folder has when {@code <iters>-G.ckpt} is missing.
     *
     * @param dir the run folder
     * @param iters the iteration to resume from
     * @throws CheckpointException when the generator's file is missing
     */
    @Override
    public void restoreIterationCheckpoint(Path dir, long iters) {
        Path gFile = checkpointFile(dir, iters, "G");
        if (!Files.isRegularFile(gFile)) {
            throw new CheckpointException(gFile + ": no such checkpoint; saved iterations in " + dir + ": "
                    + savedIterations(dir) + "; give one of them");
        }
        restoreReferenceCheckpoints(dir, Math.toIntExact(iters));
    }

    /**
     * @param dir a run or model folder
     * @return the iterations that have a {@code <iter>-G.ckpt} there, ascending
     */
    public static List<Long> savedIterations(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (java.util.stream.Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.matches("[0-9]+-G\\.ckpt"))
                    .map(n -> Long.parseLong(n.substring(0, n.indexOf('-')))).sorted().toList();
        } catch (java.io.IOException e) {
            throw new CheckpointException(dir + ": cannot list checkpoints (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ModelOptions options() {
        return options;
    }

    @Override
    public NetworkSet networks() {
        return networks;
    }

    @Override
    public Map<String, Adam> optimizers() {
        return Collections.unmodifiableMap(optimizers);
    }

    /**
     * Sets both rates to {@code lr}. StarGAN schedules its own rates per iteration; a trainer should not call
     * this for it except to override the schedule on purpose.
     *
     * @param lr the new rate
     */
    @Override
    public void setLearningRate(double lr) {
        optimizers.values().forEach(o -> o.setLr(lr));
    }

    /** @return the generator's current rate ({@code g_lr}) */
    @Override
    public double learningRate() {
        return gOptimizer == null ? so.gLr() : gOptimizer.lr();
    }

    @Override
    public void setEvalMode(boolean eval) {
        g.train(!eval);
        d.train(!eval);
    }

    @Override
    public StepResult trainStep(ModelInput input) {
        if (dOptimizer == null) {
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
        Tensor fake;
        if (so.dataset() == StarGanDatasetKind.BOTH) {
            if (!input.hasB()) {
                throw new InvalidOptionException("--dataset Both needs a RaFD image (B) with every CelebA image");
            }
            float[] celeba = columns(labels, n, 0, so.cDim());
            float[] rafd = columns(labels, n, so.cDim(), so.c2Dim());
            subStep(x, celeba, StarGanDatasetKind.CELEBA);
            x = onDevice(input.realB());
            fake = subStep(x, rafd, StarGanDatasetKind.RAFD);
        } else {
            fake = subStep(x, labels, so.dataset());
        }
        StarGanLosses losses = lastLosses;
        decayLearningRates();
        return new StepResult(losses, List.of(Visuals.of("x_real", x), Visuals.of("x_fake", fake)));
    }

    private StarGanLosses lastLosses;

    /**
     * Replaces where the steps' random choices come from, to replay those another implementation drew.
     *
     * @param replacement the target-label permutations and gradient-penalty weights to use from now on
     */
    void useDraws(StepDraws replacement) {
        draws = replacement;
    }

    /** One dataset's D update, and G update on the n_critic-th iteration; returns the D step's fakes. */
    private Tensor subStep(Tensor x, float[] labelOrg, StarGanDatasetKind part) {
        int n = (int) x.size(0);
        int width = part == StarGanDatasetKind.RAFD && so.dataset() == StarGanDatasetKind.BOTH ? so.c2Dim()
                : so.cDim();
        float[] labelTrg = StarGanLabels.permutedRows(labelOrg, width, draws.permutation(n));
        Tensor cOrg = labelTensor(generatorLabels(labelOrg, n, part), n);
        Tensor cTrg = labelTensor(generatorLabels(labelTrg, n, part), n);

        StarGanDiscriminator.Output real = d.forward(x);
        Tensor dLossReal = real.src().mean().neg();
        Tensor dLossCls = classificationLoss(clsPart(real.cls(), part), labelOrg, width, part);
        Tensor xFake = g.forward(x, cTrg);
        StarGanDiscriminator.Output fakeOut = d.forward(xFake.detach());
        Tensor dLossFake = fakeOut.src().mean();
        float[] alpha = draws.alpha(n);
        Tensor dLossGp = gradientPenalty(d, x, xFake, onDevice(Tensors.fromFloats(alpha, n, 1, 1, 1)));
        Tensor dLoss = dLossReal.add(dLossFake).add(dLossCls.mul(new Scalar(so.lambdaCls())))
                .add(dLossGp.mul(new Scalar(so.lambdaGp())));
        gOptimizer.zeroGrad();
        dOptimizer.zeroGrad();
        dLoss.backward();
        dOptimizer.step();

        if (iteration % so.nCritic() == 0) {
            Tensor xFake2 = g.forward(x, cTrg);
            StarGanDiscriminator.Output out = d.forward(xFake2);
            Tensor gLossFake = out.src().mean().neg();
            Tensor gLossCls = classificationLoss(clsPart(out.cls(), part), labelTrg, width, part);
            Tensor xRec = g.forward(xFake2, cOrg);
            Tensor gLossRec = x.sub(xRec).abs().mean();
            Tensor gLoss = gLossFake.add(gLossRec.mul(new Scalar(so.lambdaRec())))
                    .add(gLossCls.mul(new Scalar(so.lambdaCls())));
            gOptimizer.zeroGrad();
            dOptimizer.zeroGrad();
            gLoss.backward();
            gOptimizer.step();
            lastGFake = gLossFake.item_double();
            lastGRec = gLossRec.item_double();
            lastGCls = gLossCls.item_double();
        }
        lastLosses = new StarGanLosses(dLossReal.item_double(), dLossFake.item_double(), dLossCls.item_double(),
                dLossGp.item_double(), lastGFake, lastGRec, lastGCls);
        return xFake;
    }

    /**
     * The reference's {@code gradient_penalty} on {@code x_hat = alpha * real + (1 - alpha) * fake} (both
     * detached): {@code mean((||dD_src(x_hat)/dx_hat||_2 - 1)^2)}, the gradient taken with {@code create_graph}
     * so that the penalty back-propagates into D. Unlike the pix2pix code's penalty, no epsilon is added
     * before the norm.
     *
     * @param d the discriminator
     * @param real real images [N, 3, H, W]
     * @param fake generated images, same shape
     * @param alpha interpolation weights [N, 1, 1, 1], same dtype
     * @return the unweighted penalty, a scalar in the graph
     */
    public static Tensor gradientPenalty(StarGanDiscriminator d, Tensor real, Tensor fake, Tensor alpha) {
        Tensor xHat = alpha.mul(real.detach()).add(alpha.neg().add(new Scalar(1.0)).mul(fake.detach())).detach()
                .set_requires_grad(true);
        Tensor out = d.forward(xHat).src();
        TensorVector grads = torch.grad(new TensorVector(out), new TensorVector(xHat),
                new TensorVector(torch.ones_like(out)), new BoolOptional(true), true, false);
        Tensor dydx = grads.get(0).view(xHat.size(0), -1);
        Tensor norm = dydx.pow(new Scalar(2.0)).sum(new long[] {1}, false, new org.bytedeco.pytorch.ScalarTypeOptional())
                .sqrt();
        return norm.sub(new Scalar(1.0)).pow(new Scalar(2.0)).mean();
    }

    private Tensor clsPart(Tensor cls, StarGanDatasetKind part) {
        if (so.dataset() != StarGanDatasetKind.BOTH) {
            return cls;
        }
        return part == StarGanDatasetKind.CELEBA ? cls.narrow(1, 0, so.cDim()) : cls.narrow(1, so.cDim(), so.c2Dim());
    }

    /** CelebA: BCE with logits summed over attributes and averaged over the batch; RaFD: cross-entropy. */
    private Tensor classificationLoss(Tensor logit, float[] target, int width, StarGanDatasetKind part) {
        int n = (int) logit.size(0);
        if (part == StarGanDatasetKind.CELEBA) {
            Tensor t = onDevice(Tensors.fromFloats(target, n, width));
            return torch.binary_cross_entropy_with_logits(logit, t, new TensorOptional(), new TensorOptional(), SUM)
                    .div(new Scalar((double) n));
        }
        long[] idx = StarGanLabels.argmax(target, width);
        float[] asFloat = new float[idx.length];
        for (int i = 0; i < idx.length; i++) {
            asFloat[i] = idx[i];
        }
        Tensor t = onDevice(Tensors.fromFloats(asFloat, n).to(torch.ScalarType.Long));
        return torch.cross_entropy_loss(logit, t);
    }

    /** The generator's label row for one dataset's labels: as is, or in the Both layout with the mask. */
    private float[] generatorLabels(float[] labels, int n, StarGanDatasetKind part) {
        if (so.dataset() != StarGanDatasetKind.BOTH) {
            return labels;
        }
        return StarGanLabels.withMask(labels, n, so.cDim(), so.c2Dim(), part == StarGanDatasetKind.CELEBA);
    }

    private Tensor labelTensor(float[] rows, int n) {
        return onDevice(Tensors.fromFloats(rows, n, rows.length / n));
    }

    private static float[] columns(float[] labels, int n, int from, int count) {
        int width = labels.length / n;
        float[] out = new float[n * count];
        for (int r = 0; r < n; r++) {
            System.arraycopy(labels, r * width + from, out, r * count, count);
        }
        return out;
    }

    /**
     * The reference's decay: at every {@code --lr_update_step}-th iteration within the last
     * {@code --num_iters_decay}, subtract {@code initial / num_iters_decay} from each rate. Floating-point
     * subtraction can leave about -1e-21 after the last decrement; it is clamped to 0.
     */
    private void decayLearningRates() {
        if (iteration % so.lrUpdateStep() == 0 && iteration > so.numIters() - so.numItersDecay()) {
            gOptimizer.setLr(Math.max(0, gOptimizer.lr() - so.gLr() / so.numItersDecay()));
            dOptimizer.setLr(Math.max(0, dOptimizer.lr() - so.dLr() / so.numItersDecay()));
        }
    }

    /**
     * The rates an uninterrupted run has after {@code iters} iterations, by the same repeated subtraction.
     *
     * @param initial {@code --g_lr} or {@code --d_lr}
     * @param iters iterations done
     * @param o the schedule
     * @return the rate for the next iteration
     */
    static double rateAfter(double initial, long iters, StarGanOptions o) {
        double lr = initial;
        for (long k = o.lrUpdateStep(); k <= iters; k += o.lrUpdateStep()) {
            if (k > o.numIters() - o.numItersDecay()) {
                lr = Math.max(0, lr - initial / o.numItersDecay());
            }
        }
        return lr;
    }

    @Override
    public List<Visual> evaluate(ModelInput input) {
        Tensor x = onDevice(input.realA());
        int n = (int) x.size(0);
        float[] labels = input.labels();
        if (so.dataset() != StarGanDatasetKind.RAFD && (labels == null || labels.length < n * so.cDim())) {
            throw new InvalidOptionException("--model stargan needs each image's attributes to build its targets");
        }
        List<float[]> targets = sampleTargets(labels == null ? null : columns(labels, n, 0,
                so.dataset() == StarGanDatasetKind.RAFD ? so.cDim() : so.cDim()), n);
        try (NoGradGuard ng = new NoGradGuard()) {
            return List.of(new Visual("images", grid(x, targets)));
        }
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
     * The reference's sample image: per input image one row, the input followed by its translation to each
     * target ({@code torch.cat(x_fake_list, dim=3)} saved with {@code nrow=1, padding=0}).
     *
     * @param x images [N, 3, H, W] on the model's device
     * @param targets label arrays of N rows each
     * @return the grid, 3 x N*H x (1 + targets) * W, in [-1, 1]
     */
    public ImagePlane grid(Tensor x, List<float[]> targets) {
        int n = (int) x.size(0);
        try (Scope s = Scope.open(); NoGradGuard ng = new NoGradGuard()) {
            Tensor[] parts = new Tensor[targets.size() + 1];
            parts[0] = x;
            for (int i = 0; i < targets.size(); i++) {
                parts[i + 1] = g.forward(x, labelTensor(targets.get(i), n));
            }
            Tensor row = Tensors.cat(3, parts);
            long[] sh = Tensors.shape(row);
            Tensor img = row.permute(1, 0, 2, 3).reshape(sh[1], sh[0] * sh[2], sh[3]);
            return new ImagePlane((int) sh[1], (int) (sh[0] * sh[2]), (int) sh[3], Tensors.toFloats(img));
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

    @Override
    public TrainingState state() {
        Map<String, AdamState> opt = new LinkedHashMap<>();
        optimizers.forEach((k, v) -> opt.put(k, v.state()));
        return new TrainingState(opt, Map.of(), rng.state());
    }

    /**
     * Restores optimizers and the generator; the iteration count is recovered from D's optimizer, which is
     * stepped exactly once per dataset per iteration.
     *
     * @param state a value from {@link #state()} of a model with the same options
     */
    @Override
    public void loadState(TrainingState state) {
        if (!state.optimizers().keySet().equals(optimizers.keySet()) || !state.imagePools().isEmpty()) {
            throw new CheckpointException("training state holds optimizers " + state.optimizers().keySet()
                    + " and pools " + state.imagePools().keySet() + " but model stargan has "
                    + optimizers.keySet() + " and none; resume with --model stargan");
        }
        optimizers.forEach((k, v) -> v.load(state.optimizers().get(k)));
        rng = Rng.restore(state.rng());
        AdamState.Entry first = state.optimizers().get("D").entries().get(0);
        long dSteps = first == null ? 0 : first.step();
        iteration = dSteps / (so.dataset() == StarGanDatasetKind.BOTH ? 2 : 1);
    }

    /**
     * @param dir the model folder ({@code --model_save_dir})
     * @param iters an iteration count
     * @param net {@code G} or {@code D}
     * @return the reference's checkpoint file, {@code <dir>/<iters>-<net>.ckpt}
     */
    public static Path checkpointFile(Path dir, long iters, String net) {
        return dir.resolve(iters + "-" + net + ".ckpt");
    }

    /**
     * Writes {@code <iteration>-G.ckpt} and {@code <iteration>-D.ckpt} as {@code torch.save(state_dict)}, so the
     * reference's {@code restore_model} loads them; G also records the dataset and label names for translation.
     *
     * @param dir the model folder
     * @return the generator's file
     */
    public Path saveReferenceCheckpoints(Path dir) {
        Map<String, String> records = StarGanRecords.of(so);
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new CheckpointException(dir + ": cannot create the model folder (" + e.getMessage() + ")", e);
        }
        Path gFile = checkpointFile(dir, iteration, "G");
        PthWriter.write(gFile, ModuleWeights.export(g), records);
        PthWriter.write(checkpointFile(dir, iteration, "D"), ModuleWeights.export(d));
        return gFile;
    }

    /**
     * The reference's {@code restore_model(resume_iters)}: loads {@code <iters>-G.ckpt} and {@code <iters>-D.ckpt}
     * and continues from iteration {@code iters}. The reference restarts both rates at their initial values on
     * resume; here they are set to what an uninterrupted run would have at that iteration. Optimizer moments
     * start from zero, as in the reference (its checkpoints hold weights only).
     *
     * @param dir the model folder
     * @param iters {@code --resume_iters}
     */
    public void restoreReferenceCheckpoints(Path dir, int iters) {
        Path gFile = checkpointFile(dir, iters, "G");
        Path dFile = checkpointFile(dir, iters, "D");
        ModuleWeights.load(g, PthReader.read(gFile), gFile.getFileName().toString());
        if (Files.exists(dFile) || dOptimizer != null) {
            ModuleWeights.load(d, PthReader.read(dFile), dFile.getFileName().toString());
        }
        iteration = iters;
        if (gOptimizer != null) {
            gOptimizer.setLr(rateAfter(so.gLr(), iters, so));
            dOptimizer.setLr(rateAfter(so.dLr(), iters, so));
        }
    }

    private Tensor onDevice(Tensor t) {
        return device.isCuda() ? t.to(device.toNative(), t.scalar_type()) : t;
    }

    @Override
    public void close() {
        optimizers.values().forEach(Adam::close);
        g.close();
        d.close();
    }

    /** @return a short description for messages */
    @Override
    public String toString() {
        return "StarGanModel[" + so.dataset().cliName() + ", c_dim " + so.cDim() + ", iteration " + iteration + ", "
                + Arrays.toString(new int[] {so.imageSize(), so.gConvDim(), so.dConvDim()}) + "]";
    }
}
