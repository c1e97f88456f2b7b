package io.transmute.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.transmute.core.CheckpointException;
import io.transmute.core.InvalidOptionException;
import io.transmute.core.io.PthReader;
import io.transmute.core.io.StateDict;
import io.transmute.core.io.TensorData;
import io.transmute.core.testing.Fixtures;
import io.transmute.core.torch.Net;
import io.transmute.core.torch.Torch;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ArchitectureInferenceTest {
    @BeforeAll
    static void load() {
        Torch.init();
    }

    static Stream<GeneratorSpec> specs() {
        return Stream.of(
                GeneratorSpec.of("resnet_9blocks", 3, 3, 8, NormType.INSTANCE, false, UpsampleType.DECONV),
                GeneratorSpec.of("resnet_6blocks", 3, 3, 8, NormType.BATCH, true, UpsampleType.DECONV),
                GeneratorSpec.of("resnet_3blocks", 3, 3, 4, NormType.BATCH, false, UpsampleType.DECONV),
                GeneratorSpec.of("resnet_2blocks", 3, 3, 4, NormType.BATCH, false, UpsampleType.RESIZE_CONV),
                GeneratorSpec.of("resnet_2blocks", 1, 4, 4, NormType.NONE, true, UpsampleType.RESIZE_CONV),
                GeneratorSpec.of("resnet_0blocks", 3, 2, 4, NormType.INSTANCE, false, UpsampleType.RESIZE_CONV),
                GeneratorSpec.of("unet_256", 3, 3, 4, NormType.BATCH, false, UpsampleType.DECONV),
                GeneratorSpec.of("unet_128", 1, 2, 8, NormType.INSTANCE, false, UpsampleType.DECONV),
                GeneratorSpec.of("unet_64", 4, 3, 4, NormType.NONE, false, UpsampleType.DECONV),
                GeneratorSpec.stargan(4, 5, 2),
                GeneratorSpec.stargan(8, 1, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void infer_recoversTheSpec_fromExportedWeights(GeneratorSpec spec) {
        Net net = spec.build();
        StateDict weights = ModuleWeights.export(net);
        GeneratorSpec inferred = ArchitectureInference.inferGenerator(weights, "latest_net_G.pth");
        assertThat(inferred).isEqualTo(spec);
        ModuleWeights.load(inferred.build(), weights, "latest_net_G.pth");
    }

    @Test
    void infer_readsReferenceCheckpoints() {
        assertThat(infer("unet256_ngf4_batch")).isEqualTo(
                new GeneratorSpec(GeneratorType.UNET_256, 3, 3, 4, NormType.BATCH, 8, UpsampleType.DECONV, false));
        assertThat(infer("unet128_ngf4_instance_in1_out2")).isEqualTo(
                new GeneratorSpec(GeneratorType.UNET_128, 1, 2, 4, NormType.INSTANCE, 7, UpsampleType.DECONV, false));
        assertThat(infer("resnet6_ngf4_instance")).isEqualTo(new GeneratorSpec(GeneratorType.RESNET_6BLOCKS,
                3, 3, 4, NormType.INSTANCE, 6, UpsampleType.DECONV, true));
        GeneratorSpec star = infer("stargan_G_dim4_c5");
        assertThat(star).isEqualTo(GeneratorSpec.stargan(4, 5, 6));
        assertThat(star.cDim()).isEqualTo(5);
    }

    private static GeneratorSpec infer(String fixture) {
        return ArchitectureInference.inferGenerator(PthReader.read(Fixtures.file(fixture + ".pth")),
                fixture + ".pth");
    }

    @Test
    void infer_rejectsWeightsOfNoKnownGenerator() {
        StateDict w = new StateDict().put("fc.weight", io.transmute.core.io.TensorData.ofFloats(new float[4], 2, 2));
        assertThatThrownBy(() -> ArchitectureInference.inferGenerator(w, "other.pth"))
                .isInstanceOf(CheckpointException.class)
                .hasMessageStartingWith("other.pth: not a generator this version knows (first key fc.weight)");
    }

    @Test
    void infer_batchNormResnetWithoutDropout_isNotTakenForDropout() {
        for (boolean dropout : new boolean[] {false, true}) {
            GeneratorSpec spec = GeneratorSpec.of("resnet_6blocks", 3, 3, 4, NormType.BATCH, dropout,
                    UpsampleType.DECONV);
            try (var net = spec.build()) {
                GeneratorSpec inferred = ArchitectureInference.inferGenerator(ModuleWeights.export(net), "G.pth");
                assertThat(inferred.useDropout()).isEqualTo(dropout);
                assertThat(inferred.norm()).isEqualTo(NormType.BATCH);
            }
        }
    }

    @Test
    void infer_namesADiscriminator_andItsRunsGeneratorFile() {
        StateDict d = ModuleWeights.export(new PixelDiscriminator(3, 4, NormType.NONE));
        assertThatThrownBy(() -> ArchitectureInference.inferGenerator(d, "latest_net_D_A.pth"))
                .isInstanceOf(CheckpointException.class)
                .hasMessage("latest_net_D_A.pth holds a discriminator (PixelGAN, --netD pixel), not a generator;"
                        + " give the generator of the same run, latest_net_G_A.pth");
        assertThat(ArchitectureInference.generatorFileFor("200000-D.ckpt")).isEqualTo("200000-G.ckpt");
    }

    @Test
    void reconcile_failsOnAGivenValueThatContradictsTheCheckpoint() {
        GeneratorSpec inferred = GeneratorSpec.of("unet_256", 3, 3, 64, NormType.BATCH, false, UpsampleType.DECONV);
        assertThatThrownBy(() -> ArchitectureInference.reconcile(inferred,
                new GivenGeneratorOptions(null, null, null, 32, null, null, null, null, null), "latest_net_G.pth"))
                .isInstanceOf(InvalidOptionException.class)
                .hasMessage("latest_net_G.pth was trained with --ngf 64 but --ngf 32 was given;"
                        + " drop --ngf to use the checkpoint's value");
        assertThatThrownBy(() -> ArchitectureInference.reconcile(inferred,
                new GivenGeneratorOptions("resnet_9blocks", null, null, null, null, null, null, null, null), "g.pth"))
                .hasMessage("g.pth was trained with --netG unet_256 but --netG resnet_9blocks was given;"
                        + " drop --netG to use the checkpoint's value");
        assertThatThrownBy(() -> ArchitectureInference.reconcile(inferred,
                new GivenGeneratorOptions(null, null, null, null, NormType.INSTANCE, null, null, null, null), "g.pth"))
                .hasMessageContaining("--norm batch but --norm instance was given");
        GeneratorSpec star = GeneratorSpec.stargan(64, 5, 6);
        assertThatThrownBy(() -> ArchitectureInference.reconcile(star,
                new GivenGeneratorOptions(null, null, null, null, null, null, null, 7, null), "200000-G.ckpt"))
                .hasMessageContaining("--c_dim 5 but --c_dim 7 was given");
    }

    @Test
    void reconcile_acceptsAgreeingValues_andAppliesDropoutToAUnet() {
        GeneratorSpec inferred = GeneratorSpec.of("unet_256", 3, 3, 64, NormType.BATCH, false, UpsampleType.DECONV);
        GeneratorSpec effective = ArchitectureInference.reconcile(inferred,
                new GivenGeneratorOptions("unet_256", 3, 3, 64, NormType.BATCH, UpsampleType.DECONV, true, null, null),
                "latest_net_G.pth");
        assertThat(effective.useDropout()).isTrue();
        assertThat(ArchitectureInference.reconcile(inferred, GivenGeneratorOptions.NONE, "g.pth")).isEqualTo(inferred);
    }

    @Test
    void reconcile_rejectsDropoutThatContradictsAResnetCheckpoint() {
        GeneratorSpec inferred = GeneratorSpec.of("resnet_9blocks", 3, 3, 64, NormType.INSTANCE, true,
                UpsampleType.DECONV);
        assertThatThrownBy(() -> ArchitectureInference.reconcile(inferred,
                new GivenGeneratorOptions(null, null, null, null, null, null, false, null, null), "g.pth"))
                .hasMessageContaining("--no_dropout");
    }

    @Test
    void netGNames_coverReferenceAndGeneralDepths() {
        assertThat(GeneratorType.parse("resnet_9blocks")).isEqualTo(GeneratorType.RESNET_9BLOCKS);
        assertThat(GeneratorType.parse("unet_256")).isEqualTo(GeneratorType.UNET_256);
        assertThat(GeneratorType.parse("resnet_4blocks")).isEqualTo(GeneratorType.RESNET_NBLOCKS);
        assertThat(GeneratorType.depthOf("resnet_4blocks")).isEqualTo(4);
        assertThat(GeneratorType.depthOf("unet_64")).isEqualTo(6);
        assertThat(GeneratorSpec.of("unet_512", 3, 3, 8, NormType.BATCH, false, UpsampleType.DECONV).netG())
                .isEqualTo("unet_512");
        assertThatThrownBy(() -> GeneratorType.parse("unet_100")).isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("power of two");
        assertThatThrownBy(() -> GeneratorType.parse("vgg")).isInstanceOf(InvalidOptionException.class)
                .hasMessageContaining("--netG 'vgg'");
        assertThatThrownBy(() -> NormType.parse("group")).hasMessageContaining("batch, instance, none");
    }

    @Test
    void infer_failsWithTheFileName_whenAKeyIsCorrupt() {
        StateDict w = ModuleWeights.export(GeneratorSpec.stargan(4, 2, 1).build());
        w.put("main.0.weight", TensorData.ofFloats(new float[4], 4));
        assertThatThrownBy(() -> ArchitectureInference.inferGenerator(w, "bad-G.ckpt"))
                .isInstanceOf(CheckpointException.class)
                .hasMessage("bad-G.ckpt: main.0.weight has 1 dimensions, expected 4");
    }
}
