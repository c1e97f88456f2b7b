package io.transmute.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.transmute.core.DataException;
import io.transmute.core.UnsupportedFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {
    // written by numpy 2.4 (np.save, or numpy.lib.format.write_array for versions 2.0 and 3.0)
    static final String F4_23 = "934e554d5059010076007b276465736372273a20273c6634272c2027666f727472616e5f6f72646572273a2046616c73"
            + "652c20277368617065273a2028322c2033292c207d202020202020202020202020202020202020202020202020202020"
            + "202020202020202020202020202020202020202020202020202020202020200a000020c00000c0bf000000bf0000003f"
            + "0000c03f00002040";
    static final String F8_V2 = "934e554d50590200740000007b276465736372273a20273c6638272c2027666f727472616e5f6f72646572273a204661"
            + "6c73652c20277368617065273a2028322c292c207d202020202020202020202020202020202020202020202020202020"
            + "202020202020202020202020202020202020202020202020202020202020200a555555555555d53f00000000000000c0";
    static final String F2_V3 = "934e554d50590300740000007b276465736372273a20273c6632272c2027666f727472616e5f6f72646572273a204661"
            + "6c73652c20277368617065273a2028312c2032292c207d20202020202020202020202020202020202020202020202020"
            + "202020202020202020202020202020202020202020202020202020202020200a0038ff7b";
    static final String U1 = "934e554d5059010076007b276465736372273a20277c7531272c2027666f727472616e5f6f72646572273a2046616c73"
            + "652c20277368617065273a2028312c20322c2032292c207d202020202020202020202020202020202020202020202020"
            + "202020202020202020202020202020202020202020202020202020202020200a00ff0780";
    static final String I8_SCALAR = "934e554d5059010076007b276465736372273a20273c6938272c2027666f727472616e5f6f72646572273a2046616c73"
            + "652c20277368617065273a2028292c207d20202020202020202020202020202020202020202020202020202020202020"
            + "202020202020202020202020202020202020202020202020202020202020200ad6ffffffffffffff";
    static final String BIG_ENDIAN = "934e554d5059010076007b276465736372273a20273e6634272c2027666f727472616e5f6f72646572273a2046616c73"
            + "652c20277368617065273a2028322c292c207d2020202020202020202020202020202020202020202020202020202020"
            + "202020202020202020202020202020202020202020202020202020202020200a000000003f800000";
    static final String FORTRAN = "934e554d5059010076007b276465736372273a20273c6634272c2027666f727472616e5f6f72646572273a2054727565"
            + "2c20277368617065273a2028322c2033292c207d20202020202020202020202020202020202020202020202020202020"
            + "202020202020202020202020202020202020202020202020202020202020200a00000000000040400000803f00008040"
            + "000000400000a040";

    @TempDir
    Path tmp;

    Path npy(String name, String hex) throws IOException {
        return Files.write(tmp.resolve(name + ".npy"), HexFormat.of().parseHex(hex));
    }

    @Test
    void read_numpyFiles_ofEveryFormatVersion() throws IOException {
        TensorData f4 = Npy.read(npy("f4", F4_23));
        assertThat(f4.dtype()).isEqualTo(Dtype.FLOAT32);
        assertThat(f4.shape()).containsExactly(2, 3);
        assertThat(f4.toFloats()).containsExactly(-2.5f, -1.5f, -0.5f, 0.5f, 1.5f, 2.5f);

        TensorData f8 = Npy.read(npy("f8", F8_V2));
        assertThat(f8.dtype()).isEqualTo(Dtype.FLOAT64);
        assertThat(ByteBuffer.wrap(f8.data()).order(ByteOrder.LITTLE_ENDIAN).getDouble(0)).isEqualTo(1.0 / 3);

        TensorData f2 = Npy.read(npy("f2", F2_V3));
        assertThat(f2.dtype()).isEqualTo(Dtype.FLOAT16);
        assertThat(f2.shape()).containsExactly(1, 2);
        assertThat(f2.toFloats()).containsExactly(0.5f, 65504f);

        TensorData u1 = Npy.read(npy("u1", U1));
        assertThat(u1.dtype()).isEqualTo(Dtype.UINT8);
        assertThat(u1.shape()).containsExactly(1, 2, 2);
        assertThat(u1.toFloats()).containsExactly(0f, 255f, 7f, 128f);

        TensorData scalar = Npy.read(npy("i8", I8_SCALAR));
        assertThat(scalar.dtype()).isEqualTo(Dtype.INT64);
        assertThat(scalar.shape()).isEmpty();
        assertThat(scalar.toFloats()).containsExactly(-42f);
    }

    @Test
    void write_producesTheHeaderNumpyWrites_andReadsBack() throws IOException {
        TensorData a = TensorData.ofFloats(new float[] {-2.5f, -1.5f, -0.5f, 0.5f, 1.5f, 2.5f}, 2, 3);
        Path f = tmp.resolve("out/a.npy");

        Npy.write(f, a);

        byte[] bytes = Files.readAllBytes(f);
        // numpy 2 pads more (room to grow the first axis in place), so compare from the dict literal up
        String header = new String(bytes, 10, bytes.length - 10 - 24, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(header).startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }").endsWith("\n");
        assertThat((bytes.length - 24) % 64).isZero();
        assertThat(Arrays.copyOfRange(bytes, bytes.length - 24, bytes.length))
                .isEqualTo(HexFormat.of().parseHex("000020c00000c0bf000000bf0000003f0000c03f00002040"));
        assertThat(Npy.read(f)).isEqualTo(a);
    }

    @Test
    void write_thenRead_roundTripsEveryNumpyType_andScalarsAndOneDimensionalShapes() {
        for (Dtype d : Dtype.values()) {
            if (d.npyDescr() == null) {
                continue;
            }
            for (long[] shape : new long[][] {{}, {5}, {2, 0}, {3, 1, 2}}) {
                TensorData t = PthWriterTest.tensor(d, shape);
                Path f = tmp.resolve(d + "_" + shape.length + ".npy");
                Npy.write(f, t);
                assertThat(Npy.read(f)).as(d + Arrays.toString(shape)).isEqualTo(t);
            }
        }
        assertThat(Npy.header("<f4", new long[] {7})).startsWith("{'descr': '<f4', 'fortran_order': False,"
                + " 'shape': (7,), }");
    }

    @Test
    void read_rejectsBigEndianFortranTruncatedAndForeignFiles_withTheFileName() throws IOException {
        Path big = npy("big", BIG_ENDIAN);
        Path fortran = npy("fortran", FORTRAN);
        byte[] full = HexFormat.of().parseHex(F4_23);
        Path shortData = Files.write(tmp.resolve("short.npy"), Arrays.copyOf(full, full.length - 1));
        Path shortHeader = Files.write(tmp.resolve("short_header.npy"), Arrays.copyOf(full, 40));
        Path png = Files.write(tmp.resolve("image.npy"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0,
                0, 0, 0});

        assertThatThrownBy(() -> Npy.read(big)).isInstanceOf(DataException.class)
                .hasMessageContaining(big.toString()).hasMessageContaining("big-endian");
        assertThatThrownBy(() -> Npy.read(fortran)).isInstanceOf(DataException.class)
                .hasMessageContaining("Fortran order");
        assertThatThrownBy(() -> Npy.read(shortData)).isInstanceOf(DataException.class)
                .hasMessageContaining(shortData.toString()).hasMessageContaining("24 bytes expected, 23 present");
        assertThatThrownBy(() -> Npy.read(shortHeader)).isInstanceOf(DataException.class)
                .hasMessageContaining("truncated");
        assertThatThrownBy(() -> Npy.read(png)).isInstanceOf(DataException.class)
                .hasMessageContaining("not a .npy file");
        assertThatThrownBy(() -> Npy.write(tmp.resolve("bf.npy"), PthWriterTest.tensor(Dtype.BFLOAT16, 2)))
                .isInstanceOf(UnsupportedFormatException.class).hasMessageContaining("float32");
    }
}
