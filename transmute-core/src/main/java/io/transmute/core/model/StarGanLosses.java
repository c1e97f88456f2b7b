package io.transmute.core.model;

import java.util.List;

/**
 * One StarGAN iteration's losses under the reference's log labels. The generator is updated only every
 * {@code --n_critic} iterations; in between, its values are those of its latest update (0.0 before the first).
 *
 * @param dReal {@code D/loss_real}
 * @param dFake {@code D/loss_fake}
 * @param dCls {@code D/loss_cls}
 * @param dGp {@code D/loss_gp}
 * @param gFake {@code G/loss_fake}
 * @param gRec {@code G/loss_rec}
 * @param gCls {@code G/loss_cls}
 */
public record StarGanLosses(double dReal, double dFake, double dCls, double dGp, double gFake, double gRec,
        double gCls) implements Losses {
    /** The labels in the reference's logging order. */
    public static final List<String> NAMES =
            List.of("D/loss_real", "D/loss_fake", "D/loss_cls", "D/loss_gp", "G/loss_fake", "G/loss_rec", "G/loss_cls");

    @Override
    public List<Metric> values() {
        return List.of(new Metric(NAMES.get(0), dReal), new Metric(NAMES.get(1), dFake),
                new Metric(NAMES.get(2), dCls), new Metric(NAMES.get(3), dGp), new Metric(NAMES.get(4), gFake),
                new Metric(NAMES.get(5), gRec), new Metric(NAMES.get(6), gCls));
    }
}
