package io.transmute.core.model;

import java.util.ArrayList;
import java.util.List;

/**
 * One CycleGAN step's losses, under the reference's labels and order.
 *
 * @param dA {@code D_A}: {@code 0.5 * (real + fake)} for the discriminator of domain B images
 * @param gA {@code G_A}: adversarial loss of G_A (A to B) against D_A
 * @param cycleA {@code cycle_A}: {@code lambda_A * mean|G_B(G_A(A)) - A|}
 * @param idtA {@code idt_A}: {@code lambda_B * lambda_identity * mean|G_A(B) - B|}; 0.0 when identity is off
 * @param dB {@code D_B}
 * @param gB {@code G_B}
 * @param cycleB {@code cycle_B}
 * @param idtB {@code idt_B}
 * @param gPerceptual {@code G_perceptual}: {@code lambda_perceptual} times the VGG-16 feature distance between
 *     each real image and its reconstruction, summed over both domains; reported only with
 *     {@code --lambda_perceptual > 0} (not in the reference), NaN when off
 */
public record CycleGanLosses(double dA, double gA, double cycleA, double idtA, double dB, double gB, double cycleB,
        double idtB, double gPerceptual) implements Losses {
    @Override
    public List<Metric> values() {
        List<Metric> out = new ArrayList<>(List.of(new Metric("D_A", dA), new Metric("G_A", gA),
                new Metric("cycle_A", cycleA), new Metric("idt_A", idtA), new Metric("D_B", dB),
                new Metric("G_B", gB), new Metric("cycle_B", cycleB), new Metric("idt_B", idtB)));
        if (!Double.isNaN(gPerceptual)) {
            out.add(new Metric("G_perceptual", gPerceptual));
        }
        return List.copyOf(out);
    }
}
