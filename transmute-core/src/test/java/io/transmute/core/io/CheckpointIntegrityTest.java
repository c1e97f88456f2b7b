package io.transmute.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.transmute.core.CheckpointException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointIntegrityTest {
    private static final float MARK = 0.123456f;

    static StateDict weights(float first) {
        float[] w = new float[64];
        java.util.Arrays.fill(w, MARK);
        w[0] = first;
        return new StateDict().put("conv.weight", TensorData.ofFloats(w, 4, 4, 2, 2))
                .put("conv.bias", TensorData.ofFloats(new float[] {1, 2, 3, 4}, 4));
    }

    /** Flips one bit in the middle of the tensor data, where a CRC-less reader sees only a changed value. */
    static void flipTensorBit(Path file) throws IOException {
        byte[] all = Files.readAllBytes(file);
        byte[] mark = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(MARK).array();
        for (int i = 0; i + 4 <= all.length; i++) {
            if (all[i] == mark[0] && all[i + 1] == mark[1] && all[i + 2] == mark[2] && all[i + 3] == mark[3]) {
                all[i + 40 + 3] ^= 0x40;
                Files.write(file, all);
                return;
            }
        }
        throw new AssertionError("tensor data not found in " + file);
    }

    @Test
    void read_rejectsABitFlipInTensorData_byTheRecordsCrc(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("latest_net_G.pth");
        PthWriter.write(file, weights(MARK));
        assertThat(PthReader.read(file).get("conv.weight").toFloats()[10]).isEqualTo(MARK);
        flipTensorBit(file);
        assertThatThrownBy(() -> PthReader.read(file))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("latest_net_G.pth")
                .hasMessageContaining("data/")
                .hasMessageContaining("CRC-32")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThatThrownBy(() -> CheckpointIntegrity.verify(file)).isInstanceOf(CheckpointException.class)
                .hasMessageContaining("CRC-32");
    }

    @Test
    void verify_checksEveryRecord_evenThoseTheStateDictDoesNotUse(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("latest_net_G.pth");
        PthWriter.write(file, weights(MARK), Map.of("notes.txt", "a record nobody reads for tensors"));
        byte[] all = Files.readAllBytes(file);
        String text = new String(all, java.nio.charset.StandardCharsets.ISO_8859_1);
        int at = text.indexOf("nobody");
        all[at] = 'N';
        Files.write(file, all);
        assertThat(PthReader.read(file).size()).isEqualTo(2);
        assertThatThrownBy(() -> CheckpointIntegrity.verify(file)).isInstanceOf(CheckpointException.class)
                .hasMessageContaining("notes.txt").hasMessageContaining("CRC-32");
    }

    @Test
    void verify_reportsRecordsTensorsAndNonFiniteValues(@TempDir Path tmp) {
        Path good = tmp.resolve("good.pth");
        PthWriter.write(good, weights(MARK));
        CheckpointIntegrity.Report ok = CheckpointIntegrity.verify(good);
        assertThat(ok.ok()).isTrue();
        assertThat(ok.tensors()).isEqualTo(2);
        assertThat(ok.values()).isEqualTo(68);
        assertThat(ok.checkedRecords()).isGreaterThanOrEqualTo(4);
        assertThat(ok.summary()).contains("CRC-32").contains("all values finite");

        Path nan = tmp.resolve("nan.pth");
        PthWriter.write(nan, weights(Float.NaN));
        CheckpointIntegrity.Report bad = CheckpointIntegrity.verify(nan);
        assertThat(bad.ok()).isFalse();
        assertThat(bad.nonFinite()).containsExactly(new NonFiniteValues.Finding("conv.weight", 1, 64));
        assertThat(bad.summary()).contains("conv.weight (1 of 64)");

        Path st = tmp.resolve("w.safetensors");
        SafeTensors.write(st, weights(Float.POSITIVE_INFINITY), Map.of());
        CheckpointIntegrity.Report sbad = CheckpointIntegrity.verify(st);
        assertThat(sbad.format()).isEqualTo("safetensors");
        assertThat(sbad.nonFinite()).extracting(NonFiniteValues.Finding::key).containsExactly("conv.weight");
    }

    @Test
    void requireFinite_namesTheTensor_andCountsOnlyFloatingPoint() {
        assertThatThrownBy(() -> NonFiniteValues.requireFinite(weights(Float.NaN), "G.pth"))
                .isInstanceOf(CheckpointException.class)
                .hasMessageContaining("G.pth").hasMessageContaining("conv.weight (1 of 64)")
                .hasMessageContaining("earlier checkpoint");
        NonFiniteValues.requireFinite(weights(1f), "G.pth");
        TensorData ints = new TensorData(Dtype.INT64, new long[] {1}, new byte[8]);
        assertThat(NonFiniteValues.count(ints)).isZero();
    }
}
