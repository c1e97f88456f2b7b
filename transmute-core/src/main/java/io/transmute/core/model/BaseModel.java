package io.transmute.core.model;

import io.transmute.core.CheckpointException;
import io.transmute.core.InvalidOptionException;
import io.transmute.core.io.TensorData;
import io.transmute.core.loss.PerceptualTerm;
import io.transmute.core.nn.GeneratorSpec;
import io.transmute.core.nn.Init;
import io.transmute.core.optim.Adam;
import io.transmute.core.optim.AdamState;
import io.transmute.core.random.Rng;
import io.transmute.core.torch.Device;
import io.transmute.core.torch.Net;
import io.transmute.core.torch.Scope;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;

/** What every model shares: networks, optimizers, image pools, the random generator and the device. */
abstract class BaseModel implements TranslationModel {
    private final String name;
    protected final ModelOptions options;
    protected final Device device;
    protected Rng rng;
    private final NetworkSet networks = new NetworkSet();
    // insertion order: state() lists optimizers and pools in the reference's order
    private final Map<String, Adam> optimizers = new LinkedHashMap<>();
    private final Map<String, ImagePool> pools = new LinkedHashMap<>();
    private final List<AutoCloseable> resources = new ArrayList<>();

    BaseModel(String name, ModelOptions options, Device device, Rng rng) {
        this.name = name;
        this.options = options;
        this.device = device;
        this.rng = rng;
    }

    /** {@code define_G}: build, initialise with {@code init_type}/{@code init_gain}, move to the device. */
    protected final Net generator(String netName, int inputNc, int outputNc) {
        Net g = GeneratorSpec.of(options.netG(), inputNc, outputNc, options.ngf(), options.norm(),
                options.useDropout(), options.upsample()).build();
        return initialised(netName, g);
    }

    /** {@code define_D}. */
    protected final Net discriminator(String netName, int inputNc) {
        Net d = options.netD().build(inputNc, options.ndf(), options.nLayersD(), options.norm());
        return initialised(netName, d);
    }

    private Net initialised(String netName, Net net) {
        Init.apply(net, options.initType(), options.initGain());
        return network(netName, net);
    }

    /**
     * Registers a network built and initialised by the model itself and moves it to the device.
     *
     * @param netName its reference name, which names its weight files
     * @param net the network
     * @param <M> its type
     * @return {@code net}
     */
    protected final <M extends Module> M network(String netName, M net) {
        return networks.add(netName, device.move(net));
    }

    protected final Adam optimizer(String optName, Module... nets) {
        return optimizer(optName, options.lr(), 0.999, nets);
    }

    /**
     * An optimizer with its own rate and second-moment decay, as yunjey/stargan's {@code g_lr}/{@code d_lr} and
     * {@code beta2}.
     *
     * @param optName its name in the training state
     * @param lr its initial rate
     * @param beta2 second-moment decay
     * @param nets the networks it updates
     * @return the optimizer
     */
    protected final Adam optimizer(String optName, double lr, double beta2, Module... nets) {
        Adam a = Adam.of(lr, options.beta1(), beta2, nets);
        optimizers.put(optName, a);
        return a;
    }

    protected final ImagePool pool(String poolName) {
        ImagePool p = new ImagePool(options.poolSize());
        pools.put(poolName, p);
        return p;
    }

    /**
     * Makes the model own a long-lived native resource that is neither a saved network nor an optimizer, such as
     * a frozen VGG-16 for a feature loss; it is closed with the model.
     *
     * @param resource the resource
     * @param <T> its type
     * @return {@code resource}
     */
    protected final <T extends AutoCloseable> T own(T resource) {
        resources.add(resource);
        return resource;
    }

    /**
     * The optional {@code G_perceptual} term ({@code --lambda_perceptual > 0}), owned by the model.
     *
     * @param channels channel counts of the images it compares; VGG-16 takes RGB only
     * @return the term, or null when it is off
     */
    protected final PerceptualTerm perceptualTerm(int... channels) {
        PerceptualOptions p = options.perceptual();
        if (!p.perceptualOn() || !options.isTrain()) {
            return null;
        }
        for (int c : channels) {
            if (c != 3) {
                throw new InvalidOptionException("--lambda_perceptual compares RGB images through VGG-16 but --model "
                        + name + " has " + c + "-channel images; use --lambda_perceptual 0");
            }
        }
        return own(PerceptualTerm.load(p.vggWeights(), p.perceptualLayers(), p.lambdaPerceptual(), device));
    }

    /** The reference's {@code set_requires_grad}: freezes a discriminator while the generator is updated. */
    protected static void setRequiresGrad(boolean requiresGrad, Module... nets) {
        try (Scope s = Scope.open()) {
            for (Module m : nets) {
                TensorVector ps = m.parameters();
                for (long i = 0; i < ps.size(); i++) {
                    ps.get(i).set_requires_grad(requiresGrad);
                }
            }
        }
    }

    protected final Tensor onDevice(Tensor t) {
        return device.move(t);
    }

    /** Runs one network in eval mode without gradients, restoring its mode. */
    protected static Tensor evalForward(Net net, Tensor input) {
        boolean wasTraining = net.is_training();
        net.eval();
        try (NoGradGuard g = new NoGradGuard()) {
            return net.forward(input);
        } finally {
            net.train(wasTraining);
        }
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final ModelOptions options() {
        return options;
    }

    @Override
    public final NetworkSet networks() {
        return networks;
    }

    @Override
    public final Map<String, Adam> optimizers() {
        return Collections.unmodifiableMap(optimizers);
    }

    @Override
    public void setEvalMode(boolean eval) {
        for (Module m : networks.asMap().values()) {
            m.train(!eval);
        }
    }

    @Override
    public final void setLearningRate(double lr) {
        optimizers.values().forEach(o -> o.setLr(lr));
    }

    @Override
    public final double learningRate() {
        return optimizers.isEmpty() ? options.lr() : optimizers.values().iterator().next().lr();
    }

    @Override
    public final TrainingState state() {
        Map<String, AdamState> opt = new LinkedHashMap<>();
        optimizers.forEach((k, v) -> opt.put(k, v.state()));
        Map<String, List<TensorData>> saved = new LinkedHashMap<>();
        pools.forEach((k, v) -> saved.put(k, v.export()));
        return new TrainingState(opt, saved, rng.state());
    }

    @Override
    public final void loadState(TrainingState state) {
        if (!state.optimizers().keySet().equals(optimizers.keySet())
                || !state.imagePools().keySet().equals(pools.keySet())) {
            throw new CheckpointException("training state holds optimizers " + state.optimizers().keySet()
                    + " and pools " + state.imagePools().keySet() + " but model " + name + " has "
                    + optimizers.keySet() + " and " + pools.keySet() + "; resume with the same --model");
        }
        optimizers.forEach((k, v) -> v.load(state.optimizers().get(k)));
        try (Scope s = Scope.open()) {
            Tensor like = networks.asMap().values().iterator().next().parameters().get(0);
            pools.forEach((k, v) -> v.restore(state.imagePools().get(k), like));
        }
        rng = Rng.restore(state.rng());
        restored(state);
    }

    /**
     * Called at the end of {@link #loadState}, for a model that recovers more from the state than the shared
     * parts; does nothing by default.
     *
     * @param state the state just loaded
     */
    protected void restored(TrainingState state) {
    }

    @Override
    public void close() {
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot free " + r, e);
            }
        }
        resources.clear();
        optimizers.values().forEach(Adam::close);
        pools.values().forEach(ImagePool::close);
        networks.asMap().values().forEach(Module::close);
    }
}
