package io.transmute.cli;

import io.transmute.core.InvalidOptionException;
import io.transmute.core.model.ModelInput;
import io.transmute.core.model.ModelOptions;
import io.transmute.core.model.ModelRegistry;
import io.transmute.core.model.ModelSpec;
import io.transmute.core.model.StarGanModel;
import io.transmute.core.model.StarGanOptions;
import io.transmute.core.model.TranslationModel;
import io.transmute.core.torch.Device;
import io.transmute.core.torch.Scope;
import io.transmute.core.train.Rng;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/** Training-step workloads for {@code transmute bench}: full-size reference models on random images. */
final class TrainingBench {
    private TrainingBench() {
    }

    static BenchCommand.Workload create(String what, int size, int batchSize, Device device) {
        String model = switch (what) {
            case "p2p_train" -> "pix2pix";
            case "cycle_train" -> "cycle_gan";
            case "stargan_train" -> StarGanModel.NAME;
            default -> throw new InvalidOptionException("--what " + what
                    + " is not a benchmark; use infer, p2p_train, cycle_train or stargan_train");
        };
        boolean star = model.equals(StarGanModel.NAME);
        ModelSpec spec = ModelRegistry.get(model);
        ModelOptions.Builder given = new ModelOptions.Builder();
        if (star) {
            // the reference's CelebA defaults (c_dim 5, 64 filters, 6 blocks each) at the benchmark's size
            given.set(ModelOptions.STARGAN, StarGanOptions.DEFAULTS.withNetworks(size, 64, 64, 6, 6));
        }
        TranslationModel m = spec.create(spec.resolve(given), device, new Rng(0));
        Tensor a = random(batchSize, size, device);
        Tensor b = random(batchSize, size, device);
        float[] labels = star ? randomLabels(batchSize, StarGanOptions.DEFAULTS.cDim()) : null;
        return new BenchCommand.Workload() {
            @Override
            public void step() {
                try (Scope s = Scope.open()) {
                    m.trainStep(star ? ModelInput.labelled(a, labels) : ModelInput.of(a, b));
                }
            }

            @Override
            public void close() {
                m.close();
                a.close();
                b.close();
            }
        };
    }

    /** Attribute labels as CelebA's: each 0 or 1 with equal chance, from a fixed seed. */
    private static float[] randomLabels(int n, int cDim) {
        Rng rng = new Rng(1);
        float[] out = new float[n * cDim];
        for (int i = 0; i < out.length; i++) {
            out[i] = rng.nextBoolean() ? 1f : 0f;
        }
        return out;
    }

    private static Tensor random(int n, int size, Device device) {
        Tensor t = torch.rand(n, 3, size, size).mul(new org.bytedeco.pytorch.Scalar(2.0))
                .sub(new org.bytedeco.pytorch.Scalar(1.0));
        return device.isCuda() ? t.to(device.toNative(), t.scalar_type()) : t;
    }
}
