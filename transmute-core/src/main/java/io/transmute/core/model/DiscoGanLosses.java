package io.transmute.core.model;

import java.util.List;

/**
 * One DiscoGAN step's losses, labelled as CycleGAN's where they mean the same.
 *
 * @param dA {@code D_A}: real plus fake GAN loss of the discriminator of domain B images
 * @param gA {@code G_A}: adversarial loss of G_A (A to B) against D_A
 * @param recA {@code rec_A}: {@code lambda_A * mean((G_B(G_A(A)) - A)^2)}
 * @param dB {@code D_B}
 * @param gB {@code G_B}
 * @param recB {@code rec_B}
 */
public record DiscoGanLosses(double dA, double gA, double recA, double dB, double gB, double recB)
        implements Losses {
    @Override
    public List<Metric> values() {
        return List.of(new Metric("D_A", dA), new Metric("G_A", gA), new Metric("rec_A", recA),
                new Metric("D_B", dB), new Metric("G_B", gB), new Metric("rec_B", recB));
    }
}
