package io.transmute.core.model;

import io.transmute.core.InvalidOptionException;
import io.transmute.core.random.Rng;
import io.transmute.core.torch.Device;
import io.transmute.core.torch.Net;
import java.util.List;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;

/**
 * The reference {@code models/test_model.py}: one generator, named {@code G} plus {@code --model_suffix} (so
 * {@code latest_net_G_A.pth} of a CycleGAN run loads with suffix {@code _A}), applied in one direction. It does
 * not train.
 */
final class TestModel extends BaseModel {
    private final Net netG;

    TestModel(ModelOptions options, Device device, Rng rng) {
        super("test", options, device, rng);
        netG = generator("G" + options.modelSuffix(), options.inputNc(), options.outputNc());
    }

    /**
     * Creates a test model.
     *
     * @param options resolved options
     * @param device where the network lives
     * @param rng unused; kept for a uniform factory
     * @return the model
     */
    static TranslationModel create(ModelOptions options, Device device, Rng rng) {
        return new TestModel(options, device, rng);
    }

    @Override
    public StepResult trainStep(ModelInput input) {
        throw new InvalidOptionException("--model test only translates; train with --model pix2pix or cycle_gan");
    }

    @Override
    public List<Visual> evaluate(ModelInput input) {
        Tensor real = onDevice(input.realA());
        try (NoGradGuard g = new NoGradGuard()) {
            return List.of(Visuals.of("real", real), Visuals.of("fake", netG.forward(real)));
        }
    }

    @Override
    public Tensor translate(Tensor input) {
        return evalForward(netG, onDevice(input));
    }
}
