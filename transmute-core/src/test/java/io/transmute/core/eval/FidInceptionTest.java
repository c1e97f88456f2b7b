package io.transmute.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.transmute.core.CheckpointException;
import io.transmute.core.io.ImageCodec;
import io.transmute.core.io.ImageSamples;
import io.transmute.core.io.Npy;
import io.transmute.core.io.PthReader;
import io.transmute.core.io.StateDict;
import io.transmute.core.io.Dtype;
import io.transmute.core.torch.Scope;
import io.transmute.core.torch.Tensors;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FidInceptionTest {
    private static final List<String> INPUTS = List.of("feature_input_mono_128x128", "feature_input_sans_97x211",
            "feature_input_serif_160x120");
    private static StateDict weights;

    @BeforeAll
    static void readWeights() {
        weights = PthReader.read(EvalFixtures.shared("fid_inception_random_f16.pth"));
    }

    @AfterAll
    static void drop() {
        weights = null;
    }

    @Test
    void legacyFloat16File_readsEveryInception3Key() {
        assertThat(weights.get("Conv2d_1a_3x3.conv.weight").dtype()).isEqualTo(Dtype.FLOAT16);
        assertThat(weights.get("Conv2d_1a_3x3.conv.weight").shape()).containsExactly(32, 3, 3, 3);
        assertThat(weights.get("fc.weight").shape()).containsExactly(1008, 2048);
        try (FidInception net = FidInception.fromStateDict(weights, "w", FidDims.D2048)) {
            assertThat(weights.keys()).containsAll(net.neededKeys().keySet());
        }
    }

    @Test
    void features_equalPytorchFid_atEveryDims() {
        for (FidDims dims : FidDims.values()) {
            try (FidInception net = FidInception.fromStateDict(weights, "w", dims); Scope s = Scope.open()) {
                for (String input : INPUTS) {
                    ImageSamples img = ImageCodec.readSamples(EvalFixtures.resource(input + ".png"));
                    Tensor x = Tensors.fromFloats(img.unitPlanes(3), 1, 3, img.height(), img.width());
                    float[] ours = Tensors.toFloats(net.features(x));
                    float[] expected = Npy.read(EvalFixtures.resource(input + ".dims" + dims.dims() + ".npy"))
                            .toFloats();
                    assertThat(ours).hasSize(dims.dims());
                    double maxDiff = 0;
                    double scale = 0;
                    for (int i = 0; i < ours.length; i++) {
                        maxDiff = Math.max(maxDiff, Math.abs(ours[i] - expected[i]));
                        scale = Math.max(scale, Math.abs(expected[i]));
                    }
                    // float32 rounding grows through the calibrated random blocks (1e-6 at dims 64, 2e-4 at 2048
                    // on features up to 5, in float64 too), so the bound is relative to the features' scale
                    assertThat(maxDiff / scale).as(input + " dims " + dims.dims()).isLessThan(1e-4);
                }
            }
        }
    }

    @Test
    void load_missingFile_namesFileAndWhereToGetIt(@TempDir Path dir) {
        assertThatThrownBy(() -> FidInception.load(dir.resolve("nope.pth"), FidDims.D2048))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("nope.pth").hasMessageContaining(FidInception.WEIGHTS_FILE)
                .hasMessageContaining(FidInception.WEIGHTS_URL);
    }

    @Test
    void fromStateDict_otherWeights_namesMissingKeys() {
        StateDict other = new StateDict();
        other.put("Conv2d_1a_3x3.conv.weight", weights.get("Conv2d_1a_3x3.conv.weight"));
        assertThatThrownBy(() -> FidInception.fromStateDict(other, "other.pth", FidDims.D64))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("other.pth: not FID Inception weights")
                .hasMessageContaining("Conv2d_1a_3x3.bn.weight")
                .hasMessageContaining("Conv2d_1a_3x3.conv.weight … Mixed_7c");
    }
}
