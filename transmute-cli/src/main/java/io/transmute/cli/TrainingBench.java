package io.transmute.cli;

import io.transmute.core.InvalidOptionException;
import io.transmute.core.model.ModelInput;
import io.transmute.core.model.ModelOptions;
import io.transmute.core.model.ModelRegistry;
import io.transmute.core.model.ModelSpec;
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
            default -> throw new InvalidOptionException("--what " + what
                    + " is not a benchmark; use infer, p2p_train or cycle_train");
        };
        ModelSpec spec = ModelRegistry.get(model);
        ModelOptions options = spec.resolve(new ModelOptions.Builder());
        TranslationModel m = spec.create(options, device, new Rng(0));
        Tensor a = random(batchSize, size, device);
        Tensor b = random(batchSize, size, device);
        return new BenchCommand.Workload() {
            @Override
            public void step() {
                try (Scope s = Scope.open()) {
                    m.trainStep(ModelInput.of(a, b));
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

    private static Tensor random(int n, int size, Device device) {
        Tensor t = torch.rand(n, 3, size, size).mul(new org.bytedeco.pytorch.Scalar(2.0))
                .sub(new org.bytedeco.pytorch.Scalar(1.0));
        return device.isCuda() ? t.to(device.toNative(), t.scalar_type()) : t;
    }
}
