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
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;
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
    void forward_leavesNoNativeTensorBehind_onceItsScopeCloses() {
        try (FidInception net = FidInception.fromStateDict(weights, "w", FidDims.D192)) {
            long live = 0;
            for (int i = 0; i < 4; i++) {
                // the first pass creates what libtorch and JavaCPP keep for good; after it nothing may accumulate
                if (i == 1) {
                    live = Pointer.totalCount();
                }
                try (Scope s = Scope.open()) {
                    net.forwardBlocks(torch.zeros(2, 3, 160, 160));
                }
            }
            // a handle that escaped its scope lives until the garbage collector finds it: the count shows it
            assertThat(Pointer.totalCount()).as("native objects alive, against %d after the first pass", live)
                    .isLessThanOrEqualTo(live);
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
                    System.out.printf("float32 %s dims %d: max diff %.3g (%.3g of scale %.3g)%n", input, dims.dims(),
                            maxDiff, maxDiff / scale, scale);
                    // float32 rounding, not a difference of computation (the float64 test below agrees to 1e-13):
                    // the fixture (PyTorch 1.13, float32) and our float32 each differ from the exact float64
                    // features by up to 3e-7, 7e-7, 1.5e-5 and 7e-5 of the scale at dims 64, 192, 768 and 2048
                    // (tools/fid_precision_check.py, docs/PERFORMANCE.md), so the bound is about their sum
                    assertThat(maxDiff / scale).as(input + " dims " + dims.dims()).isLessThan(switch (dims) {
                        case D64 -> 1e-6;
                        case D192 -> 2e-6;
                        case D768 -> 2e-5;
                        case D2048 -> 1e-4;
                    });
                }
            }
        }
    }

    private static double[] doubles(io.transmute.core.io.TensorData t) {
        double[] out = new double[(int) t.numel()];
        ByteBuffer.wrap(t.data()).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(out);
        return out;
    }

    /**
     * Our network in float64 against the same network in float64 under PyTorch ({@code tools/fid_precision_check.py
     * --write}): the float32 differences above are rounding, not a difference of layers, padding or resize.
     */
    @Test
    void featuresInFloat64_equalTheReferenceInFloat64() {
        try (FidInception net = FidInception.fromStateDict(weights, "w", FidDims.D2048); Scope s = Scope.open()) {
            net.useFloat64();
            for (String input : INPUTS) {
                ImageSamples img = ImageCodec.readSamples(EvalFixtures.resource(input + ".png"));
                Tensor x = Tensors.fromFloats(img.unitPlanes(3), 1, 3, img.height(), img.width())
                        .to(org.bytedeco.pytorch.global.torch.ScalarType.Double);
                List<Tensor> blocks = net.forwardBlocks(FidInception.preprocess(x));
                for (FidDims dims : FidDims.values()) {
                    double[] ours = doubles(io.transmute.core.io.TensorData.of(blocks.get(dims.block())
                            .contiguous()));
                    double[] expected = doubles(Npy.read(EvalFixtures.resource("f64/" + input + ".dims"
                            + dims.dims() + ".f64.npy")));
                    assertThat(ours).hasSize(dims.dims());
                    double maxDiff = 0;
                    double scale = 0;
                    for (int i = 0; i < ours.length; i++) {
                        maxDiff = Math.max(maxDiff, Math.abs(ours[i] - expected[i]));
                        scale = Math.max(scale, Math.abs(expected[i]));
                    }
                    System.out.printf("float64 %s dims %d: max diff %.3g (%.3g of scale %.3g)%n", input, dims.dims(),
                            maxDiff, maxDiff / scale, scale);
                    assertThat(maxDiff / scale).as(input + " dims " + dims.dims()).isLessThan(1e-10);
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
