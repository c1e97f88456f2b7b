package io.transmute.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.transmute.core.CheckpointException;
import io.transmute.core.testing.Fixtures;
import io.transmute.core.testing.Fixtures.KeyShape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PthReaderTest {
    static Stream<String> fixtures() {
        return Fixtures.names(".pth").stream().map(n -> n.substring(0, n.length() - 4));
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void read_givesKeysShapesAndDtypesOfTheReferenceStateDict_inOrder(String name) {
        StateDict sd = PthReader.read(Fixtures.file(name + ".pth"));
        List<KeyShape> expected = Fixtures.keys(name + ".keys.txt");
        List<KeyShape> actual = new ArrayList<>();
        sd.entries().forEach((k, v) -> {
            List<Long> shape = new ArrayList<>();
            for (long d : v.shape()) {
                shape.add(d);
            }
            actual.add(new KeyShape(k, shape, v.dtype() == Dtype.FLOAT32 ? "float32" : "int64"));
        });
        assertThat(actual).containsExactlyElementsOf(expected);
    }

    @Test
    void read_decodesValues_asInitialisedByTheReference() {
        StateDict sd = PthReader.read(Fixtures.file("unet256_ngf4_batch.pth"));
        float[] conv = sd.get("model.model.1.model.1.weight").toFloats();
        double mean = 0;
        double sq = 0;
        for (float v : conv) {
            mean += v;
            sq += v * v;
        }
        mean /= conv.length;
        double std = Math.sqrt(sq / conv.length - mean * mean);
        assertThat(mean).isCloseTo(0, org.assertj.core.data.Offset.offset(0.002));
        assertThat(std).isCloseTo(0.02, org.assertj.core.data.Offset.offset(0.001));
        float[] bnWeight = sd.get("model.model.1.model.2.weight").toFloats();
        double bnMean = 0;
        for (float v : bnWeight) {
            bnMean += v;
        }
        assertThat(bnMean / bnWeight.length).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.02));
        assertThat(sd.get("model.model.1.model.2.running_var").toFloats()).containsOnly(1f);
    }

    @Test
    void read_rejectsTruncatedFile_withOneLineNamingTheFile(@TempDir Path tmp) throws IOException {
        byte[] all = Files.readAllBytes(Fixtures.file("resnet6_ngf4_instance.pth"));
        Path cut = tmp.resolve("latest_net_G.pth");
        Files.write(cut, java.util.Arrays.copyOf(all, all.length / 2));
        assertThatThrownBy(() -> PthReader.read(cut))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("latest_net_G.pth")
                .hasMessageContaining("truncated or corrupt")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void read_rejectsNonCheckpointAndMissingFiles(@TempDir Path tmp) throws IOException {
        Path text = tmp.resolve("notes.pth");
        Files.writeString(text, "hello, not a checkpoint");
        assertThatThrownBy(() -> PthReader.read(text)).isInstanceOf(CheckpointException.class)
                .hasMessageContaining("not a PyTorch checkpoint");
        assertThatThrownBy(() -> PthReader.read(tmp.resolve("nope.pth"))).isInstanceOf(CheckpointException.class)
                .hasMessageContaining("no such file");
        Path empty = tmp.resolve("empty.pth");
        Files.write(empty, new byte[0]);
        assertThatThrownBy(() -> PthReader.read(empty)).isInstanceOf(CheckpointException.class)
                .hasMessageContaining("truncated");
    }

    private static Path resource(String name) throws Exception {
        return Path.of(PthReaderTest.class.getResource(name).toURI());
    }

    @Test
    void read_legacyAndZipFormats_giveTheSameTensors_includingViewsAndHalfPrecision() throws Exception {
        // both files were written by torch.save in PyTorch 1.13 from one OrderedDict, the first with
        // _use_new_zipfile_serialization=False (the format of checkpoints saved before PyTorch 1.6)
        StateDict legacy = PthReader.read(resource("legacy_format.pth"));
        StateDict zip = PthReader.read(resource("zip_format.pth"));
        assertThat(legacy.keyList()).containsExactly("a.weight", "a.bias", "view.transposed", "view.offset", "half",
                "bf16", "steps");
        assertThat(zip.entries()).isEqualTo(legacy.entries());
        float[] transposed = legacy.get("view.transposed").toFloats();
        assertThat(legacy.get("view.transposed").shape()).containsExactly(6, 4);
        assertThat(transposed[0]).isEqualTo(0f);
        assertThat(transposed[1]).isEqualTo(6 / 8f);
        assertThat(legacy.get("view.offset").toFloats()).containsExactly(1f, 1.125f, 1.25f, 1.75f, 1.875f, 2f);
        assertThat(legacy.get("half").dtype()).isEqualTo(Dtype.FLOAT16);
        assertThat(legacy.get("half").toFloats()).containsExactly(1.5f, -2.25f, 65504f);
        assertThat(legacy.get("bf16").toFloats()).containsExactly(1f, -0.5f, 3.140625f);
        assertThat(legacy.get("steps").dtype()).isEqualTo(Dtype.INT64);
        assertThat(legacy.get("steps").shape()).isEmpty();
        assertThat(legacy.get("steps").toFloats()).containsExactly(7f);
    }
}
