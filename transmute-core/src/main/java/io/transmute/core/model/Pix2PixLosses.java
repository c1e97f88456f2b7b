package io.transmute.core.model;

import java.util.ArrayList;
import java.util.List;

/**
 * One pix2pix step's losses, as computed inside the step (D's with the discriminator before its update, G's
 * with the updated discriminator).
 *
 * @param gGan {@code G_GAN}: the generator's adversarial loss
 * @param gL1 {@code G_L1}: {@code lambda_L1 * mean|fake_B - real_B|}
 * @param dReal {@code D_real}
 * @param dFake {@code D_fake}
 * @param dGp {@code D_GP}: the gradient penalty, reported only with {@code --gan_mode wgangp} (not in the
 *     reference, whose pix2pix has none); NaN when there is none
 * @param gPerceptual {@code G_perceptual}: {@code lambda_perceptual} times the VGG-16 feature distance between
 *     G(A) and B, reported only with {@code --lambda_perceptual > 0}; NaN when off
 */
public record Pix2PixLosses(double gGan, double gL1, double dReal, double dFake, double dGp, double gPerceptual)
        implements Losses {
    @Override
    public List<Metric> values() {
        List<Metric> out = new ArrayList<>(List.of(new Metric("G_GAN", gGan), new Metric("G_L1", gL1),
                new Metric("D_real", dReal), new Metric("D_fake", dFake)));
        if (!Double.isNaN(gPerceptual)) {
            out.add(new Metric("G_perceptual", gPerceptual));
        }
        if (!Double.isNaN(dGp)) {
            out.add(new Metric("D_GP", dGp));
        }
        return List.copyOf(out);
    }
}
