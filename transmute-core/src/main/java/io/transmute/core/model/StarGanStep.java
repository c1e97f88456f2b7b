package io.transmute.core.model;

import io.transmute.core.data.StarGanDatasetKind;
import io.transmute.core.loss.GradientPenalty;
import io.transmute.core.nn.StarGanDiscriminator;
import io.transmute.core.nn.StarGanGenerator;
import io.transmute.core.optim.Adam;
import io.transmute.core.torch.Tensors;
import java.util.function.UnaryOperator;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;

/**
 * One dataset's part of a yunjey/stargan iteration ({@code Solver.train()}): the D update on real images, fakes
 * {@code G(x, c_trg)} and the gradient penalty, and on every {@code --n_critic}-th iteration the G update with
 * the adversarial, classification and reconstruction losses. With {@code --dataset Both} an iteration runs one
 * part on CelebA and one on RaFD ({@code train_multi}).
 */
final class StarGanStep {
    private static final long SUM = 2;

    private final StarGanOptions so;
    private final StarGanGenerator g;
    private final StarGanDiscriminator d;
    private final Adam gOptimizer;
    private final Adam dOptimizer;
    private final UnaryOperator<Tensor> onDevice;

    /**
     * What one part computed.
     *
     * @param fake the D update's fakes, {@code G(x, c_trg)}
     * @param dReal {@code D/loss_real}
     * @param dFake {@code D/loss_fake}
     * @param dCls {@code D/loss_cls}
     * @param dGp {@code D/loss_gp}
     * @param generator the G update's losses, or null on an iteration without one
     */
    record Result(Tensor fake, double dReal, double dFake, double dCls, double dGp, GeneratorLosses generator) {
    }

    /**
     * The G update's losses.
     *
     * @param fake {@code G/loss_fake}
     * @param rec {@code G/loss_rec}
     * @param cls {@code G/loss_cls}
     */
    record GeneratorLosses(double fake, double rec, double cls) {
        /** Before the first G update, as the reference's log shows none. */
        static final GeneratorLosses NONE = new GeneratorLosses(0, 0, 0);
    }

    StarGanStep(StarGanOptions so, StarGanGenerator g, StarGanDiscriminator d, Adam gOptimizer, Adam dOptimizer,
            UnaryOperator<Tensor> onDevice) {
        this.so = so;
        this.g = g;
        this.d = d;
        this.gOptimizer = gOptimizer;
        this.dOptimizer = dOptimizer;
        this.onDevice = onDevice;
    }

    /**
     * Runs one part.
     *
     * @param x real images on the device
     * @param labelOrg their labels for this part, N x width
     * @param part which dataset's labels these are
     * @param iteration the iteration, from 1 (the reference's {@code i + 1})
     * @param draws where the target permutation and the penalty's weights come from
     * @return the fakes and losses
     */
    Result run(Tensor x, float[] labelOrg, StarGanDatasetKind part, long iteration, StepDraws draws) {
        int n = (int) x.size(0);
        int width = width(part);
        float[] labelTrg = StarGanLabels.permutedRows(labelOrg, width, draws.permutation(n));
        Tensor cOrg = labelTensor(generatorLabels(labelOrg, n, part), n);
        Tensor cTrg = labelTensor(generatorLabels(labelTrg, n, part), n);

        StarGanDiscriminator.Output real = d.forward(x);
        Tensor dLossReal = real.src().mean().neg();
        Tensor dLossCls = classificationLoss(clsPart(real.cls(), part), labelOrg, width, part);
        // the D update needs only the fakes' values: dropping G's graph at once frees its activations, which the
        // reference keeps until its G update replaces x_fake (at batch 16, 128x128: about 1 GB during that update)
        Tensor withGraph = g.forward(x, cTrg);
        Tensor xFake = withGraph.detach();
        withGraph.close();
        Tensor dLossFake = d.forward(xFake).src().mean();
        float[] alpha = draws.alpha(n);
        double[] weights = new double[n];
        for (int i = 0; i < n; i++) {
            weights[i] = alpha[i];
        }
        Tensor dLossGp = GradientPenalty.UNWEIGHTED_NO_EPSILON.compute(t -> d.forward(t).src(), x, xFake, weights);
        Tensor dLoss = dLossReal.add(dLossFake).add(dLossCls.mul(new Scalar(so.lambdaCls())))
                .add(dLossGp.mul(new Scalar(so.lambdaGp())));
        gOptimizer.zeroGrad();
        dOptimizer.zeroGrad();
        dLoss.backward();
        dOptimizer.step();

        GeneratorLosses gLosses = iteration % so.nCritic() == 0 ? generatorUpdate(x, cOrg, cTrg, labelTrg, width, part)
                : null;
        return new Result(xFake, dLossReal.item_double(), dLossFake.item_double(), dLossCls.item_double(),
                dLossGp.item_double(), gLosses);
    }

    private GeneratorLosses generatorUpdate(Tensor x, Tensor cOrg, Tensor cTrg, float[] labelTrg, int width,
            StarGanDatasetKind part) {
        // the reference leaves D trainable here and computes D's weight gradients (179 MB at the defaults) only to
        // zero them before they are used; frozen, D passes G's gradients on without them
        BaseModel.setRequiresGrad(false, d);
        Tensor gLossFake;
        Tensor gLossRec;
        Tensor gLossCls;
        try {
            Tensor xFake = g.forward(x, cTrg);
            StarGanDiscriminator.Output out = d.forward(xFake);
            gLossFake = out.src().mean().neg();
            gLossCls = classificationLoss(clsPart(out.cls(), part), labelTrg, width, part);
            Tensor xRec = g.forward(xFake, cOrg);
            gLossRec = x.sub(xRec).abs().mean();
            Tensor gLoss = gLossFake.add(gLossRec.mul(new Scalar(so.lambdaRec())))
                    .add(gLossCls.mul(new Scalar(so.lambdaCls())));
            gOptimizer.zeroGrad();
            dOptimizer.zeroGrad();
            gLoss.backward();
        } finally {
            BaseModel.setRequiresGrad(true, d);
        }
        gOptimizer.step();
        return new GeneratorLosses(gLossFake.item_double(), gLossRec.item_double(), gLossCls.item_double());
    }

    /** @return the label width of one part: c_dim, or c2_dim for the RaFD part of Both */
    int width(StarGanDatasetKind part) {
        return part == StarGanDatasetKind.RAFD && so.dataset() == StarGanDatasetKind.BOTH ? so.c2Dim() : so.cDim();
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
            Tensor t = onDevice.apply(Tensors.fromFloats(target, n, width));
            return torch.binary_cross_entropy_with_logits(logit, t, new TensorOptional(), new TensorOptional(), SUM)
                    .div(new Scalar((double) n));
        }
        long[] idx = StarGanLabels.argmax(target, width);
        float[] asFloat = new float[idx.length];
        for (int i = 0; i < idx.length; i++) {
            asFloat[i] = idx[i];
        }
        Tensor t = onDevice.apply(Tensors.fromFloats(asFloat, n).to(torch.ScalarType.Long));
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
        return onDevice.apply(Tensors.fromFloats(rows, n, rows.length / n));
    }
}
