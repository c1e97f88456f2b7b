package io.transmute.core.model;

import io.transmute.core.InvalidOptionException;
import io.transmute.core.loss.GanLoss;
import io.transmute.core.loss.GanMode;
import io.transmute.core.loss.GradientPenalty;
import io.transmute.core.loss.PerceptualTerm;
import io.transmute.core.optim.Adam;
import io.transmute.core.random.Rng;
import io.transmute.core.torch.Device;
import io.transmute.core.torch.Net;
import io.transmute.core.torch.Tensors;
import java.util.List;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * The reference {@code models/pix2pix_model.py}: a generator G from A to B and a conditional PatchGAN D that
 * judges {@code cat(A, B)}. One step updates D on {@code G(A).detach()} and the real pair, then G on the updated
 * D's verdict plus {@code lambda_L1 * L1(G(A), B)}. With {@code --gan_mode wgangp} the discriminator loss also
 * carries the WGAN-GP penalty on interpolated pairs (the reference defines the penalty but does not call it).
 * With {@code --lambda_perceptual > 0}, G's loss also carries {@code G_perceptual}, the VGG-16 feature distance
 * between G(A) and B (not in the reference).
 */
class Pix2PixModel extends BaseModel {
    private final Net netG;
    private final Net netD;
    private final Adam optimizerG;
    private final Adam optimizerD;
    private final GanLoss criterionGan;
    private final GradientPenalty penalty;
    private final PerceptualTerm perceptual;
    private final Pix2PixOptions own;

    Pix2PixModel(String name, ModelOptions options, Device device, Rng rng) {
        super(name, options, device, rng);
        own = Pix2PixOptions.from(options);
        netG = generator("G", options.inputNc(), options.outputNc());
        if (options.isTrain()) {
            netD = discriminator("D", options.inputNc() + options.outputNc());
            criterionGan = new GanLoss(options.ganMode());
            penalty = options.ganMode() == GanMode.WGANGP ? GradientPenalty.DEFAULT : null;
            optimizerG = optimizer("G", netG);
            optimizerD = optimizer("D", netD);
            perceptual = perceptualTerm(options.outputNc());
        } else {
            perceptual = null;
            netD = null;
            criterionGan = null;
            penalty = null;
            optimizerG = null;
            optimizerD = null;
        }
    }

    /**
     * Creates a pix2pix model.
     *
     * @param options resolved options
     * @param device where the networks live
     * @param rng the model's random generator (gradient-penalty weights)
     * @return the model
     */
    static TranslationModel create(ModelOptions options, Device device, Rng rng) {
        return new Pix2PixModel("pix2pix", options, device, rng);
    }

    @Override
    public StepResult trainStep(ModelInput input) {
        if (optimizerD == null) {
            throw new InvalidOptionException("model " + name() + " was built for testing; build it with isTrain");
        }
        if (!input.hasB()) {
            throw new InvalidOptionException("--model " + name() + " trains on pairs but the batch has no B;"
                    + " use --dataset_mode aligned");
        }
        Tensor realA = onDevice(input.realA());
        Tensor realB = onDevice(input.realB());
        Tensor fakeB = netG.forward(realA);

        setRequiresGrad(true, netD);
        optimizerD.zeroGrad();
        Tensor fakeAB = Tensors.cat(1, realA, fakeB);
        Tensor lossDFake = criterionGan.apply(netD.forward(fakeAB.detach()), false);
        Tensor realAB = Tensors.cat(1, realA, realB);
        Tensor lossDReal = criterionGan.apply(netD.forward(realAB), true);
        Tensor lossD = lossDFake.add(lossDReal).mul(new Scalar(0.5));
        double gp = Double.NaN;
        if (penalty != null) {
            Tensor p = penalty.compute(netD::forward, realAB, fakeAB.detach(), alphas(realA.size(0)));
            gp = p.item_double();
            lossD = lossD.add(p);
        }
        lossD.backward();
        optimizerD.step();

        setRequiresGrad(false, netD);
        optimizerG.zeroGrad();
        Tensor lossGGan = criterionGan.apply(netD.forward(Tensors.cat(1, realA, fakeB)), true);
        Tensor lossGL1 = torch.l1_loss(fakeB, realB).mul(new Scalar(own.lambdaL1()));
        Tensor lossG = lossGGan.add(lossGL1);
        double gPerceptual = Double.NaN;
        if (perceptual != null) {
            Tensor p = perceptual.compute(fakeB, realB);
            gPerceptual = p.item_double();
            lossG = lossG.add(p);
        }
        lossG.backward();
        optimizerG.step();

        Pix2PixLosses losses = new Pix2PixLosses(lossGGan.item_double(), lossGL1.item_double(),
                lossDReal.item_double(), lossDFake.item_double(), gp, gPerceptual);
        return new StepResult(losses, visuals(realA, fakeB.detach(), realB));
    }

    private double[] alphas(long n) {
        double[] a = new double[(int) n];
        for (int i = 0; i < a.length; i++) {
            a[i] = rng.nextDouble();
        }
        return a;
    }

    /**
     * The images to show, {@code visual_names}.
     *
     * @param realA A
     * @param fakeB G(A)
     * @param realB B, or null
     * @return the visuals on the heap
     */
    protected List<Visual> visuals(Tensor realA, Tensor fakeB, Tensor realB) {
        return realB == null ? List.of(Visuals.of("real_A", realA), Visuals.of("fake_B", fakeB))
                : List.of(Visuals.of("real_A", realA), Visuals.of("fake_B", fakeB), Visuals.of("real_B", realB));
    }

    @Override
    public List<Visual> evaluate(ModelInput input) {
        Tensor realA = onDevice(input.realA());
        Tensor fakeB;
        try (NoGradGuard g = new NoGradGuard()) {
            fakeB = netG.forward(realA);
        }
        return visuals(realA, fakeB, input.hasB() ? onDevice(input.realB()) : null);
    }

    @Override
    public Tensor translate(Tensor input) {
        return evalForward(netG, onDevice(input));
    }
}
