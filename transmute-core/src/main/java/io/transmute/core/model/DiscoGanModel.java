package io.transmute.core.model;

import io.transmute.core.InvalidOptionException;
import io.transmute.core.data.DataDefaults;
import io.transmute.core.loss.GanLoss;
import io.transmute.core.loss.GanMode;
import io.transmute.core.nn.NormType;
import io.transmute.core.optim.Adam;
import io.transmute.core.random.Rng;
import io.transmute.core.torch.Device;
import io.transmute.core.torch.Net;
import io.transmute.core.torch.Tensors;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * DiscoGAN (Kim et al. 2017, "Learning to Discover Cross-Domain Relations with Generative Adversarial
 * Networks"): two encoder-decoder generators without skip connections, so that a translation may change shape
 * (handbags to shoes), G_A (A to B) and G_B (B to A), with discriminators D_A (judges B images) and D_B (judges A
 * images), named as CycleGAN's so the files are {@code latest_net_G_A.pth} and so on. The generators' loss is each
 * direction's GAN loss plus the mean squared distance between each image and its reconstruction, weighted by
 * {@code --lambda_A} and {@code --lambda_B} (the paper's sum gives both 1); each discriminator's is the GAN loss
 * on real and on fake images, summed. One step updates both generators, then both discriminators.
 */
final class DiscoGanModel extends BaseModel {
    /** The {@code --model} name. */
    static final String NAME = "discogan";
    /** The labels its steps report. */
    static final List<String> LOSS_NAMES = List.of("D_A", "G_A", "rec_A", "D_B", "G_B", "rec_B");
    /** The paper's code trains on 64x64 images in batches of 64. */
    static final DataDefaults DATA = new DataDefaults(64, 64, 64);

    private final Net netGA;
    private final Net netGB;
    private final Net netDA;
    private final Net netDB;
    private final Adam optimizerG;
    private final Adam optimizerD;
    private final GanLoss criterionGan;
    private final DiscoGanOptions own;

    private DiscoGanModel(ModelOptions options, Device device, Rng rng) {
        super(NAME, options, device, rng);
        own = DiscoGanOptions.from(options);
        netGA = generator("G_A", options.inputNc(), options.outputNc());
        netGB = generator("G_B", options.outputNc(), options.inputNc());
        if (options.isTrain()) {
            netDA = discriminator("D_A", options.outputNc());
            netDB = discriminator("D_B", options.inputNc());
            criterionGan = new GanLoss(options.ganMode());
            optimizerG = optimizer("G", netGA, netGB);
            optimizerD = optimizer("D", netDA, netDB);
        } else {
            netDA = null;
            netDB = null;
            criterionGan = null;
            optimizerG = null;
            optimizerD = null;
        }
    }

    /**
     * Creates a DiscoGAN model.
     *
     * @param options resolved options
     * @param device where the networks live
     * @param rng the model's random generator
     * @return the model
     */
    static TranslationModel create(ModelOptions options, Device device, Rng rng) {
        return new DiscoGanModel(options, device, rng);
    }

    /**
     * The paper's setup: batch norm, encoder-decoder generators for 64x64 images, the binary cross-entropy GAN
     * loss, Adam with lr 0.0002 and beta1 0.5 (the base defaults), no image pool and no dropout, and the two
     * reconstruction terms weighted equally.
     *
     * @param b the options given so far
     */
    static void defaults(ModelOptions.Builder b) {
        b.setDefault(ModelOptions.NORM, NormType.BATCH)
                .setDefault(ModelOptions.NET_G, "encoder_decoder_64")
                .setDefault(ModelOptions.GAN_MODE, GanMode.VANILLA)
                .setDefault(ModelOptions.POOL_SIZE, 0)
                .setDefault(ModelOptions.NO_DROPOUT, true)
                .setDefault(CycleGanOptions.LAMBDA_A, 1.0)
                .setDefault(CycleGanOptions.LAMBDA_B, 1.0);
    }

    @Override
    public StepResult trainStep(ModelInput input) {
        if (optimizerD == null) {
            throw new InvalidOptionException("model discogan was built for testing; build it with isTrain");
        }
        TwoWayPass p = TwoWayPass.run(NAME, netGA, netGB, input, this::onDevice);

        setRequiresGrad(false, netDA, netDB);
        optimizerG.zeroGrad();
        Tensor lossGA = criterionGan.apply(netDA.forward(p.fakeB()), true);
        Tensor lossGB = criterionGan.apply(netDB.forward(p.fakeA()), true);
        Tensor lossRecA = torch.mse_loss(p.recA(), p.realA()).mul(Tensors.scalar(own.lambdaA()));
        Tensor lossRecB = torch.mse_loss(p.recB(), p.realB()).mul(Tensors.scalar(own.lambdaB()));
        lossGA.add(lossGB).add(lossRecA).add(lossRecB).backward();
        optimizerG.step();

        setRequiresGrad(true, netDA, netDB);
        optimizerD.zeroGrad();
        Tensor lossDA = backwardD(netDA, p.realB(), p.fakeB());
        Tensor lossDB = backwardD(netDB, p.realA(), p.fakeA());
        optimizerD.step();

        DiscoGanLosses losses = new DiscoGanLosses(lossDA.item_double(), lossGA.item_double(),
                lossRecA.item_double(), lossDB.item_double(), lossGB.item_double(), lossRecB.item_double());
        return new StepResult(losses, CycleGanModel.visuals(p.realA(), p.fakeB(), p.recA(), null, p.realB(),
                p.fakeA(), p.recB(), null));
    }

    /** The discriminator's loss on a real batch and on the detached fakes, summed as the paper does; backward. */
    private Tensor backwardD(Net netD, Tensor real, Tensor fake) {
        Tensor loss = criterionGan.apply(netD.forward(real), true)
                .add(criterionGan.apply(netD.forward(fake.detach()), false));
        loss.backward();
        return loss;
    }

    @Override
    public List<Visual> evaluate(ModelInput input) {
        return CycleGanModel.bothWays(netGA, netGB, onDevice(input.realA()),
                input.hasB() ? onDevice(input.realB()) : null);
    }

    @Override
    public Tensor translate(Tensor input) {
        return evalForward(netGA, onDevice(input));
    }
}
