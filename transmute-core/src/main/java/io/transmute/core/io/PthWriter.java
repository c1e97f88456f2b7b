package io.transmute.core.io;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes PyTorch {@code .pth} files in the zip format of {@code torch.save}, so that Python's
 * {@code torch.load(path)} (also with {@code weights_only=True}) and {@code module.load_state_dict} accept them.
 *
 * <p>The archive mirrors what {@code torch.save} produces: {@code <stem>/data.pkl} (a protocol 2 pickle),
 * {@code <stem>/byteorder}, one stored (uncompressed) record {@code <stem>/data/<n>} of raw little-endian bytes
 * per tensor, and {@code <stem>/version}. Each record's data starts on a 64-byte boundary, padded through the
 * local header's extra field as PyTorch's writer does. Files are written atomically.
 */
public final class PthWriter {
    private static final int ALIGNMENT = 64;
    private static final int BATCH_SIZE = 1000;
    private static final int LOCAL_HEADER_SIZE = 30;
    // "FB": the extra-field id PyTorch's stream writer uses for its alignment padding
    private static final int PADDING_EXTRA_ID = 0x4246;
    // the serialization format version torch.save records; torch.load accepts it from 1.6 onwards
    private static final String FORMAT_VERSION = "3\n";
    // A fixed timestamp keeps identical weights byte-identical on disk. Not 1980-01-01 00:00:00: ZipEntry
    // treats that DOS time as "before 1980" and adds a 9-byte timestamp extra field, breaking the alignment.
    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(1980, 1, 1, 0, 0, 2);

    private PthWriter() {
    }

    /**
     * Writes a state dict as {@code torch.save(model.state_dict())} would: a {@code collections.OrderedDict}
     * from key to tensor, in the dict's order. Python's {@code _metadata} attribute is not written;
     * {@code load_state_dict} does not need it.
     *
     * @param path the file to create or replace, e.g. {@code latest_net_G.pth}; its stem names the archive
     * @param stateDict the tensors
     */
    public static void write(Path path, StateDict stateDict) {
        Emitter emitter = new Emitter();
        emitter.stateDict(stateDict);
        writeArchive(path, emitter);
    }

    /**
     * Writes a nested dict as {@code torch.save({...})} would, e.g. a training state
     * {@code {'epoch': 5, 'netG': state_dict, 'optimizer_G': {...}}}. The top level becomes a plain
     * {@code dict} in the map's iteration order.
     *
     * <p>Supported values: {@link StateDict} (an {@code OrderedDict} of tensors), {@link TensorData} (a tensor),
     * {@link Map} (a {@code dict}; keys may be strings or integers), {@link List} (a {@code list}),
     * {@link String}, {@link Integer}, {@link Long}, {@link Short}, {@link Byte}, {@link Double}, {@link Float},
     * {@link Boolean} and {@code null} ({@code None}).
     *
     * @param path the file to create or replace; its stem names the archive
     * @param dict the content
     * @throws IllegalArgumentException for a value of another type (nothing is written)
     */
    public static void writeDict(Path path, Map<?, ?> dict) {
        Emitter emitter = new Emitter();
        emitter.value(dict, "");
        writeArchive(path, emitter);
    }

    /** @return the data.pkl bytes for a value, as {@link #writeDict} would write them (for tests) */
    static byte[] pickle(Object value) {
        Emitter emitter = new Emitter();
        emitter.value(value, "");
        return emitter.pickle.finish();
    }

