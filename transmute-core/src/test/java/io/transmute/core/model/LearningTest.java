package io.transmute.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.transmute.core.random.Rng;
import io.transmute.core.torch.Device;
import io.transmute.core.torch.Scope;
import io.transmute.core.torch.Tensors;
import io.transmute.core.torch.Torch;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

/** Tiny models learn tiny, known mappings in seconds. */
class LearningTest {
    private static final int SIZE = 32;

    /** Images with a random background colour and a random rectangle of another colour, in [-1, 1]. */
    private static float[] shapes(Rng rng, int n, float[] meanColour, double spread) {
        float[] out = new float[n * 3 * SIZE * SIZE];
        for (int i = 0; i < n; i++) {
            double[] bg = new double[3];
            double[] fg = new double[3];
            for (int c = 0; c < 3; c++) {
                bg[c] = clamp(meanColour[c] + spread * (2 * rng.nextDouble() - 1));
                fg[c] = clamp(meanColour[c] + spread * (2 * rng.nextDouble() - 1));
            }
            int x0 = rng.nextInt(SIZE / 2);
            int y0 = rng.nextInt(SIZE / 2);
            int w = 4 + rng.nextInt(SIZE / 2);
            int h = 4 + rng.nextInt(SIZE / 2);
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < SIZE; y++) {
                    for (int x = 0; x < SIZE; x++) {
                        boolean inside = x >= x0 && x < x0 + w && y >= y0 && y < y0 + h;
                        out[((i * 3 + c) * SIZE + y) * SIZE + x] = (float) (inside ? fg[c] : bg[c]);
                    }
                }
            }
        }
        return out;
    }

    private static double clamp(double v) {
        return Math.max(-1, Math.min(1, v));
    }

    private static double heldOutL1(TranslationModel model, Tensor a, Tensor b) {
        try (Scope s = Scope.open()) {
            return model.translate(a).sub(b).abs().mean().item_double();
        }
    }

    @Test
    void pix2pix_learnsColourInversion_halvingHeldOutL1() {
        Torch.init(1);
        torch.manual_seed(0);
        ModelSpec spec = ModelRegistry.get("pix2pix");
        ModelOptions o = spec.resolve(new ModelOptions.Builder().set(ModelOptions.NGF, 8).set(ModelOptions.NDF, 8)
                .set(ModelOptions.NET_G, "unet_32").set(ModelOptions.NO_DROPOUT, true).set(ModelOptions.LR, 1e-3));
        Rng data = new Rng(11);
        float[] testA = shapes(data, 8, new float[] {0, 0, 0}, 0.9);
        try (TranslationModel model = spec.create(o, Device.CPU, new Rng(1)); Scope outer = Scope.open()) {
            Tensor heldA = Tensors.fromFloats(testA, 8, 3, SIZE, SIZE);
            Tensor heldB = heldA.neg();
            double before = heldOutL1(model, heldA, heldB);
            for (int step = 0; step < 250; step++) {
                try (Scope s = Scope.open()) {
                    Tensor a = Tensors.fromFloats(shapes(data, 4, new float[] {0, 0, 0}, 0.9), 4, 3, SIZE, SIZE);
                    model.trainStep(ModelInput.of(a, a.neg()));
                }
            }
            double after = heldOutL1(model, heldA, heldB);
            System.out.printf("pix2pix inversion held-out L1: untrained %.4f, trained %.4f%n", before, after);
            assertThat(after).isLessThan(before / 2);
        }
    }

    @Test
    void cycleGan_cycleLossFalls_andGeneratorOutputMovesTowardDomainB() {
        Torch.init(1);
        torch.manual_seed(0);
        ModelSpec spec = ModelRegistry.get("cycle_gan");
        ModelOptions o = spec.resolve(new ModelOptions.Builder().set(ModelOptions.NGF, 8).set(ModelOptions.NDF, 8)
                .set(ModelOptions.NET_G, "resnet_2blocks").set(ModelOptions.LR, 1e-3));
        float[] red = {0.6f, -0.6f, -0.6f};
        float[] blue = {-0.6f, -0.6f, 0.6f};
        Rng data = new Rng(5);
        List<Double> cycle = new ArrayList<>();
        try (TranslationModel model = spec.create(o, Device.CPU, new Rng(2)); Scope outer = Scope.open()) {
            Tensor heldA = Tensors.fromFloats(shapes(data, 4, red, 0.3), 4, 3, SIZE, SIZE);
            double before = distanceToColour(model.translate(heldA), blue);
            for (int step = 0; step < 40; step++) {
                try (Scope s = Scope.open()) {
                    Tensor a = Tensors.fromFloats(shapes(data, 2, red, 0.3), 2, 3, SIZE, SIZE);
                    Tensor b = Tensors.fromFloats(shapes(data, 2, blue, 0.3), 2, 3, SIZE, SIZE);
                    CycleGanLosses l = (CycleGanLosses) model.trainStep(ModelInput.of(a, b)).losses();
                    cycle.add(l.cycleA() + l.cycleB());
                }
            }
            double after = distanceToColour(model.translate(heldA), blue);
            double first = cycle.subList(0, 5).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            double last = cycle.subList(35, 40).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            System.out.printf("cycle_gan cycle loss %.4f -> %.4f; G_A(A) mean colour distance to B %.4f -> %.4f%n",
                    first, last, before, after);
            assertThat(last).isLessThan(first * 0.7);
            assertThat(after).isLessThan(before * 0.7);
        }
    }

    /** Euclidean distance between a batch's mean colour and a target colour. */
    private static double distanceToColour(Tensor batch, float[] colour) {
        try (Scope s = Scope.open()) {
            float[] mean = Tensors.toFloats(batch.mean(new long[] {0, 2, 3}, false,
                    new org.bytedeco.pytorch.ScalarTypeOptional()));
            double d = 0;
            for (int c = 0; c < 3; c++) {
                d += (mean[c] - colour[c]) * (mean[c] - colour[c]);
            }
            return Math.sqrt(d);
        }
    }
}
