package io.transmute.core.io;

import io.transmute.core.DataException;
import io.transmute.core.UnsupportedFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes NumPy {@code .npy} arrays (format versions 1.0, 2.0 and 3.0): a magic string, a version, a
 * Python-literal header with {@code descr}, {@code fortran_order} and {@code shape}, then the raw data.
 * Only little-endian, C-ordered arrays of the types in {@link Dtype} are handled; float64 stays float64.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    // numpy pads the header so that the data starts on a 64-byte boundary
    private static final int ALIGNMENT = 64;

    private Npy() {
    }

    /**
     * Reads an array.
     *
     * @param file a {@code .npy} file
     * @return its data, C order, little-endian
     * @throws DataException when the file is missing, not an {@code .npy} file, truncated, big-endian or
     *     Fortran-ordered
     * @throws UnsupportedFormatException for an element type other than those of {@link Dtype}
     */
    public static TensorData read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new DataException(file + ": no such file; check the path");
        } catch (IOException e) {
            throw new DataException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        return decode(file.toString(), bytes);
    }

    /**
     * Decodes an array from the bytes of a {@code .npy} file, such as an entry of an {@code .npz} archive.
     *
     * @param file the name to put in error messages
     * @param bytes the whole {@code .npy} content
     * @return its data, C order, little-endian
     * @throws DataException when the bytes are not an {@code .npy} array, truncated, big-endian or Fortran-ordered
     * @throws UnsupportedFormatException for an element type other than those of {@link Dtype}
     */
    public static TensorData decode(String file, byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 10 || !ByteBuffer.wrap(bytes, 0, MAGIC.length).equals(ByteBuffer.wrap(MAGIC))) {
            throw new DataException(file + ": not a .npy file (no \\x93NUMPY magic); save arrays with numpy.save");
        }
        int major = bytes[6];
        int headerLen;
        int headerStart;
        if (major == 1) {
            headerLen = b.getShort(8) & 0xffff;
            headerStart = 10;
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) {
                throw truncated(file, "header");
            }
            headerLen = b.getInt(8);
            headerStart = 12;
        } else {
            throw new UnsupportedFormatException(file + ": .npy format version " + major + "." + bytes[7]
                    + " is not supported (1.0 to 3.0 are); re-save it with numpy.save");
        }
        if (headerLen < 0 || headerStart + (long) headerLen > bytes.length) {
            throw truncated(file, "header");
        }
        // versions 1 and 2 store the header as latin-1, version 3 as UTF-8
        String header = new String(bytes, headerStart, headerLen,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Map<String, Object> dict = parseHeader(file, header);
        if (!(dict.get("descr") instanceof String descr)) {
            throw new UnsupportedFormatException(file + ": .npy descr " + dict.get("descr")
                    + " is a structured dtype; save a plain numeric array");
        }
        if (!(dict.get("fortran_order") instanceof Boolean fortran) || !(dict.get("shape") instanceof List<?> dims)) {
            throw new DataException(file + ": .npy header lacks fortran_order or shape: " + header.strip());
        }
        if (fortran) {
            throw new DataException(file + ": array is stored in Fortran order; save np.ascontiguousarray(a)"
                    + " instead");
        }
        Dtype dtype = dtypeOf(file, descr);
        long[] shape = new long[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            if (!(dims.get(i) instanceof Long d) || d < 0) {
                throw new DataException(file + ": invalid .npy shape " + dims);
            }
            shape[i] = d;
        }
        long needed = TensorData.numel(shape) * dtype.size();
        int dataStart = headerStart + headerLen;
        // numpy itself ignores bytes after the array, so only a short file is an error
        if (bytes.length - dataStart < needed) {
            throw truncated(file, "data (" + needed + " bytes expected, " + (bytes.length - dataStart) + " present)");
        }
        byte[] data = new byte[Math.toIntExact(needed)];
        System.arraycopy(bytes, dataStart, data, 0, data.length);
        return new TensorData(dtype, shape, data);
    }

    /**
     * Writes an array in format version 1.0, atomically.
     *
     * @param file the file to create or replace
     * @param array the data
     * @throws UnsupportedFormatException for bfloat16, which numpy has no type for
     */
    public static void write(Path file, TensorData array) {
        String descr = array.dtype().npyDescr();
        if (descr == null) {
            throw new UnsupportedFormatException(file + ": numpy has no " + array.dtype()
                    + " type; convert the tensor to float32 before saving it as .npy");
        }
        byte[] prefix = prefix(descr, array.shape());
        AtomicFiles.write(file, out -> {
            out.write(prefix);
            out.write(array.data());
        });
    }

    /**
     * Encodes an array as the bytes of a format 1.0 {@code .npy} file, e.g. for an entry of an {@code .npz}.
     *
     * @param array the data
     * @return the file content
     * @throws UnsupportedFormatException for bfloat16, which numpy has no type for
     */
    public static byte[] encode(TensorData array) {
        String descr = array.dtype().npyDescr();
        if (descr == null) {
            throw new UnsupportedFormatException("numpy has no " + array.dtype()
                    + " type; convert the tensor to float32 before saving it as .npy");
        }
        byte[] prefix = prefix(descr, array.shape());
        byte[] out = new byte[prefix.length + array.data().length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(array.data(), 0, out, prefix.length, array.data().length);
        return out;
    }

    private static byte[] prefix(String descr, long[] shape) {
        byte[] header = header(descr, shape).getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer prefix = ByteBuffer.allocate(10 + header.length).order(ByteOrder.LITTLE_ENDIAN);
        prefix.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length).put(header);
        return prefix.array();
    }

    /** The header numpy writes: the dict literal with sorted keys, space-padded, ending in a newline. */
    static String header(String descr, long[] shape) {
        StringBuilder s = new StringBuilder("{'descr': '").append(descr)
                .append("', 'fortran_order': False, 'shape': (");
        for (int i = 0; i < shape.length; i++) {
            s.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        s.append(shape.length == 1 ? ",), }" : "), }");
        int total = 10 + s.length() + 1;
        s.append(" ".repeat((ALIGNMENT - total % ALIGNMENT) % ALIGNMENT)).append('\n');
        if (s.length() > 0xffff) {
            throw new IllegalArgumentException("array has too many dimensions for a version 1.0 header");
        }
        return s.toString();
    }

    private static Dtype dtypeOf(String file, String descr) {
        if (descr.length() < 2) {
            throw new UnsupportedFormatException(file + ": unknown .npy dtype '" + descr + "'");
        }
        char order = descr.charAt(0);
        String type = descr.substring(1);
        boolean singleByte = type.endsWith("1");
        if (order == '>' && !singleByte) {
            throw new DataException(file + ": array is big-endian (" + descr + "); save a.astype(a.dtype"
                    + ".newbyteorder('<')) instead");
        }
        if (order != '<' && order != '|' && order != '=' && !(order == '>' && singleByte)) {
            throw new UnsupportedFormatException(file + ": unknown .npy dtype '" + descr + "'");
        }
        for (Dtype d : Dtype.values()) {
            if (d.npyDescr() != null && d.npyDescr().substring(1).equals(type)) {
                return d;
            }
        }
        throw new UnsupportedFormatException(file + ": .npy dtype '" + descr + "' is not supported; save the"
                + " array as float32 ('<f4'), float64, float16, uint8, int8/16/32/64 or bool");
    }

    private static DataException truncated(String file, String what) {
        return new DataException(file + ": truncated .npy file (" + what + "); save it again");
    }

    private static Map<String, Object> parseHeader(String file, String header) {
        try {
            LiteralParser p = new LiteralParser(header);
            Object v = p.value();
            p.skipSpace();
            if (!(v instanceof Map<?, ?>) || !p.atEnd()) {
                throw new IllegalArgumentException("expected one dict");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) v;
            return m;
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new DataException(file + ": unreadable .npy header (" + e.getMessage() + "): " + header.strip());
        }
    }

    /** Parses the Python literals numpy headers use: dicts, tuples, lists, strings, ints, True/False/None. */
    private static final class LiteralParser {
        private final String s;
        private int pos;

        LiteralParser(String s) {
            this.s = s;
        }

        boolean atEnd() {
            return pos >= s.length();
        }

        void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        Object value() {
            skipSpace();
            char c = s.charAt(pos);
            switch (c) {
                case '{' -> {
                    pos++;
                    Map<String, Object> m = new LinkedHashMap<>();
                    for (Object item : items('}')) {
                        Object[] kv = (Object[]) item;
                        m.put(String.valueOf(kv[0]), kv[1]);
                    }
                    return m;
                }
                case '(', '[' -> {
                    pos++;
                    return items(c == '(' ? ')' : ']');
                }
                case '\'', '"' -> {
                    int end = s.indexOf(c, pos + 1);
                    if (end < 0) {
                        throw new IllegalArgumentException("unterminated string");
                    }
                    String str = s.substring(pos + 1, end);
                    pos = end + 1;
                    return str;
                }
                default -> {
                    int start = pos;
                    while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '-')) {
                        pos++;
                    }
                    String word = s.substring(start, pos);
                    return switch (word) {
                        case "True" -> Boolean.TRUE;
                        case "False" -> Boolean.FALSE;
                        case "None" -> null;
                        // Python 2 numpy wrote long dimensions as 3L
                        default -> Long.parseLong(word.endsWith("L") ? word.substring(0, word.length() - 1) : word);
                    };
                }
            }
        }

        // Reads comma-separated items up to the closing bracket; a dict's items come back as key/value pairs.
        private List<Object> items(char close) {
            List<Object> out = new ArrayList<>();
            while (true) {
                skipSpace();
                if (s.charAt(pos) == close) {
                    pos++;
                    return out;
                }
                Object item = value();
                skipSpace();
                if (close == '}') {
                    if (s.charAt(pos) != ':') {
                        throw new IllegalArgumentException("expected ':' at " + pos);
                    }
                    pos++;
                    out.add(new Object[] {item, value()});
                    skipSpace();
                } else {
                    out.add(item);
                }
                if (s.charAt(pos) == ',') {
                    pos++;
                } else if (s.charAt(pos) != close) {
                    throw new IllegalArgumentException("expected ',' or '" + close + "' at " + pos);
                }
            }
        }
    }
}
