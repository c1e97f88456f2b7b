package io.transmute.core.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.transmute.core.CheckpointException;
import io.transmute.core.InvalidOptionException;
import io.transmute.core.io.PthWriter;
import io.transmute.core.io.StateDict;
import io.transmute.core.io.TensorData;
import io.transmute.core.torch.Torch;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Archives written by PyTorch 1.13 ({@code tools/make_torchscript_fixtures.py}), in the test resources. */
class TorchScriptGeneratorTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void load() {
        Torch.init();
    }

    static Path fixture(String name) {
        try {
            return Path.of(TorchScriptGeneratorTest.class.getResource("/fixtures/torchscript/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static float[] f32(String name) {
        try (InputStream in = Files.newInputStream(fixture(name))) {
            ByteBuffer b = ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
            float[] out = new float[b.remaining() / 4];
            b.asFloatBuffer().get(out);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"tiny_traced.pt", "tiny_scripted.pt"})
    void archive_isProbed_andReproducesPyTorch(String name) {
        Path file = fixture(name);
        assertThat(TorchScriptGenerator.isArchive(file)).isTrue();
        try (TorchScriptGenerator g = TorchScriptGenerator.load(file, null, null, false)) {
            assertThat(g.inputChannels()).isEqualTo(3);
            assertThat(g.outputChannels()).isEqualTo(3);
            TensorData y = g.translate(TensorData.ofFloats(f32("tiny.input.f32"), 1, 3, 16, 20));
            assertThat(y.shape()).containsExactly(1, 3, 16, 20);
            float[] expected = f32("tiny.output.f32");
            float[] actual = y.toFloats();
            double max = 0;
            for (int i = 0; i < actual.length; i++) {
                max = Math.max(max, Math.abs(actual[i] - expected[i]));
            }
            assertThat(max).isLessThan(1e-5);
            assertThat(g.methods()).contains("forward");
            List<String> params = g.parameters().stream()
                    .map(p -> p.name() + " " + Arrays.toString(p.shape()).replace(" ", "")).toList();
            assertThat(params).containsExactly("encode.1.weight [8,3,3,3]", "encode.1.bias [8]", "encode.2.weight [8]",
                    "encode.2.bias [8]", "decode.0.weight [3,8,1,1]", "decode.0.bias [3]");
        }
    }

    @Test
    void scriptedArchive_listsItsExtraMethod() {
        try (TorchScriptGenerator g = TorchScriptGenerator.load(fixture("tiny_scripted.pt"), 3, 3, true)) {
            assertThat(g.methods()).contains("forward", "channels");
        }
    }

    @Test
    void channelCounts_thatDoNotFit_areUsageErrors() {
        assertThatThrownBy(() -> TorchScriptGenerator.load(fixture("tiny_traced.pt"), 1, null, false))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("--input_nc 1");
        assertThatThrownBy(() -> TorchScriptGenerator.load(fixture("tiny_traced.pt"), null, 1, false))
                .isInstanceOf(InvalidOptionException.class).hasMessageContaining("gives 3 channels");
    }

    @Test
    void aStateDictIsNoArchive_andGarbageIsACheckpointError() throws IOException {
        Path sd = dir.resolve("latest_net_G.pth");
        PthWriter.write(sd, new StateDict()
                .put("w", TensorData.ofFloats(new float[] {1}, 1)));
        assertThat(TorchScriptGenerator.isArchive(sd)).isFalse();
        Path junk = Files.write(dir.resolve("junk.pt"), new byte[] {1, 2, 3});
        assertThat(TorchScriptGenerator.isArchive(junk)).isFalse();
        assertThatThrownBy(() -> TorchScriptGenerator.load(junk, null, null, false))
                .isInstanceOf(CheckpointException.class).hasMessageContaining("junk.pt");
    }

    @Test
    void translator_runsATorchScriptArchive_likePyTorch_andPadsOddSizes() {
        try (Translator t = Translator.load(fixture("tiny_traced.pt"))) {
            assertThat(t.spec()).isNull();
            assertThat(t.inputChannels()).isEqualTo(3);
            assertThat(t.sizeMultiple()).isEqualTo(1);
            assertThat(t.description()).contains("TorchScript 3 -> 3");
            float[] y = t.translate(TensorData.ofFloats(f32("tiny.input.f32"), 1, 3, 16, 20)).toFloats();
            float[] expected = f32("tiny.output.f32");
            for (int i = 0; i < y.length; i++) {
                assertThat((double) Math.abs(y[i] - expected[i])).isLessThan(1e-5);
            }
            assertThat(t.translate(new BufferedImage(13, 7, BufferedImage.TYPE_INT_RGB))
                    .getWidth()).isEqualTo(13);
        }
    }
}
