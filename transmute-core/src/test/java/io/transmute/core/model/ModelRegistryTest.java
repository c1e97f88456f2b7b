package io.transmute.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.transmute.core.InvalidOptionException;
import io.transmute.core.data.DatasetMode;
import io.transmute.core.data.StarGanDatasetKind;
import io.transmute.core.loss.GanMode;
import io.transmute.core.nn.NormType;
import io.transmute.core.random.Rng;
import io.transmute.core.testing.Fixtures;
import io.transmute.core.torch.Device;
import io.transmute.core.torch.Scope;
import io.transmute.core.torch.Torch;
import java.nio.file.Path;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRegistryTest {
    @TempDir
    static Path tmp;

    private static ModelOptions tiny(ModelSpec spec) {
        ModelOptions.Builder b = new ModelOptions.Builder().set(ModelOptions.NGF, 8).set(ModelOptions.NDF, 8);
        switch (spec.name()) {
            case "stargan" -> {
                return spec.resolve(b.set(ModelOptions.STARGAN, StarGanOptions.DEFAULTS
                        .withNetworks(32, 8, 8, 1, 2)
                        .withLabels(StarGanDatasetKind.RAFD, 3, 8, java.util.List.of())));
            }
            case "style_transfer" -> {
                Path style = tmp.resolve("style.png");
                try {
                    javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(16, 16,
                            java.awt.image.BufferedImage.TYPE_INT_RGB), "png", style.toFile());
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return spec.resolve(b.set(PerceptualOptions.VGG_WEIGHTS,
                        Fixtures.file("vgg16_features_to_relu2_2.pth")).set(PerceptualOptions.STYLE_IMAGE, style)
                        .set(PerceptualOptions.STYLE_LAYERS, "relu1_2"));
            }
            default -> {
                ModelOptions defaults = spec.resolve(new ModelOptions.Builder());
                String netG = defaults.netG().startsWith("unet_") ? "unet_32"
                        : defaults.netG().startsWith("encoder_decoder") ? "encoder_decoder_32" : "resnet_2blocks";
                b.set(ModelOptions.NET_G, netG);
                return spec.resolve(b);
            }
        }
    }

    private static ModelInput input(ModelSpec spec, ModelOptions o, Tensor a, Tensor b) {
        if (spec.name().equals("stargan")) {
            return ModelInput.labelled(a, new float[] {1, 0, 0, 0, 0, 1});
        }
        return ModelInput.of(a, b);
    }

    @Test
    void everyRegisteredModel_buildsAtTinySizeWithItsDefaults_andRunsOneStep() {
        Torch.init(1);
        assertThat(ModelRegistry.names()).containsExactly("pix2pix", "cycle_gan", "colorization", "stargan", "test",
                "style_transfer", "discogan");
        for (ModelSpec spec : ModelRegistry.all()) {
            ModelOptions o = tiny(spec);
            torch.manual_seed(0);
            try (TranslationModel model = spec.create(o, Device.CPU, new Rng(1)); Scope s = Scope.open()) {
                assertThat(model.name()).isEqualTo(spec.name());
                Tensor a = torch.rand(2, o.inputNc(), 32, 32).mul(new org.bytedeco.pytorch.Scalar(2)).sub(
                        new org.bytedeco.pytorch.Scalar(1));
                Tensor b = torch.rand(2, o.outputNc(), 32, 32).mul(new org.bytedeco.pytorch.Scalar(2)).sub(
                        new org.bytedeco.pytorch.Scalar(1));
                if (spec.trainable()) {
                    StepResult r = model.trainStep(input(spec, o, a, b));
                    assertThat(r.losses().values()).extracting(Metric::name).as(spec.name())
                            .containsExactlyElementsOf(spec.lossNames());
                    assertThat(r.losses().values()).allSatisfy(m -> assertThat(m.value()).isFinite());
                    // style_transfer also shows its style image, at that image's own size
                    assertThat(r.visuals()).filteredOn(v -> !v.label().equals("style"))
                            .allSatisfy(v -> assertThat(v.image().height()).isEqualTo(32));
                } else {
                    assertThat(model.evaluate(ModelInput.of(a, null))).extracting(Visual::label)
                            .containsExactly("real", "fake");
                    assertThatThrownBy(() -> model.trainStep(ModelInput.of(a, null)))
                            .isInstanceOf(InvalidOptionException.class);
                }
                // StarGAN's generator takes the image with its target labels tiled over it
                Tensor x = spec.name().equals("stargan")
                        ? io.transmute.core.torch.Tensors.cat(1, a, torch.zeros(2, 3, 32, 32)) : a;
                assertThat(model.translate(x).size(1)).isEqualTo(spec.name().equals("stargan") ? 3 : o.outputNc());
            }
        }
    }

    @Test
    void defaults_followEachModelsModifyCommandlineOptions_withoutOverridingGivenValues() {
        ModelOptions p2p = ModelRegistry.get("pix2pix").resolve(new ModelOptions.Builder());
        assertThat(p2p.norm()).isEqualTo(NormType.BATCH);
        assertThat(p2p.netG()).isEqualTo("unet_256");
        assertThat(p2p.datasetMode()).isEqualTo(DatasetMode.ALIGNED);
        assertThat(p2p.ganMode()).isEqualTo(GanMode.VANILLA);
        assertThat(p2p.poolSize()).isZero();
        assertThat(Pix2PixOptions.from(p2p).lambdaL1()).isEqualTo(100.0);

        ModelOptions cyc = ModelRegistry.get("cycle_gan").resolve(new ModelOptions.Builder()
                .set(ModelOptions.POOL_SIZE, 7));
        assertThat(cyc.noDropout()).isTrue();
        assertThat(cyc.ganMode()).isEqualTo(GanMode.LSGAN);
        assertThat(cyc.poolSize()).isEqualTo(7);
        assertThat(cyc.isGiven(ModelOptions.POOL_SIZE)).isTrue();
        assertThat(cyc.isGiven(ModelOptions.NO_DROPOUT)).isFalse();
        assertThat(cyc.netG()).isEqualTo("resnet_9blocks");
        assertThat(cyc.norm()).isEqualTo(NormType.INSTANCE);
        assertThat(CycleGanOptions.from(cyc).lambdaIdentity()).isEqualTo(0.5);

        ModelOptions col = ModelRegistry.get("colorization").resolve(new ModelOptions.Builder());
        assertThat(col.inputNc()).isEqualTo(1);
        assertThat(col.outputNc()).isEqualTo(2);
        assertThat(col.datasetMode()).isEqualTo(DatasetMode.COLORIZATION);
        assertThat(col.norm()).isEqualTo(NormType.BATCH);

        ModelOptions test = ModelRegistry.get("test").resolve(new ModelOptions.Builder()
                .set(ModelOptions.MODEL_SUFFIX, "_A"));
        assertThat(test.datasetMode()).isEqualTo(DatasetMode.SINGLE);
        assertThat(test.isTrain()).isFalse();
    }

    @Test
    void unknownModel_isAUsageErrorListingTheKnownNames() {
        assertThatThrownBy(() -> ModelRegistry.get("pix2pixhd")).isInstanceOf(InvalidOptionException.class)
                .hasMessage("--model 'pix2pixhd' is not a model; use one of pix2pix, cycle_gan, colorization, stargan,"
                        + " test, style_transfer, discogan");
    }

    @Test
    void invalidOptions_failWithOneLineNamingTheOption() {
        ModelSpec spec = ModelRegistry.get("cycle_gan");
        assertThatThrownBy(() -> spec.resolve(new ModelOptions.Builder().set(CycleGanOptions.LAMBDA_A, -1.0)))
                .isInstanceOf(InvalidOptionException.class).hasMessageStartingWith("--lambda_A");
        ModelOptions mismatch = spec.resolve(new ModelOptions.Builder().set(ModelOptions.INPUT_NC, 1));
        assertThatThrownBy(() -> spec.create(mismatch, Device.CPU, new Rng(0)))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("--lambda_identity 0");
    }

    @Test
    void networksAndState_useReferenceNames() {
        Torch.init(1);
        ModelSpec spec = ModelRegistry.get("cycle_gan");
        try (TranslationModel m = spec.create(tiny(spec), Device.CPU, new Rng(0))) {
            assertThat(m.networks().names()).containsExactly("G_A", "G_B", "D_A", "D_B");
            TrainingState st = m.state();
            assertThat(st.optimizers()).containsOnlyKeys("G", "D");
            assertThat(st.imagePools()).containsOnlyKeys("fake_A_pool", "fake_B_pool");
            assertThat(NetworkSet.fileName("latest", "G_A")).isEqualTo("latest_net_G_A.pth");
            Map<String, ?> opts = m.optimizers();
            assertThat(opts).containsOnlyKeys("G", "D");
        }
        ModelSpec test = ModelRegistry.get("test");
        try (TranslationModel m = test.create(test.resolve(new ModelOptions.Builder().set(ModelOptions.NGF, 8)
                .set(ModelOptions.MODEL_SUFFIX, "_B")), Device.CPU, new Rng(0))) {
            assertThat(m.networks().names()).containsExactly("G_B");
        }
    }
}
