package io.transmute.core.io;

import io.transmute.core.CheckpointException;
import io.transmute.core.io.Unpickler.Global;
import io.transmute.core.io.Unpickler.Tuple;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads files written by {@code torch.save}: the zip format (PyTorch 1.6+) and the legacy format of older
 * releases, in which many published reference checkpoints were saved. Works without Python and without
 * libtorch's own loader, which cannot read a pickled {@code OrderedDict}.
 */
public final class PthReader {
    private static final BigInteger LEGACY_MAGIC = new BigInteger("1950a86a20f9469cfc6c", 16);

    private PthReader() {
    }

    /** A pickled storage reference, resolved to bytes once all of them are known. */
    record StorageRef(Dtype dtype, String key, long numel) {
    }

    /** A pickled tensor: a strided view into a storage. */
    record TensorRef(StorageRef storage, long offset, long[] size, long[] stride) {
    }

    /**
     * Reads a state_dict file: a dict of tensors at the top level, or under a {@code state_dict} key.
     *
     * @param file the {@code .pth}/{@code .ckpt}/{@code .pt} file
     * @return the tensors, in the file's order
     */
    public static StateDict read(Path file) {
        Object top = readObject(file);
        Map<?, ?> map = top instanceof Map<?, ?> m ? m : null;
        if (map != null && !hasTensors(map) && map.get("state_dict") instanceof Map<?, ?> inner) {
            map = inner;
        }
        if (map == null || !hasTensors(map)) {
            String what = top instanceof Map<?, ?> m ? "a dict with keys " + abbreviate(m.keySet())
                    : top == null ? "None" : top.getClass().getSimpleName();
            throw new CheckpointException(file + ": holds " + what + ", not a state_dict of tensors; save the"
                    + " weights with torch.save(net.state_dict(), path)");
        }
        StateDict sd = new StateDict();
        map.forEach((k, v) -> {
            if (v instanceof TensorData t) {
                sd.put(String.valueOf(k), t);
            }
        });
        return sd;
    }

