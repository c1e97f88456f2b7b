package io.transmute.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.transmute.core.testing.Fixtures;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PthWriterTest {
    @TempDir
    Path tmp;

    static TensorData tensor(Dtype dtype, long... shape) {
        byte[] data = new byte[Math.toIntExact(TensorData.numel(shape) * dtype.size())];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 37 + dtype.ordinal());
        }
        return new TensorData(dtype, shape, data);
    }

    static List<String> names(Path zip) throws IOException {
        List<String> out = new ArrayList<>();
        try (ZipFile z = new ZipFile(zip.toFile())) {
            for (ZipEntry e : Collections.list(z.entries())) {
                out.add(e.getName());
            }
        }
        return out;
    }

    static byte[] entry(Path zip, String name) throws IOException {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            ZipEntry e = z.getEntry(name);
            assertThat(e).as(name).isNotNull();
            assertThat(e.getMethod()).as(name + " stored").isEqualTo(ZipEntry.STORED);
            return z.getInputStream(e).readAllBytes();
        }
    }

    /** Walks the local headers and returns each entry's data offset. */
    static Map<String, Long> dataOffsets(Path zip) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(zip)).order(ByteOrder.LITTLE_ENDIAN);
        Map<String, Long> out = new LinkedHashMap<>();
        int pos = 0;
        while (b.getInt(pos) == 0x04034b50) {
            int size = b.getInt(pos + 18);
            int nameLen = b.getShort(pos + 26) & 0xffff;
            int extraLen = b.getShort(pos + 28) & 0xffff;
            String name = new String(b.array(), pos + 30, nameLen, StandardCharsets.UTF_8);
            int data = pos + 30 + nameLen + extraLen;
            out.put(name, (long) data);
            pos = data + size;
        }
        return out;
    }

    @Test
    void write_mirrorsTheZipLayoutOfTorchSave() throws IOException {
        String name = "pixel_ndf16_batch_in6";
        Path fixture = Fixtures.file(name + ".pth");
        // storage keys in torch.save follow state-dict order, so data/i belongs to the i-th key
        StateDict sd = new StateDict();
        List<Fixtures.KeyShape> keys = Fixtures.keys(name + ".keys.txt");
        for (int i = 0; i < keys.size(); i++) {
            long[] shape = keys.get(i).shape().stream().mapToLong(Long::longValue).toArray();
            Dtype dtype = "int64".equals(keys.get(i).dtype()) ? Dtype.INT64 : Dtype.FLOAT32;
            sd.put(keys.get(i).key(), new TensorData(dtype, shape, entry(fixture, name + "/data/" + i)));
        }
        Path out = tmp.resolve(name + ".pth");

        PthWriter.write(out, sd);

        List<String> ours = names(out);
        List<String> theirs = names(fixture);
        assertThat(ours.get(0)).isEqualTo(name + "/data.pkl");
        assertThat(ours.get(ours.size() - 1)).isEqualTo(name + "/version");
        assertThat(ours).contains(name + "/byteorder");
        List<String> withoutByteorder = new ArrayList<>(ours);
        withoutByteorder.remove(name + "/byteorder");
        assertThat(withoutByteorder).containsExactlyElementsOf(theirs);
        for (String entry : theirs) {
            if (!entry.endsWith("data.pkl")) {
                assertThat(entry(out, entry)).as(entry).isEqualTo(entry(fixture, entry));
            }
        }
        assertThat(entry(out, name + "/byteorder")).asString().isEqualTo("little");
        assertThat(dataOffsets(out).values()).allSatisfy(offset -> assertThat(offset % 64).isZero());
        assertThat(dataOffsets(out).keySet()).containsExactlyElementsOf(ours);
    }

    @Test
    void write_readsBackBitIdentically_forEveryDtypeAndScalarsAndEmptyTensors() {
        StateDict sd = new StateDict();
        sd.put("conv.weight", tensor(Dtype.FLOAT32, 4, 3, 3, 3));
        sd.put("half.weight", tensor(Dtype.FLOAT16, 5, 2));
        sd.put("bf16.weight", tensor(Dtype.BFLOAT16, 7));
        sd.put("bn.num_batches_tracked", new TensorData(Dtype.INT64, new long[0],
                ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(123456789012L).array()));
        sd.put("empty", tensor(Dtype.FLOAT32, 0, 3));
        for (Dtype d : Dtype.values()) {
            sd.put("all." + d.name(), tensor(d, 2, 3));
        }
        Path out = tmp.resolve("latest_net_G.pth");

        PthWriter.write(out, sd);
        StateDict back = PthReader.read(out);

        assertThat(back.keyList()).containsExactlyElementsOf(sd.keyList());
        for (String key : sd.keys()) {
            assertThat(back.get(key)).as(key).isEqualTo(sd.get(key));
        }
        assertThat(back.get("bn.num_batches_tracked").shape()).isEmpty();
    }

    @Test
    void write_roundTripsAReferenceCheckpoint_withBatchNormCounters() {
        Path fixture = Fixtures.file("unet256_ngf4_batch.pth");
        StateDict original = PthReader.read(fixture);
        Path out = tmp.resolve("sub/dir/copy.pth");

        PthWriter.write(out, original);
        StateDict back = PthReader.read(out);

        assertThat(back.keyList()).containsExactlyElementsOf(original.keyList());
        original.entries().forEach((k, v) -> assertThat(back.get(k)).as(k).isEqualTo(v));
    }

    @Test
    void writeDict_readsBackNestedValues() {
        StateDict net = new StateDict().put("w", tensor(Dtype.FLOAT32, 2, 2)).put("b", tensor(Dtype.FLOAT32, 2));
        Map<Object, Object> state = new LinkedHashMap<>();
        state.put(0, Map.of("step", tensor(Dtype.FLOAT32)));
        Map<String, Object> dict = new LinkedHashMap<>();
        dict.put("epoch", 7);
        dict.put("total_steps", 1L << 40);
        dict.put("lr", 2e-4);
        dict.put("name", "maps_cyclegan é");
        dict.put("flags", List.of(true, false));
        dict.put("none", null);
        dict.put("netG", net);
        dict.put("optimizer_G", Map.of("state", state, "param_groups", List.of(Map.of("params", List.of(0, 1)))));
        Path out = tmp.resolve("train_state.pth");

        PthWriter.writeDict(out, dict);
        Object back = PthReader.readObject(out);

        assertThat(back).isInstanceOf(Map.class);
        Map<?, ?> m = (Map<?, ?>) back;
        assertThat(new ArrayList<Object>(m.keySet())).containsExactly("epoch", "total_steps", "lr", "name", "flags", "none", "netG",
                "optimizer_G");
        assertThat(m.get("epoch")).isEqualTo(7L);
        assertThat(m.get("total_steps")).isEqualTo(1L << 40);
        assertThat(m.get("lr")).isEqualTo(2e-4);
        assertThat(m.get("name")).isEqualTo("maps_cyclegan é");
        assertThat(m.get("flags")).isEqualTo(List.of(true, false));
        assertThat(m.get("none")).isNull();
        Map<?, ?> g = (Map<?, ?>) m.get("netG");
        assertThat(List.copyOf(g.keySet())).isEqualTo(List.of("w", "b"));
        assertThat(g.get("w")).isEqualTo(net.get("w"));
        Map<?, ?> opt = (Map<?, ?>) m.get("optimizer_G");
        Map<?, ?> slot = (Map<?, ?>) ((Map<?, ?>) opt.get("state")).get(0L);
        assertThat(slot.get("step")).isEqualTo(tensor(Dtype.FLOAT32));
    }

    @Test
    void pickle_matchesPythonPicklerBytes_forPlainValues() {
        // pickle.Pickler(f, 2) with fast=True (no memo) on the same dict, in CPython 3.11
        String python = "80027d2858040000006e616d655806000000c3a9e282ac78580500000065706f63684b055804000000696e7473"
                + "5d284b004bff4d00014dffff4a000001004affffffff4a000000808a0500000080008a060000000000018a06000000"
                + "0000ff8a08ffffffffffffff7f8a0800000000000000806558020000006c72473f2a36e2eb1c432d580500000066"
                + "6c6167735d2888894e6558030000006f6e655d4b07615805000000656d7074797d58060000006e6573746564"
                + "7d4b0358010000006173752e";
        Map<String, Object> dict = new LinkedHashMap<>();
        dict.put("name", "é€x");
        dict.put("epoch", 5);
        dict.put("ints", List.of(0L, 255L, 256L, 65535L, 65536L, -1L, (long) Integer.MIN_VALUE,
                1L << 31, 1L << 40, -(1L << 40), Long.MAX_VALUE, Long.MIN_VALUE));
        dict.put("lr", 0.0002);
        dict.put("flags", Arrays.asList(true, false, null));
        dict.put("one", List.of(7));
        dict.put("empty", Map.of());
        dict.put("nested", Map.of(3, "a"));

        assertThat(HexFormat.of().formatHex(PthWriter.pickle(dict))).isEqualTo(python);
    }

    @Test
    void writeDict_rejectsUnsupportedValues_andLeavesNoFile() {
        Path out = tmp.resolve("bad.pth");
        assertThatThrownBy(() -> PthWriter.writeDict(out, Map.of("opts", Map.of("size", new int[] {1}))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("opts.size");
        assertThat(out).doesNotExist();
    }

    @Test
    void write_withExtraRecords_keepsTheStateDictReadable_andReturnsTheRecords() throws IOException {
        Path out = tmp.resolve("latest_net_G.pth");
        StateDict sd = new StateDict().put("model.0.weight", tensor(Dtype.FLOAT32, 2, 3));
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("architecture.json", "{\"netG\":\"unet_32\",\"name\":\"é\"}");
        extra.put("note.txt", "two");
        PthWriter.write(out, sd, extra);

        assertThat(names(out)).containsSubsequence("latest_net_G/data.pkl", "latest_net_G/version",
                "latest_net_G/transmute/architecture.json", "latest_net_G/transmute/note.txt");
        assertThat(dataOffsets(out).get("latest_net_G/transmute/architecture.json") % 64).isZero();
        assertThat(PthReader.read(out).get("model.0.weight")).isEqualTo(sd.get("model.0.weight"));
        assertThat(PthReader.readRecords(out)).containsExactlyEntriesOf(extra);
    }

    @Test
    void readRecords_isEmpty_forAPlainTorchSaveFile() {
        Path out = tmp.resolve("plain.pth");
        PthWriter.write(out, new StateDict().put("w", tensor(Dtype.FLOAT32, 1)));
        assertThat(PthReader.readRecords(out)).isEmpty();
    }

    @Test
    void write_rejectsARecordNameWithAPath() {
        Path out = tmp.resolve("x.pth");
        assertThatThrownBy(() -> PthWriter.write(out, new StateDict(), Map.of("../evil", "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("../evil");
        assertThat(out).doesNotExist();
    }

    @Test
    void archiveName_isTheFileStem() {
        assertThat(PthWriter.archiveName(Path.of("/x/latest_net_G.pth"))).isEqualTo("latest_net_G");
        assertThat(PthWriter.archiveName(Path.of("weights"))).isEqualTo("weights");
        assertThat(PthWriter.archiveName(Path.of("a.b.pt"))).isEqualTo("a.b");
    }
}
