package io.transmute.core.train;

import io.transmute.core.optim.LrPolicy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.transmute.core.InvalidOptionException;
import io.transmute.core.data.DatasetMode;
import io.transmute.core.data.Preprocess;
import io.transmute.core.model.ModelOptions;
import io.transmute.core.model.PerceptualOptions;
import io.transmute.core.nn.NormType;
import io.transmute.core.nn.VggLayer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TrainOptionsTest {
    static TrainOptions.Builder pix2pix() {
        return new TrainOptions.Builder().set(TrainOptions.DATAROOT, "/data/facades")
                .set(TrainOptions.MODEL, "pix2pix");
    }

    @Test
    void cropSize_mustFitTheUnetDepth_onlyWhenACropFixesTheSide() {
        assertThatThrownBy(() -> pix2pix().set(TrainOptions.CROP_SIZE, 128).set(TrainOptions.LOAD_SIZE, 128).build())
                .isInstanceOf(InvalidOptionException.class)
                .hasMessage("--crop_size 128 does not fit --netG unet_256, whose 8 downsamplings need a multiple of"
                        + " 256; use --netG unet_128 or --crop_size 256");
        assertThat(pix2pix().set(TrainOptions.CROP_SIZE, 128).set(ModelOptions.NET_G, "unet_128").build()
                .data().cropSize()).isEqualTo(128);
        assertThat(pix2pix().set(TrainOptions.CROP_SIZE, 200).set(ModelOptions.NET_G, "resnet_9blocks").build()
                .data().cropSize()).isEqualTo(200);
        assertThat(pix2pix().set(TrainOptions.PREPROCESS, Preprocess.NONE).set(TrainOptions.CROP_SIZE, 100).build()
                .data().preprocess()).isEqualTo(Preprocess.NONE);
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

    @Test
    void styleTransfer_dataDefaults_applyOnlyWhereNotGiven() {
        TrainOptions.Builder style = new TrainOptions.Builder().set(TrainOptions.DATAROOT, "/data/coco")
                .set(TrainOptions.MODEL, "style_transfer");
        TrainOptions o = style.build();
        assertThat(o.data().batchSize()).isEqualTo(4);
        assertThat(o.data().loadSize()).isEqualTo(256);
        assertThat(o.data().cropSize()).isEqualTo(256);
        assertThat(o.data().mode()).isEqualTo(DatasetMode.SINGLE);
        assertThat(o.modelOptions().lr()).isEqualTo(1e-3);

        TrainOptions given = style.set(TrainOptions.BATCH_SIZE, 2).set(TrainOptions.CROP_SIZE, 128).build();
        assertThat(given.data().batchSize()).isEqualTo(2);
        assertThat(given.data().cropSize()).isEqualTo(128);
        assertThat(given.data().loadSize()).isEqualTo(256);
        assertThat(given.describe()).contains(String.format("%25s: %-30s%s", "batch_size", "2", "\t[default: 4]"));

        TrainOptions p2p = pix2pix().build();
        assertThat(p2p.data().batchSize()).isEqualTo(1);
        assertThat(p2p.data().loadSize()).isEqualTo(286);
    }

    @Test
    void perceptualOptions_flowIntoTheModel_andRebuildFromStoredValues() {
        TrainOptions o = pix2pix().set(PerceptualOptions.LAMBDA_PERCEPTUAL, 2.0)
                .set(PerceptualOptions.VGG_WEIGHTS, Path.of("/w/vgg16.pth"))
                .set(PerceptualOptions.PERCEPTUAL_LAYERS, "relu3_3,relu1_2").build();
        PerceptualOptions p = o.modelOptions().perceptual();
        assertThat(p.lambdaPerceptual()).isEqualTo(2.0);
        assertThat(p.vggWeights()).isEqualTo(Path.of("/w/vgg16.pth"));
        assertThat(p.perceptualLayers()).containsExactly(VggLayer.RELU1_2, VggLayer.RELU3_3);
        assertThat(o.values()).containsEntry("vgg_weights", "/w/vgg16.pth")
                .containsEntry("perceptual_layers", "relu1_2,relu3_3").doesNotContainKey("style_image");
        assertThat(TrainOptions.Builder.fromGiven(o.given()).build().values()).isEqualTo(o.values());
    }
}