    /**
     * Reads any {@code torch.save} file into plain Java values: {@code Map} (insertion-ordered),
     * {@code List}, {@code String}, {@code Long}, {@code Double}, {@code Boolean}, {@code null} and
     * {@link TensorData} for tensors. Tuples become unmodifiable lists.
     *
     * @param file the file
     * @return the top-level object
     */
    public static Object readObject(Path file) {
        WeightFiles.refuseFolder(file);
        try {
            if (!Files.isRegularFile(file)) {
                throw new NoSuchFileException(file.toString());
            }
            byte[] head = new byte[4];
            try (InputStream s = Files.newInputStream(file)) {
                if (s.readNBytes(head, 0, 4) < 4) {
                    throw new EOFException("file has " + Files.size(file) + " bytes");
                }
            }
            if (head[0] == 'P' && head[1] == 'K') {
                return readZip(file);
            }
            if ((head[0] & 0xff) == 0x80) {
                return readLegacy(file);
            }
            throw new CheckpointException(file + ": not a PyTorch checkpoint (neither a torch.save zip nor the"
                    + " legacy format); give the .pth file written by torch.save");
        } catch (NoSuchFileException e) {
            throw new CheckpointException(file + ": no such file; check the path");
        } catch (ZipException | EOFException e) {
            throw new CheckpointException(file + ": truncated or corrupt checkpoint (" + e.getMessage()
                    + "); copy or download it again", e);
        } catch (IOException | RuntimeException e) {
            if (e instanceof CheckpointException ce) {
                throw ce;
            }
            throw new CheckpointException(file + ": cannot read checkpoint (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Reads the text records {@link PthWriter#write(Path, StateDict, Map)} added under
     * {@code <stem>/transmute/}. A file without them (any file written by {@code torch.save}, or the legacy
     * format) gives an empty map.
     *
     * @param file the {@code .pth} file
     * @return record name to text, in the archive's order
     * @throws CheckpointException when the file is missing or not a readable zip
     */
    public static Map<String, String> readRecords(Path file) {
        Map<String, String> out = new LinkedHashMap<>();
        try {
            if (!Files.isRegularFile(file)) {
                throw new NoSuchFileException(file.toString());
            }
            byte[] head;
            try (InputStream s = Files.newInputStream(file)) {
                head = s.readNBytes(2);
            }
            if (head.length < 2 || head[0] != 'P' || head[1] != 'K') {
                return out;
            }
            try (ZipFile zip = new ZipFile(file.toFile())) {
                Enumeration<? extends ZipEntry> en = zip.entries();
                while (en.hasMoreElements()) {
                    ZipEntry e = en.nextElement();
                    String name = e.getName();
                    int slash = name.indexOf('/');
                    if (slash < 0 || !name.startsWith(PthWriter.EXTRA_FOLDER, slash + 1) || e.isDirectory()) {
                        continue;
                    }
                    out.put(name.substring(slash + 1 + PthWriter.EXTRA_FOLDER.length()),
                            new String(readVerified(zip, e, file), java.nio.charset.StandardCharsets.UTF_8));
                }
            }
            return out;
        } catch (NoSuchFileException e) {
            throw new CheckpointException(file + ": no such file; check the path");
        } catch (IOException e) {
            throw new CheckpointException(file + ": truncated or corrupt checkpoint (" + e.getMessage()
                    + "); copy or download it again", e);
        }
    }

    private static Object readZip(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            String prefix = null;
            Enumeration<? extends ZipEntry> en = zip.entries();
            while (en.hasMoreElements()) {
                String name = en.nextElement().getName();
                if (name.endsWith("data.pkl") && name.indexOf('/') == name.length() - "data.pkl".length() - 1) {
                    prefix = name.substring(0, name.length() - "data.pkl".length());
                    break;
                }
            }
            if (prefix == null) {
                throw new CheckpointException(file + ": zip file without data.pkl, so not a torch.save checkpoint"
                        + " (TorchScript archives are not supported; save the state_dict instead)");
            }
            ByteOrder order = ByteOrder.LITTLE_ENDIAN;
            ZipEntry bo = zip.getEntry(prefix + "byteorder");
            if (bo != null && new String(readVerified(zip, bo, file), java.nio.charset.StandardCharsets.US_ASCII)
                    .trim().equals("big")) {
                order = ByteOrder.BIG_ENDIAN;
            }
            byte[] pkl = readVerified(zip, zip.getEntry(prefix + "data.pkl"), file);
            Object top = Unpickler.load(ByteBuffer.wrap(pkl), new TorchResolver());
            Map<String, byte[]> storages = new HashMap<>();
            final String p = prefix;
            final ByteOrder byteOrder = order;
            return materialize(top, ref -> storages.computeIfAbsent(ref.key(), k -> {
                ZipEntry e = zip.getEntry(p + "data/" + k);
                if (e == null) {
                    throw new CheckpointException(file + ": storage data/" + k + " is missing; the file is truncated"
                            + " or corrupt");
                }
                try {
                    byte[] b = readVerified(zip, e, file);
                    return byteOrder == ByteOrder.LITTLE_ENDIAN ? b : swap(b, ref.dtype().size());
                } catch (IOException ex) {
                    throw new CheckpointException(file + ": cannot read storage data/" + k + " (" + ex.getMessage()
                            + "); the file is truncated or corrupt", ex);
                }
            }), file);
        }
    }

    /**
     * Reads one zip record and checks it against the CRC-32 its header declares, as Python's {@code zipfile} does;
     * {@link ZipFile} checks nothing for stored records, which is how {@code torch.save} writes tensors.
     */
    static byte[] readVerified(ZipFile zip, ZipEntry entry, Path file) throws IOException {
        byte[] b;
        try (InputStream s = zip.getInputStream(entry)) {
            b = s.readAllBytes();
        }
        long declared = entry.getCrc();
        if (declared != -1) {
            CRC32 crc = new CRC32();
            crc.update(b);
            if (crc.getValue() != declared) {
                throw new CheckpointException(String.format(Locale.ROOT, "%s: record %s fails its CRC-32 check"
                        + " (%08x, header says %08x): the file is corrupt; copy or download it again", file,
                        entry.getName(), crc.getValue(), declared));
            }
        }
        return b;
    }

    private static Object readLegacy(Path file) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        TorchResolver resolver = new TorchResolver();
        Object magic = Unpickler.load(buf, resolver);
        BigInteger m = magic instanceof Long l ? BigInteger.valueOf(l) : magic instanceof BigInteger b ? b : null;
        if (!LEGACY_MAGIC.equals(m)) {
            throw new CheckpointException(file + ": a pickle, but not a torch.save checkpoint; give the .pth file"
                    + " written by torch.save");
        }
        Unpickler.load(buf, resolver); // protocol version
        Unpickler.load(buf, resolver); // sys_info
        Object top = Unpickler.load(buf, resolver);
        Object keys = Unpickler.load(buf, resolver);
        Map<String, byte[]> storages = new HashMap<>();
        Map<String, StorageRef> refs = resolver.storages;
        for (Object k : (List<?>) keys) {
            String key = String.valueOf(k);
            StorageRef ref = refs.get(key);
            long n = buf.getLong();
            int esize = ref == null ? 4 : ref.dtype().size();
            byte[] b = new byte[Math.toIntExact(n * esize)];
            buf.get(b);
            storages.put(key, b);
        }
        return materialize(top, ref -> {
            byte[] b = storages.get(ref.key());
            if (b == null) {
                throw new CheckpointException(file + ": storage " + ref.key() + " is missing; the file is truncated");
            }
            return b;
        }, file);
    }

    private interface StorageBytes {
        byte[] get(StorageRef ref);
    }

    private static Object materialize(Object o, StorageBytes storages, Path file) {
        if (o instanceof TensorRef t) {
            return toData(t, storages.get(t.storage()), file);
        }
        if (o instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(k, materialize(v, storages, file)));
            return out;
        }
        if (o instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object v : l) {
                out.add(materialize(v, storages, file));
            }
            return out;
        }
        if (o instanceof Tuple t) {
            List<Object> out = new ArrayList<>(t.size());
            for (Object v : t.items()) {
                out.add(materialize(v, storages, file));
            }
            return java.util.Collections.unmodifiableList(out);
        }
        if (o instanceof Unpickler.Call c) {
            return "<" + c.callee().qualified() + ">";
        }
        if (o instanceof Global g) {
            return "<" + g.qualified() + ">";
        }
        return o;
    }

    private static TensorData toData(TensorRef t, byte[] storage, Path file) {
        int es = t.storage().dtype().size();
        long numel = TensorData.numel(t.size());
        byte[] out = new byte[Math.toIntExact(numel * es)];
        if (numel == 0) {
            return new TensorData(t.storage().dtype(), t.size(), out);
        }
        long maxIndex = t.offset();
        for (int d = 0; d < t.size().length; d++) {
            maxIndex += (t.size()[d] - 1) * t.stride()[d];
        }
        if (t.offset() < 0 || (maxIndex + 1) * es > storage.length) {
            throw new CheckpointException(file + ": a tensor of shape " + java.util.Arrays.toString(t.size())
                    + " reaches past the end of its storage " + t.storage().key() + "; the file is corrupt");
        }
        if (isContiguous(t.size(), t.stride())) {
            System.arraycopy(storage, Math.toIntExact(t.offset() * es), out, 0, out.length);
        } else {
            int rank = t.size().length;
            long[] idx = new long[rank];
            for (long i = 0; i < numel; i++) {
                long src = t.offset();
                for (int d = 0; d < rank; d++) {
                    src += idx[d] * t.stride()[d];
                }
                System.arraycopy(storage, Math.toIntExact(src * es), out, Math.toIntExact(i * es), es);
                for (int d = rank - 1; d >= 0; d--) {
                    if (++idx[d] < t.size()[d]) {
                        break;
                    }
                    idx[d] = 0;
                }
            }
        }
        return new TensorData(t.storage().dtype(), t.size(), out);
    }

    private static boolean isContiguous(long[] size, long[] stride) {
        long expected = 1;
        for (int d = size.length - 1; d >= 0; d--) {
            if (size[d] != 1 && stride[d] != expected) {
                return false;
            }
            expected *= size[d];
        }
        return true;
    }

    private static byte[] swap(byte[] b, int width) {
        byte[] out = new byte[b.length];
        for (int i = 0; i + width <= b.length; i += width) {
            for (int j = 0; j < width; j++) {
                out[i + j] = b[i + width - 1 - j];
            }
        }
        return out;
    }

    private static boolean hasTensors(Map<?, ?> m) {
        return m.values().stream().anyMatch(v -> v instanceof TensorData);
    }

    private static String abbreviate(java.util.Collection<?> keys) {
        List<String> s = keys.stream().limit(6).map(String::valueOf).toList();
        return s + (keys.size() > 6 ? " (+" + (keys.size() - 6) + " more)" : "");
    }

    /** Evaluates the few globals a checkpoint may call; everything else stays an inert value. */
    private static final class TorchResolver implements Unpickler.Resolver {
        final Map<String, StorageRef> storages = new HashMap<>();

        @Override
        public Object call(Global callee, Tuple args) {
            switch (callee.qualified()) {
                case "collections.OrderedDict", "builtins.dict", "__builtin__.dict" -> {
                    Map<Object, Object> m = new LinkedHashMap<>();
                    // Python 2 pickles an OrderedDict as a call with its [key, value] pairs, Python 3 with none
                    if (args.size() > 0 && args.get(0) instanceof List<?> pairs) {
                        for (Object pair : pairs) {
                            if (pair instanceof List<?> kv && kv.size() == 2) {
                                m.put(kv.get(0), kv.get(1));
                            } else if (pair instanceof Tuple kv && kv.size() == 2) {
                                m.put(kv.get(0), kv.get(1));
                            }
                        }
                    }
                    return m;
                }
                case "torch._utils._rebuild_tensor", "torch._utils._rebuild_tensor_v2",
                        "torch._utils._rebuild_tensor_v3" -> {
                    StorageRef s = (StorageRef) args.get(0);
                    if (callee.name().equals("_rebuild_tensor_v3") && args.size() > 6
                            && args.get(6) instanceof Global g) {
                        s = new StorageRef(dtypeOf(g.name()), s.key(), s.numel());
                    }
                    return new TensorRef(s, (Long) args.get(1), longs(args.get(2)), longs(args.get(3)));
                }
                case "torch._utils._rebuild_parameter", "torch._utils._rebuild_parameter_with_state" -> {
                    return args.get(0);
                }
                case "builtins.set", "__builtin__.set" -> {
                    return args.size() == 0 ? new ArrayList<>() : args.get(0);
                }
                default -> {
                    return new Unpickler.Call(callee, args);
                }
            }
        }

        @Override
        public Object persistentLoad(Object pid) {
            if (!(pid instanceof Tuple t) || t.size() < 5 || !"storage".equals(t.get(0))) {
                throw new IllegalStateException("unknown persistent id " + pid);
            }
            Global type = (Global) t.get(1);
            Dtype dtype = type.name().equals("UntypedStorage") ? Dtype.UINT8 : Dtype.ofStorageClass(type.name());
            if (dtype == null) {
                throw new IllegalStateException("storage type " + type.qualified() + " is not supported");
            }
            String key = String.valueOf(t.get(2));
            StorageRef ref = new StorageRef(dtype, key, (Long) t.get(4));
            storages.put(key, ref);
            // legacy files may pickle a view: (view_key, offset, view_size) in slot 5
            if (t.size() > 5 && t.get(5) instanceof Tuple view) {
                throw new IllegalStateException("storage views (" + view.get(0) + ") are not supported");
            }
            return ref;
        }

        private static long[] longs(Object tuple) {
            Tuple t = (Tuple) tuple;
            long[] out = new long[t.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = (Long) t.get(i);
            }
            return out;
        }

        private static Dtype dtypeOf(String torchName) {
            return switch (torchName) {
                case "float32", "float" -> Dtype.FLOAT32;
                case "float64", "double" -> Dtype.FLOAT64;
                case "float16", "half" -> Dtype.FLOAT16;
                case "bfloat16" -> Dtype.BFLOAT16;
                case "int64", "long" -> Dtype.INT64;
                case "int32", "int" -> Dtype.INT32;
                case "int16", "short" -> Dtype.INT16;
                case "int8" -> Dtype.INT8;
                case "uint8" -> Dtype.UINT8;
                case "bool" -> Dtype.BOOL;
                default -> throw new IllegalStateException("tensor dtype torch." + torchName + " is not supported");
            };
        }
    }
}
