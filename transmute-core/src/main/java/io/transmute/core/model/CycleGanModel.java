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
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * The reference {@code models/cycle_gan_model.py}: generators G_A (A to B) and G_B (B to A), discriminators
 * D_A (judges B images) and D_B (judges A images). One step first updates both generators together (adversarial,
 * cycle-consistency and, when {@code lambda_identity > 0}, identity losses) with the discriminators frozen, then
 * both discriminators on real images and fakes drawn through an {@link ImagePool} each.
 */
final class CycleGanModel extends BaseModel {
    private final Net netGA;
    private final Net netGB;
    private final Net netDA;
    private final Net netDB;
    private final Adam optimizerG;
    private final Adam optimizerD;
    private final ImagePool fakeAPool;
    private final ImagePool fakeBPool;
    private final GanLoss criterionGan;
    private final GradientPenalty penalty;
    private final PerceptualTerm perceptual;
    // null: the pools draw from the model's generator (which a resume replaces, so it is looked up per step)
    private PoolDraws fakeBDraws;
    private PoolDraws fakeADraws;

    CycleGanModel(ModelOptions options, Device device, Rng rng) {
        super("cycle_gan", check(options), device, rng);
        netGA = generator("G_A", options.inputNc(), options.outputNc());
        netGB = generator("G_B", options.outputNc(), options.inputNc());
        if (options.isTrain()) {
            netDA = discriminator("D_A", options.outputNc());
            netDB = discriminator("D_B", options.inputNc());
            fakeAPool = pool("fake_A_pool");
            fakeBPool = pool("fake_B_pool");
            criterionGan = new GanLoss(options.ganMode());
            penalty = options.ganMode() == GanMode.WGANGP ? GradientPenalty.DEFAULT : null;
            optimizerG = optimizer("G", netGA, netGB);
            optimizerD = optimizer("D", netDA, netDB);
            perceptual = perceptualTerm(options.inputNc(), options.outputNc());
        } else {
            perceptual = null;
            netDA = null;
            netDB = null;
            fakeAPool = null;
            fakeBPool = null;
            criterionGan = null;
            penalty = null;
            optimizerG = null;
            optimizerD = null;
        }
    }

    private static ModelOptions check(ModelOptions o) {
        double lambdaIdentity = CycleGanOptions.from(o).lambdaIdentity();
        if (o.isTrain() && lambdaIdentity > 0 && o.inputNc() != o.outputNc()) {
            throw new InvalidOptionException("--lambda_identity " + lambdaIdentity + " compares G_A(B) with B,"
                    + " so it needs --input_nc equal to --output_nc (got " + o.inputNc() + " and " + o.outputNc()
                    + "); use --lambda_identity 0");
        }
        return o;
    }

    /**
     * Creates a CycleGAN model.
     *
     * @param options resolved options
     * @param device where the networks live
     * @param rng the model's random generator (image pools, gradient-penalty weights)
     * @return the model
     */
    static TranslationModel create(ModelOptions options, Device device, Rng rng) {
        return new CycleGanModel(options, device, rng);
    }

    @Override
    public StepResult trainStep(ModelInput input) {
        if (optimizerD == null) {
            throw new InvalidOptionException("model cycle_gan was built for testing; build it with isTrain");
        }
        TwoWayPass pass = TwoWayPass.run(name(), netGA, netGB, input, this::onDevice);
        Tensor realA = pass.realA();
        Tensor realB = pass.realB();
        Tensor fakeB = pass.fakeB();
        Tensor recA = pass.recA();
        Tensor fakeA = pass.fakeA();
        Tensor recB = pass.recB();

        setRequiresGrad(false, netDA, netDB);
        optimizerG.zeroGrad();
        CycleGanOptions own = CycleGanOptions.from(options);
        double lambdaIdt = own.lambdaIdentity();
        double lambdaA = own.lambdaA();
        double lambdaB = own.lambdaB();
        Tensor idtA = null;
        Tensor idtB = null;
        Tensor lossIdtA = null;
        Tensor lossIdtB = null;
        if (lambdaIdt > 0) {
            idtA = netGA.forward(realB);
            lossIdtA = torch.l1_loss(idtA, realB).mul(new Scalar(lambdaB)).mul(new Scalar(lambdaIdt));
            idtB = netGB.forward(realA);
            lossIdtB = torch.l1_loss(idtB, realA).mul(new Scalar(lambdaA)).mul(new Scalar(lambdaIdt));
        }
        Tensor lossGA = criterionGan.apply(netDA.forward(fakeB), true);
        Tensor lossGB = criterionGan.apply(netDB.forward(fakeA), true);
        Tensor lossCycleA = torch.l1_loss(recA, realA).mul(new Scalar(lambdaA));
        Tensor lossCycleB = torch.l1_loss(recB, realB).mul(new Scalar(lambdaB));
        Tensor lossG = lossGA.add(lossGB).add(lossCycleA).add(lossCycleB);
        if (lossIdtA != null) {
            lossG = lossG.add(lossIdtA).add(lossIdtB);
        }
        double gPerceptual = Double.NaN;
        if (perceptual != null) {
            Tensor p = perceptual.compute(recA, realA).add(perceptual.compute(recB, realB));
            gPerceptual = p.item_double();
            lossG = lossG.add(p);
        }
        lossG.backward();
        optimizerG.step();

        setRequiresGrad(true, netDA, netDB);
        optimizerD.zeroGrad();
        Tensor lossDA = backwardD(netDA, realB, fakeBPool.query(fakeB, fakeBDraws != null ? fakeBDraws
                : PoolDraws.from(rng)));
        Tensor lossDB = backwardD(netDB, realA, fakeAPool.query(fakeA, fakeADraws != null ? fakeADraws
                : PoolDraws.from(rng)));
        optimizerD.step();

        CycleGanLosses losses = new CycleGanLosses(lossDA.item_double(), lossGA.item_double(),
                lossCycleA.item_double(), lossIdtA == null ? 0.0 : lossIdtA.item_double(), lossDB.item_double(),
                lossGB.item_double(), lossCycleB.item_double(), lossIdtB == null ? 0.0 : lossIdtB.item_double(),
                gPerceptual);
        return new StepResult(losses, visuals(realA, fakeB, recA, idtB, realB, fakeA, recB, idtA));
    }

