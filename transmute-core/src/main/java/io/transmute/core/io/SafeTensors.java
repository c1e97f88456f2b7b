package io.transmute.core.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.transmute.core.CheckpointException;
import io.transmute.core.UnsupportedFormatException;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes the <a href="https://github.com/huggingface/safetensors">safetensors</a> format: an 8-byte
 * little-endian header length, a JSON header mapping each name to {@code dtype}, {@code shape} and
 * {@code data_offsets} (plus an optional {@code __metadata__} string map), then the raw little-endian tensor
 * bytes.
 *
 * <p>JSON objects carry no reliable order, so the state-dict order is kept in the data layout: tensors are
 * stored in insertion order and {@link #read} returns them sorted by offset. Reading validates the header as the
 * reference implementation does, so a file this class accepts loads in Python too.
 */
public final class SafeTensors {
    private static final String METADATA_KEY = "__metadata__";
    // the reference implementation refuses larger headers, so a bigger value means a corrupt file
    private static final long MAX_HEADER_SIZE = 100_000_000;
    private static final int HEADER_ALIGNMENT = 8;
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private SafeTensors() {
    }

    /** One tensor's header entry. */
    private record Entry(String name, Dtype dtype, long[] shape, long begin, long end) {
    }

    /** The parsed header and where the data begins. */
    private record Header(List<Entry> entries, Map<String, String> metadata, long dataStart) {
    }

    /**
     * Reads every tensor.
     *
     * @param file a {@code .safetensors} file
     * @return the tensors in the order of their data in the file
     * @throws CheckpointException when the file is missing, truncated or inconsistent
     * @throws UnsupportedFormatException for a dtype Transmute does not handle (e.g. F8_E4M3)
     */
    public static StateDict read(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            Header header = readHeader(file, ch);
            StateDict sd = new StateDict();
            for (Entry e : header.entries()) {
                ByteBuffer data = ByteBuffer.allocate(Math.toIntExact(e.end() - e.begin()));
                readFully(ch, data, header.dataStart() + e.begin());
                sd.put(e.name(), new TensorData(e.dtype(), e.shape(), data.array()));
            }
            return sd;
        } catch (NoSuchFileException e) {
            throw new CheckpointException(file + ": no such file; check the path");
        } catch (IOException e) {
            throw new CheckpointException(file + ": cannot read safetensors file (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Reads only the {@code __metadata__} map of the header.
     *
     * @param file a {@code .safetensors} file
     * @return the metadata in header order; empty when there is none
     * @throws CheckpointException when the file is missing, truncated or inconsistent
     */
    public static Map<String, String> readMetadata(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return readHeader(file, ch).metadata();
        } catch (NoSuchFileException e) {
            throw new CheckpointException(file + ": no such file; check the path");
        } catch (IOException e) {
            throw new CheckpointException(file + ": cannot read safetensors file (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Writes tensors atomically, in the state dict's order.
     *
     * @param file the file to create or replace
     * @param stateDict the tensors
     * @param metadata free-form string pairs stored as {@code __metadata__}; may be empty
     */
    public static void write(Path file, StateDict stateDict, Map<String, String> metadata) {
        Map<String, Object> header = new LinkedHashMap<>();
        if (!metadata.isEmpty()) {
            header.put(METADATA_KEY, new LinkedHashMap<>(metadata));
        }
        long offset = 0;
        for (Map.Entry<String, TensorData> e : stateDict.entries().entrySet()) {
            if (METADATA_KEY.equals(e.getKey())) {
                throw new IllegalArgumentException("a tensor cannot be named " + METADATA_KEY);
            }
            TensorData t = e.getValue();
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("dtype", t.dtype().safetensorsName());
            info.put("shape", t.shape());
            info.put("data_offsets", new long[] {offset, offset + t.data().length});
            header.put(e.getKey(), info);
            offset += t.data().length;
        }
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(header);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode safetensors header", e);
        }
        // spaces pad the header so that tensor data starts 8-byte aligned, as the reference writer does
        int padded = (json.length + HEADER_ALIGNMENT - 1) / HEADER_ALIGNMENT * HEADER_ALIGNMENT;
        ByteBuffer prefix = ByteBuffer.allocate(8 + padded).order(ByteOrder.LITTLE_ENDIAN);
        prefix.putLong(padded).put(json);
        while (prefix.hasRemaining()) {
            prefix.put((byte) ' ');
        }
        AtomicFiles.write(file, out -> {
            out.write(prefix.array());
            for (TensorData t : stateDict.entries().values()) {
                out.write(t.data());
            }
        });
    }

    private static Header readHeader(Path file, FileChannel ch) throws IOException {
        long size = ch.size();
        if (size < 8) {
            throw corrupt(file, "file has " + size + " bytes, fewer than the 8-byte header length");
        }
        ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, len, 0);
        long headerSize = len.getLong(0);
        if (headerSize < 0 || headerSize > size - 8) {
            throw corrupt(file, "header length " + Long.toUnsignedString(headerSize) + " exceeds the file size "
                    + size + " (truncated, or not a safetensors file)");
        }
        if (headerSize > MAX_HEADER_SIZE) {
            throw corrupt(file, "header length " + headerSize + " is over the 100 MB limit");
        }
        ByteBuffer headerBytes = ByteBuffer.allocate((int) headerSize);
        readFully(ch, headerBytes, 8);
        JsonNode root;
        try {
            root = JSON.readTree(new String(headerBytes.array(), StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw corrupt(file, "header is not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw corrupt(file, "header is not a JSON object");
        }
        long dataStart = 8 + headerSize;
        long dataSize = size - dataStart;
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (METADATA_KEY.equals(field.getKey())) {
                readMetadata(file, field.getValue(), metadata);
            } else {
                entries.add(entry(file, field.getKey(), field.getValue(), dataSize));
            }
        }
        // a stable sort keeps header order among zero-size tensors that share an offset
        entries.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long expected = 0;
        for (Entry e : entries) {
            if (e.begin() != expected) {
                throw corrupt(file, "tensor " + e.name() + " starts at byte " + e.begin() + " of the data, expected "
                        + expected + " (overlapping or missing data)");
            }
            expected = e.end();
        }
        if (expected != dataSize) {
            throw corrupt(file, "tensors cover " + expected + " of " + dataSize + " data bytes");
        }
        return new Header(entries, metadata, dataStart);
    }

    private static void readMetadata(Path file, JsonNode node, Map<String, String> out) {
        if (!node.isObject()) {
            throw corrupt(file, METADATA_KEY + " is not a JSON object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!f.getValue().isTextual()) {
                throw corrupt(file, METADATA_KEY + "." + f.getKey() + " is not a string");
            }
            out.put(f.getKey(), f.getValue().textValue());
        }
    }

    private static Entry entry(Path file, String name, JsonNode node, long dataSize) {
        JsonNode dtypeNode = node.get("dtype");
        JsonNode shapeNode = node.get("shape");
        JsonNode offsets = node.get("data_offsets");
        if (dtypeNode == null || !dtypeNode.isTextual() || shapeNode == null || !shapeNode.isArray()
                || offsets == null || !offsets.isArray() || offsets.size() != 2) {
            throw corrupt(file, "tensor " + name + " needs dtype, shape and two data_offsets");
        }
        Dtype dtype = Dtype.ofSafetensorsName(dtypeNode.textValue());
        if (dtype == null) {
            throw new UnsupportedFormatException(file + ": tensor " + name + " has dtype " + dtypeNode.textValue()
                    + ", which Transmute does not read; convert it to F32, F16 or BF16");
        }
        long[] shape = new long[shapeNode.size()];
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = shapeNode.get(i);
            if (!d.canConvertToExactIntegral() || d.asLong() < 0) {
                throw corrupt(file, "tensor " + name + " has an invalid shape " + shapeNode);
            }
            shape[i] = d.asLong();
        }
        JsonNode b = offsets.get(0);
        JsonNode e = offsets.get(1);
        if (!b.canConvertToExactIntegral() || !e.canConvertToExactIntegral()) {
            throw corrupt(file, "tensor " + name + " has non-integer data_offsets " + offsets);
        }
        long begin = b.asLong();
        long end = e.asLong();
        if (begin < 0 || end < begin || end > dataSize) {
            throw corrupt(file, "tensor " + name + " has data_offsets [" + begin + ", " + end
                    + "] outside the " + dataSize + " data bytes (truncated file?)");
        }
        long needed = TensorData.numel(shape) * dtype.size();
        if (end - begin != needed) {
            throw corrupt(file, "tensor " + name + " of " + dtype.safetensorsName() + " " + shapeNode + " needs "
                    + needed + " bytes but data_offsets span " + (end - begin));
        }
        return new Entry(name, dtype, shape, begin, end);
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        long pos = position;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw new EOFException("unexpected end of file at byte " + pos);
            }
            pos += n;
        }
        buf.flip();
    }

    private static CheckpointException corrupt(Path file, String what) {
        return new CheckpointException(file + ": corrupt safetensors file: " + what + "; write or download it again");
    }
}
