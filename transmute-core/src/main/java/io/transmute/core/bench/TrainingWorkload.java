package io.transmute.core.bench;

import io.transmute.core.model.ModelInput;
import io.transmute.core.model.TranslationModel;
import io.transmute.core.torch.Scope;
import org.bytedeco.pytorch.Tensor;

/** Training steps of a model on fixed random images (and labels), each step in its own scope. */
final class TrainingWorkload implements Workload {
    private final TranslationModel model;
    private final Tensor a;
    private final Tensor b;
    private final float[] labels;

    /**
     * @param b the second domain's images, or null for a model trained on one domain
     * @param labels per-image target attributes for StarGAN, or null
     */
    TrainingWorkload(TranslationModel model, Tensor a, Tensor b, float[] labels) {
        this.model = model;
        this.a = a;
        this.b = b;
        this.labels = labels;
    }

    @Override
    public void step() {
        try (Scope s = Scope.open()) {
            model.trainStep(labels != null ? ModelInput.labelled(a, labels) : ModelInput.of(a, b));
        }
    }

    @Override
    public void close() {
        model.close();
        a.close();
        if (b != null) {
            b.close();
        }
    }
}