    /**
     * Replaces the image pools' random choices, for replaying the reference's own draws.
     *
     * @param fakeB the choices of the pool of G_A's fakes (queried first, for D_A)
     * @param fakeA the choices of the pool of G_B's fakes (for D_B)
     */
    void usePoolDraws(PoolDraws fakeB, PoolDraws fakeA) {
        fakeBDraws = fakeB;
        fakeADraws = fakeA;
    }

    /** The reference's {@code backward_D_basic}: real first, then the (pooled) fake, averaged; backward. */
    private Tensor backwardD(Net netD, Tensor real, Tensor fake) {
        Tensor lossReal = criterionGan.apply(netD.forward(real), true);
        Tensor fakeDetached = fake.detach();
        Tensor lossFake = criterionGan.apply(netD.forward(fakeDetached), false);
        Tensor loss = lossReal.add(lossFake).mul(new Scalar(0.5));
        Tensor total = loss;
        if (penalty != null) {
            double[] alpha = new double[(int) real.size(0)];
            for (int i = 0; i < alpha.length; i++) {
                alpha[i] = rng.nextDouble();
            }
            total = loss.add(penalty.compute(netD::forward, real, fakeDetached, alpha));
        }
        total.backward();
        return loss;
    }

    static List<Visual> visuals(Tensor realA, Tensor fakeB, Tensor recA, Tensor idtB, Tensor realB,
            Tensor fakeA, Tensor recB, Tensor idtA) {
        List<Visual> out = new ArrayList<>();
        out.add(Visuals.of("real_A", realA));
        out.add(Visuals.of("fake_B", fakeB));
        out.add(Visuals.of("rec_A", recA));
        if (idtB != null) {
            out.add(Visuals.of("idt_B", idtB));
        }
        if (realB != null) {
            out.add(Visuals.of("real_B", realB));
            out.add(Visuals.of("fake_A", fakeA));
            out.add(Visuals.of("rec_B", recB));
            if (idtA != null) {
                out.add(Visuals.of("idt_A", idtA));
            }
        }
        return out;
    }

    @Override
    public List<Visual> evaluate(ModelInput input) {
        return bothWays(netGA, netGB, onDevice(input.realA()), input.hasB() ? onDevice(input.realB()) : null);
    }

    /**
     * The visuals of two generators translating both ways without gradients: A, G_A(A), G_B(G_A(A)) and, given B,
     * the same from B.
     *
     * @param realB B images, or null
     */
    static List<Visual> bothWays(Net netGA, Net netGB, Tensor realA, Tensor realB) {
        try (NoGradGuard g = new NoGradGuard()) {
            Tensor fakeB = netGA.forward(realA);
            Tensor recA = netGB.forward(fakeB);
            if (realB == null) {
                return visuals(realA, fakeB, recA, null, null, null, null, null);
            }
            Tensor fakeA = netGB.forward(realB);
            Tensor recB = netGA.forward(fakeA);
            return visuals(realA, fakeB, recA, null, realB, fakeA, recB, null);
        }
    }

    @Override
    public Tensor translate(Tensor input) {
        return evalForward(netGA, onDevice(input));
    }
}