    private static void writeArchive(Path path, Emitter emitter) {
        byte[] pickle = emitter.pickle.finish();
        String archive = archiveName(path);
        // torch 1.x writes storages in lexicographic key order and readers that compute offsets without
        // a .format_version record assume it
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < emitter.storages.size(); i++) {
            order.add(i);
        }
        order.sort((a, b) -> Integer.toString(a).compareTo(Integer.toString(b)));
        AtomicFiles.write(path, raw -> {
            CountingStream counting = new CountingStream(raw);
            ZipOutputStream zip = new ZipOutputStream(counting, StandardCharsets.UTF_8);
            putRecord(zip, counting, archive + "/data.pkl", pickle);
            putRecord(zip, counting, archive + "/byteorder", "little".getBytes(StandardCharsets.US_ASCII));
            for (int key : order) {
                putRecord(zip, counting, archive + "/data/" + key, emitter.storages.get(key).data());
            }
            putRecord(zip, counting, archive + "/version", FORMAT_VERSION.getBytes(StandardCharsets.US_ASCII));
            // finish, not close: AtomicFiles owns the stream and still has to fsync it
            zip.finish();
        });
    }

    private static void putRecord(ZipOutputStream zip, CountingStream counting, String name, byte[] data)
            throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(data.length);
        entry.setCompressedSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        entry.setCrc(crc.getValue());
        entry.setTimeLocal(ENTRY_TIME);
        long headerEnd = counting.count + LOCAL_HEADER_SIZE + name.getBytes(StandardCharsets.UTF_8).length + 4;
        int pad = (int) ((ALIGNMENT - headerEnd % ALIGNMENT) % ALIGNMENT);
        byte[] extra = new byte[4 + pad];
        extra[0] = (byte) PADDING_EXTRA_ID;
        extra[1] = (byte) (PADDING_EXTRA_ID >>> 8);
        extra[2] = (byte) pad;
        extra[3] = (byte) (pad >>> 8);
        Arrays.fill(extra, 4, extra.length, (byte) 'Z');
        entry.setExtra(extra);
        zip.putNextEntry(entry);
        zip.write(data);
        zip.closeEntry();
    }

    /**
     * @param path a file path
     * @return the archive folder torch uses for it: the file name without its last extension
     */
    static String archiveName(Path path) {
        String name = path.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        return stem.isEmpty() ? "archive" : stem;
    }

    /** Walks a value and emits its pickle, collecting tensor storages in the order they are referenced. */
    private static final class Emitter {
        final PickleWriter pickle = new PickleWriter();
        final List<TensorData> storages = new ArrayList<>();

        void stateDict(StateDict sd) {
            orderedDictHead();
            dictItems(sd.entries(), (key, tensor) -> {
                pickle.string(key);
                tensor(tensor);
            });
        }

        // Python's pickler adds items in batches of 1000, a batch of one with SETITEM instead of MARK/SETITEMS;
        // following it keeps our bytes equal to Python's for the same data
        private <K, V> void dictItems(Map<K, V> map, BiConsumer<K, V> item) {
            Iterator<Map.Entry<K, V>> it = map.entrySet().iterator();
            int remaining = map.size();
            while (remaining > 0) {
                int batch = Math.min(BATCH_SIZE, remaining);
                remaining -= batch;
                if (batch > 1) {
                    pickle.mark();
                }
                for (int i = 0; i < batch; i++) {
                    Map.Entry<K, V> e = it.next();
                    item.accept(e.getKey(), e.getValue());
                }
                if (batch > 1) {
                    pickle.setitems();
                } else {
                    pickle.setitem();
                }
            }
        }

        private void listItems(List<?> list, String where) {
            for (int start = 0; start < list.size(); start += BATCH_SIZE) {
                int end = Math.min(list.size(), start + BATCH_SIZE);
                if (end - start > 1) {
                    pickle.mark();
                }
                for (int i = start; i < end; i++) {
                    value(list.get(i), where + "[" + i + "]");
                }
                if (end - start > 1) {
                    pickle.appends();
                } else {
                    pickle.append();
                }
            }
        }

        void value(Object v, String where) {
            if (v == null) {
                pickle.none();
            } else if (v instanceof StateDict sd) {
                stateDict(sd);
            } else if (v instanceof TensorData t) {
                tensor(t);
            } else if (v instanceof String s) {
                pickle.string(s);
            } else if (v instanceof Boolean b) {
                pickle.bool(b);
            } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
                pickle.integer(((Number) v).longValue());
            } else if (v instanceof Double || v instanceof Float) {
                pickle.floating(((Number) v).doubleValue());
            } else if (v instanceof Map<?, ?> map) {
                pickle.emptyDict();
                dictItems(map, (key, item) -> {
                    if (!(key instanceof String || key instanceof Integer || key instanceof Long)) {
                        throw new IllegalArgumentException("dict key " + key + " at '" + where
                                + "' must be a String, Integer or Long");
                    }
                    value(key, where);
                    value(item, where.isEmpty() ? String.valueOf(key) : where + "." + key);
                });
            } else if (v instanceof List<?> list) {
                pickle.emptyList();
                listItems(list, where);
            } else {
                throw new IllegalArgumentException("value at '" + where + "' has type " + v.getClass().getName()
                        + ", which a .pth file cannot hold; use a StateDict, TensorData, Map, List, String,"
                        + " number, Boolean or null");
            }
        }

        // torch._utils._rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, backward_hooks)
        void tensor(TensorData t) {
            String key = Integer.toString(storages.size());
            storages.add(t);
            long[] shape = t.shape();
            pickle.global("torch._utils", "_rebuild_tensor_v2");
            pickle.mark();
            pickle.mark()
                    .string("storage")
                    .global("torch", t.dtype().storageClass())
                    .string(key)
                    .string("cpu")
                    .integer(t.numel())
                    .tuple()
                    .binpersid();
            pickle.integer(0);
            pickle.intTuple(shape);
            pickle.intTuple(contiguousStrides(shape));
            pickle.bool(false);
            orderedDictHead();
            pickle.tuple();
            pickle.reduce();
        }

        // collections.OrderedDict(): the class applied to an empty argument tuple
        private void orderedDictHead() {
            pickle.global("collections", "OrderedDict").emptyTuple().reduce();
        }
    }

    // torch treats a zero-size dimension as 1 when computing strides, so empty tensors get the same strides
    static long[] contiguousStrides(long[] shape) {
        long[] strides = new long[shape.length];
        long s = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            strides[i] = s;
            s *= Math.max(shape[i], 1);
        }
        return strides;
    }

    private static final class CountingStream extends FilterOutputStream {
        long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        @Override
        public void close() throws IOException {
            // the stream belongs to AtomicFiles, which closes it after fsync
            flush();
        }
    }
}
