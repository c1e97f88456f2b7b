package io.transmute.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.transmute.core.InvalidOptionException;
import io.transmute.core.random.Rng;
import io.transmute.core.testing.Fixtures;
import io.transmute.core.torch.Device;
import io.transmute.core.torch.Scope;
import io.transmute.core.torch.Tensors;
import io.transmute.core.torch.Torch;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

class PerceptualTermTest {
    private static ModelOptions.Builder tinyPix2Pix() {
        return new ModelOptions.Builder().set(ModelOptions.NET_G, "unet_32").set(ModelOptions.NGF, 8)
                .set(ModelOptions.NDF, 8);
    }

    private static StepResult step(ModelOptions.Builder b) {
        Torch.seed(1);
        ModelSpec spec = ModelRegistry.get("pix2pix");
        try (TranslationModel model = spec.create(spec.resolve(b), Device.CPU, new Rng(1));
                Scope s = Scope.open()) {
            Tensor a = torch.rand(2, 3, 32, 32).mul(Tensors.scalar(2)).sub(Tensors.scalar(1));
            return model.trainStep(ModelInput.of(a, a.flip(3)));
        }
    }

    @Test
    void pix2pix_reportsGPerceptual_onlyWhenLambdaIsPositive() {
        StepResult off = step(tinyPix2Pix());
        assertThat(off.losses().values()).extracting(Metric::name).doesNotContain("G_perceptual");
        StepResult on = step(tinyPix2Pix().set(PerceptualOptions.LAMBDA_PERCEPTUAL, 2.0)
                .set(PerceptualOptions.PERCEPTUAL_LAYERS, "relu1_2")
                .set(PerceptualOptions.VGG_WEIGHTS, Fixtures.file("vgg16_features_to_relu2_2.pth")));
        assertThat(on.losses().values()).extracting(Metric::name).containsExactly("G_GAN", "G_L1", "D_real",
                "D_fake", "G_perceptual");
        assertThat(((Pix2PixLosses) on.losses()).gPerceptual()).isPositive();
    }

    @Test
    void lambdaPerceptual_withoutVggWeights_isAUsageError() {
        assertThatThrownBy(() -> ModelRegistry.get("pix2pix").resolve(tinyPix2Pix()
                .set(PerceptualOptions.LAMBDA_PERCEPTUAL, 1.0)))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessage("--lambda_perceptual 1.0 needs --vgg_weights PATH, torchvision's ImageNet VGG-16 file"
                        + " vgg16-397923af.pth");
    }
}
