package io.transmute.core.nn;

import static org.assertj.core.api.Assertions.assertThat;

import io.transmute.core.io.StateDict;
import io.transmute.core.torch.Net;
import io.transmute.core.torch.Scope;
import io.transmute.core.torch.Torch;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

class EncoderDecoderTest {
    private static Net build(String netG) {
        return GeneratorSpec.of(netG, 3, 2, 8, NormType.BATCH, false, UpsampleType.DECONV).build();
    }

    private static long parameters(StateDict sd) {
        long n = 0;
        for (String k : sd.keyList()) {
            if (!k.endsWith("running_mean") && !k.endsWith("running_var") && !k.endsWith("num_batches_tracked")) {
                long c = 1;
                for (long d : sd.get(k).shape()) {
                    c *= d;
                }
                n += c;
            }
        }
        return n;
    }

    @Test
    void encoderDecoder_hasTheUnetsKeysWithoutTheSkipChannels_andIsToldApartByItsWeights() {
        Torch.init(1);
        try (Net unet = build("unet_64"); Net plain = build("encoder_decoder_64")) {
            StateDict u = ModuleWeights.export(unet);
            StateDict e = ModuleWeights.export(plain);
            assertThat(e.keyList()).isEqualTo(u.keyList());
            // every up-convolution but the innermost reads half the channels: ngf instead of 2 ngf at the top
            assertThat(e.get("model.model.3.weight").shape()).containsExactly(8, 2, 4, 4);
            assertThat(u.get("model.model.3.weight").shape()).containsExactly(16, 2, 4, 4);
            assertThat(parameters(e)).isLessThan(parameters(u));

            GeneratorSpec inferredPlain = ArchitectureInference.inferGenerator(e, "latest_net_G_A.pth");
            assertThat(inferredPlain.type()).isEqualTo(GeneratorType.ENCODER_DECODER_NDOWNS);
            assertThat(inferredPlain.netG()).isEqualTo("encoder_decoder_64");
            assertThat(inferredPlain.ngf()).isEqualTo(8);
            assertThat(inferredPlain.outputNc()).isEqualTo(2);
            assertThat(inferredPlain.norm()).isEqualTo(NormType.BATCH);
            assertThat(ArchitectureInference.inferGenerator(u, "latest_net_G.pth").netG()).isEqualTo("unet_64");
        }
    }

    @Test
    void encoderDecoder_name_defaultsToTheUnet256Depth() {
        assertThat(GeneratorType.parse("encoder_decoder")).isEqualTo(GeneratorType.ENCODER_DECODER);
        assertThat(GeneratorType.depthOf("encoder_decoder")).isEqualTo(8);
        assertThat(GeneratorType.parse("encoder_decoder_256")).isEqualTo(GeneratorType.ENCODER_DECODER);
        assertThat(GeneratorType.ENCODER_DECODER.netG(8)).isEqualTo("encoder_decoder");
    }

    @Test
    void encoderDecoder_mapsAnImageToOneOfTheSameSize_withTheOutputChannels() {
        Torch.init(1);
        torch.manual_seed(3);
        try (Net plain = build("encoder_decoder_32"); Scope s = Scope.open()) {
            plain.eval();
            Tensor x = torch.rand(1, 3, 32, 32);
            Tensor y = plain.forward(x);
            assertThat(y.size(1)).isEqualTo(2);
            assertThat(y.size(2)).isEqualTo(32);
            assertThat(y.size(3)).isEqualTo(32);
        }
    }
}
