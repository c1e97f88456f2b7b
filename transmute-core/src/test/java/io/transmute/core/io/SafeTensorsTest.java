package io.transmute.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.transmute.core.CheckpointException;
import io.transmute.core.UnsupportedFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsTest {
    @TempDir
    Path tmp;

    /** A file laid out by hand from the format description. */
    static byte[] file(String json, byte[] data) {
        byte[] h = json.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(h.length).put(h).put(data).array();
    }

    @Test
    void write_thenRead_keepsTensorsOrderAndMetadata() {
        StateDict sd = new StateDict();
        sd.put("z.weight", PthWriterTest.tensor(Dtype.FLOAT32, 3, 2));
        sd.put("a.num_batches_tracked", PthWriterTest.tensor(Dtype.INT64));
        sd.put("m.empty", PthWriterTest.tensor(Dtype.FLOAT16, 0));
        for (Dtype d : Dtype.values()) {
            sd.put("all." + d.name(), PthWriterTest.tensor(d, 5));
        }
        Path f = tmp.resolve("net_G.safetensors");

        SafeTensors.write(f, sd, Map.of("format", "pt", "netG", "resnet_9blocks"));
        StateDict back = SafeTensors.read(f);

        assertThat(back.keyList()).containsExactlyElementsOf(sd.keyList());
        sd.entries().forEach((k, v) -> assertThat(back.get(k)).as(k).isEqualTo(v));
        assertThat(SafeTensors.readMetadata(f)).containsExactlyInAnyOrderEntriesOf(
                Map.of("format", "pt", "netG", "resnet_9blocks"));
    }

    @Test
    void write_alignsDataTo8Bytes_andDeclaresOffsetsInOrder() throws IOException {
        StateDict sd = new StateDict().put("b", PthWriterTest.tensor(Dtype.FLOAT32, 2))
                .put("a", PthWriterTest.tensor(Dtype.UINT8, 3));
        Path f = tmp.resolve("x.safetensors");

        SafeTensors.write(f, sd, Map.of());

        byte[] bytes = Files.readAllBytes(f);
        long n = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(n % 8).isZero();
        assertThat(bytes.length).isEqualTo(8 + n + 8 + 3);
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        assertThat(header.strip()).isEqualTo("{\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"a\":{\"dtype\":\"U8\",\"shape\":[3],\"data_offsets\":[8,11]}}");
        assertThat(Arrays.copyOfRange(bytes, (int) (8 + n), bytes.length))
                .containsExactly(concat(sd.get("b").data(), sd.get("a").data()));
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void read_acceptsAHandWrittenFile_andRestoresOrderByOffset() throws IOException {
        byte[] data = new byte[12];
        ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).putFloat(1.5f).putFloat(-2f).putFloat(0.25f);
        Path f = Files.write(tmp.resolve("h.safetensors"), file("{\"__metadata__\":{\"k\":\"v\"},"
                + "\"second\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]},"
                + "\"first\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]}}   ", data));

        StateDict sd = SafeTensors.read(f);

        assertThat(sd.keyList()).containsExactly("first", "second");
        assertThat(sd.get("first").shape()).isEmpty();
        assertThat(sd.get("first").toFloats()).containsExactly(1.5f);
        assertThat(sd.get("second").toFloats()).containsExactly(-2f, 0.25f);
        assertThat(SafeTensors.readMetadata(f)).containsExactly(Map.entry("k", "v"));
    }

    @Test
    void read_rejectsTruncatedFiles_namingTheFile() throws IOException {
        Path good = tmp.resolve("good.safetensors");
        SafeTensors.write(good, new StateDict().put("w", PthWriterTest.tensor(Dtype.FLOAT32, 16)), Map.of());
        byte[] bytes = Files.readAllBytes(good);
        Path cutData = Files.write(tmp.resolve("cut_data.safetensors"), Arrays.copyOf(bytes, bytes.length - 1));
        Path cutHeader = Files.write(tmp.resolve("cut_header.safetensors"), Arrays.copyOf(bytes, 20));
        Path tiny = Files.write(tmp.resolve("tiny.safetensors"), new byte[] {1, 2, 3});

        assertThatThrownBy(() -> SafeTensors.read(cutData)).isInstanceOf(CheckpointException.class)
                .hasMessageContaining(cutData.toString()).hasMessageContaining("[0, 64]");
        assertThatThrownBy(() -> SafeTensors.read(cutHeader)).isInstanceOf(CheckpointException.class)
                .hasMessageContaining(cutHeader.toString()).hasMessageContaining("exceeds the file size");
        assertThatThrownBy(() -> SafeTensors.read(tiny)).isInstanceOf(CheckpointException.class)
                .hasMessageContaining(tiny.toString()).hasMessageContaining("3 bytes");
    }

    @Test
    void read_rejectsInconsistentHeaders() throws IOException {
        byte[] eight = new byte[8];
        Path hole = Files.write(tmp.resolve("hole.safetensors"),
                file("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", eight));
        Path wrongSize = Files.write(tmp.resolve("size.safetensors"),
                file("{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", eight));
        Path notJson = Files.write(tmp.resolve("json.safetensors"), file("{\"w\":", eight));
        Path duplicate = Files.write(tmp.resolve("dup.safetensors"),
                file("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                        + "\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", eight));
        Path fp8 = Files.write(tmp.resolve("fp8.safetensors"),
                file("{\"w\":{\"dtype\":\"F8_E4M3\",\"shape\":[8],\"data_offsets\":[0,8]}}", eight));

        assertThatThrownBy(() -> SafeTensors.read(hole)).isInstanceOf(CheckpointException.class)
                .hasMessageContaining("tensor w starts at byte 4");
        assertThatThrownBy(() -> SafeTensors.read(wrongSize)).isInstanceOf(CheckpointException.class)
                .hasMessageContaining("needs 12 bytes");
        assertThatThrownBy(() -> SafeTensors.read(notJson)).isInstanceOf(CheckpointException.class)
                .hasMessageContaining("not valid JSON").hasMessageContaining(notJson.toString());
        assertThatThrownBy(() -> SafeTensors.read(duplicate)).isInstanceOf(CheckpointException.class)
                .hasMessageContaining(duplicate.toString());
        assertThatThrownBy(() -> SafeTensors.read(fp8)).isInstanceOf(UnsupportedFormatException.class)
                .hasMessageContaining("F8_E4M3");
        assertThatThrownBy(() -> SafeTensors.read(tmp.resolve("missing.safetensors")))
                .isInstanceOf(CheckpointException.class).hasMessageContaining("no such file");
    }
}
