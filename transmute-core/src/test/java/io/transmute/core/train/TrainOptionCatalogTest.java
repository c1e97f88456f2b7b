package io.transmute.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.transmute.core.InvalidOptionException;
import io.transmute.core.model.CycleGanOptions;
import io.transmute.core.model.ModelOptions;
import io.transmute.core.model.ModelRegistry;
import io.transmute.core.model.ModelSpec;
import io.transmute.core.model.Pix2PixOptions;
import io.transmute.core.model.StarGanModel;
import io.transmute.core.option.OptionKey;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrainOptionCatalogTest {
    private static TrainOptions.Builder given(String model) {
        TrainOptions.Builder b = new TrainOptions.Builder().set(TrainOptions.MODEL, model)
                .set(TrainOptions.DATAROOT, "/data/run");
        if (model.equals(StarGanModel.NAME)) {
            b.set(StarGanOptionKeys.CELEBA_IMAGE_DIR, "/data/celeba").set(StarGanOptionKeys.ATTR_PATH, "/data/a.txt");
        }
        return b;
    }

    @Test
    void everyDeclaration_isNamedOnce_andHasHelp() {
        Set<String> names = new HashSet<>();
        for (OptionKey<?> key : TrainOptionCatalog.all()) {
            assertThat(names.add(key.cliName())).as("declared twice: %s", key).isTrue();
            assertThat(key.help()).as("help of %s", key).isNotBlank();
            assertThat(key.isFlag() || !key.label().isEmpty()).as("label of %s", key).isTrue();
        }
    }

    @Test
    void everyOptionAModelTakes_isInItsEffectiveOptions_andInTrainOpt() {
        for (ModelSpec spec : ModelRegistry.all()) {
            if (!spec.trainable()) {
                continue;
            }
            TrainOptions o = given(spec.name()).buildUnchecked();
            Map<String, Object> values = o.values();
            String text = o.describe();
            for (OptionKey<?> key : TrainOptionCatalog.forModel(spec.name())) {
                // an option without a default (a path) is stored only when given
                if (key.defaultValue() == null && !o.given().containsKey(key.cliName())
                        && key != TrainOptions.DATAROOT) {
                    continue;
                }
                assertThat(values).as("%s in %s's options", key, spec.name()).containsKey(key.bareName());
                assertThat(text).as("%s in %s's train_opt.txt", key, spec.name())
                        .containsPattern("(?m)^ *" + key.bareName() + ": ");
            }
        }
    }

    @Test
    void aModelsOwnOption_isLeftOutOfAnotherModelsOptions() {
        assertThat(given("cycle_gan").build().values()).doesNotContainKey("lambda_L1").containsEntry("lambda_A", 10.0);
        assertThat(given("pix2pix").build().values()).containsEntry("lambda_L1", 100.0).doesNotContainKey("lambda_A")
                .doesNotContainKey("c_dim");
        assertThat(given("discogan").build().values()).containsEntry("lambda_A", 1.0)
                .doesNotContainKey("lambda_identity");
    }

    @Test
    void aModelsOwnOption_givenToAnotherModel_isRefusedNamingItsOwners() {
        assertThatThrownBy(() -> given("pix2pix").set(CycleGanOptions.LAMBDA_A, 5.0).build())
                .isInstanceOf(InvalidOptionException.class)
                .hasMessage("--lambda_A is an option of --model cycle_gan, discogan; --model pix2pix does not take it,"
                        + " drop it");
        assertThatThrownBy(() -> given("cycle_gan").set(StarGanOptionKeys.C_DIM, 3).build())
                .isInstanceOf(InvalidOptionException.class).hasMessageStartingWith("--c_dim is an option of --model"
                        + " stargan;");
        assertThat(given("colorization").set(Pix2PixOptions.LAMBDA_L1, 5.0).build().values())
                .containsEntry("lambda_L1", 5.0);
    }

    @Test
    void storedOptionsOfAnOlderRun_dropOptionsItsModelDoesNotTake() {
        // runs stored before options had owners may hold another model's option, which never had an effect
        Map<String, Object> stored = new LinkedHashMap<>();
        stored.put("--model", "cycle_gan");
        stored.put("--dataroot", "/data/h2z");
        stored.put("--lambda_L1", 100.0);
        stored.put("--lambda_A", 5.0);
        TrainOptions o = TrainOptions.Builder.fromStored(stored).build();
        assertThat(o.given()).doesNotContainKey("--lambda_L1");
        assertThat(CycleGanOptions.from(o.modelOptions()).lambdaA()).isEqualTo(5.0);
    }

    @Test
    void perModelDefaults_comeFromTheModelsSpecs() {
        assertThat(TrainOptionCatalog.modelDefaults(ModelOptions.GAN_MODE)).containsOnlyKeys("pix2pix",
                "colorization", "discogan");
        assertThat(TrainOptionCatalog.modelDefaults(TrainOptions.BATCH_SIZE)).containsEntry("style_transfer", 4)
                .containsEntry("stargan", 16).doesNotContainKey("pix2pix");
        assertThat(TrainOptionCatalog.help(ModelOptions.GAN_MODE))
                .endsWith("(default: lsgan; pix2pix, colorization, discogan: vanilla)");
        assertThat(TrainOptionCatalog.help(Pix2PixOptions.LAMBDA_L1))
                .isEqualTo("pix2pix, colorization: Weight of the L1 loss. (default: 100)");
    }

    @Test
    void resumableOptions_areTheDeclaredOnes() {
        List<OptionKey<?>> resumable = TrainOptionCatalog.resumable();
        assertThat(resumable).contains(TrainOptions.N_EPOCHS, TrainOptions.PRINT_FREQ, TrainOptions.DEVICE,
                StarGanOptionKeys.NUM_ITERS, EvalOptionKeys.EVAL_FREQ).doesNotContain(ModelOptions.NGF,
                TrainOptions.BATCH_SIZE, Pix2PixOptions.LAMBDA_L1, StarGanOptionKeys.C_DIM);
    }
}
