package io.transmute.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.transmute.core.InvalidOptionException;
import io.transmute.core.model.ModelOptions;
import io.transmute.core.nn.NormType;
import org.junit.jupiter.api.Test;

class TrainOptionsTest {
    static TrainOptions.Builder pix2pix() {
        return new TrainOptions.Builder().set(TrainOptions.DATAROOT, "/data/facades")
                .set(TrainOptions.MODEL, "pix2pix");
    }

    @Test
    void pythonFloat_matchesPythonRepr() {
        assertThat(OptionValues.pythonFloat(0.0002)).isEqualTo("0.0002");
        assertThat(OptionValues.pythonFloat(100.0)).isEqualTo("100.0");
        assertThat(OptionValues.pythonFloat(0.5)).isEqualTo("0.5");
        assertThat(OptionValues.pythonFloat(0.0001)).isEqualTo("0.0001");
        assertThat(OptionValues.pythonFloat(0.00002)).isEqualTo("2e-05");
        assertThat(OptionValues.pythonFloat(1.5e-7)).isEqualTo("1.5e-07");
        assertThat(OptionValues.pythonFloat(1e16)).isEqualTo("1e+16");
        assertThat(OptionValues.python(true)).isEqualTo("True");
    }

    @Test
    void modelDefaults_applyOnlyToOptionsNotGiven() {
        TrainOptions o = pix2pix().build();
        assertThat(o.modelOptions().netG()).isEqualTo("unet_256");
        assertThat(o.modelOptions().norm()).isEqualTo(NormType.BATCH);
        assertThat(o.modelOptions().poolSize()).isZero();

        TrainOptions given = pix2pix().set(ModelOptions.NORM, NormType.INSTANCE).build();
        assertThat(given.modelOptions().norm()).isEqualTo(NormType.INSTANCE);
        assertThat(given.describe()).contains(String.format("%25s: %-30s%s", "norm", "instance",
                "\t[default: batch]"));
    }

    @Test
    void suffix_isExpandedFromTheEffectiveOptions() {
        TrainOptions o = pix2pix().set(TrainOptions.NAME, "facades").set(TrainOptions.SUFFIX, "{model}_{netG}")
                .build();
        assertThat(o.name()).isEqualTo("facades_pix2pix_unet_256");
        assertThatThrownBy(() -> pix2pix().set(TrainOptions.SUFFIX, "{nope}").build())
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("{nope}");
    }

    @Test
    void forResume_keepsStoredOptions_allowsHarmlessOverrides_rejectsModelChanges() {
        TrainOptions stored = pix2pix().set(ModelOptions.NGF, 8).set(TrainOptions.MAX_ITERS, 40L).build();
        TrainOptions resumed = TrainOptions.forResume(stored, new TrainOptions.Builder()
                .set(TrainOptions.N_EPOCHS, 3).set(TrainOptions.PRINT_FREQ, 7).set(ModelOptions.NGF, 8));
        assertThat(resumed.modelOptions().ngf()).isEqualTo(8);
        assertThat(resumed.schedule().nEpochs()).isEqualTo(3);
        assertThat(resumed.printFreq()).isEqualTo(7);
        assertThat(resumed.maxIters()).as("the stop point is not inherited").isZero();
        assertThat(resumed.continueTrain()).isTrue();

        assertThatThrownBy(() -> TrainOptions.forResume(stored, new TrainOptions.Builder()
                .set(TrainOptions.BATCH_SIZE, 4)))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("--batch_size 4 (the run has 1)");
    }

    @Test
    void storedGivenOptions_rebuildTheSameOptions() {
        TrainOptions o = pix2pix().set(ModelOptions.NGF, 8).set(ModelOptions.LR, 0.001)
                .set(TrainOptions.LR_POLICY, LrPolicy.COSINE).build();
        assertThat(TrainOptions.Builder.fromGiven(o.given()).build().values()).isEqualTo(o.values());
    }
}
