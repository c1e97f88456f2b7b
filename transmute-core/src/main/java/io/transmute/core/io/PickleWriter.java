package io.transmute.core.io;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Emits pickle protocol 2 opcodes, the subset that {@code torch.save} produces for state dicts and that
 * {@code torch.load(weights_only=True)} accepts. Callers drive the stack machine directly; this class only
 * encodes opcodes and memoizes globals so that a class referenced per tensor is written once.
 */
final class PickleWriter {
    private static final int PROTO = 0x80;
    private static final int STOP = '.';
    private static final int GLOBAL = 'c';
    private static final int MARK = '(';
    private static final int EMPTY_DICT = '}';
    private static final int EMPTY_LIST = ']';
    private static final int EMPTY_TUPLE = ')';
    private static final int TUPLE = 't';
    private static final int TUPLE1 = 0x85;
    private static final int TUPLE2 = 0x86;
    private static final int TUPLE3 = 0x87;
    private static final int BININT = 'J';
    private static final int BININT1 = 'K';
    private static final int BININT2 = 'M';
    private static final int LONG1 = 0x8a;
    private static final int BINFLOAT = 'G';
    private static final int BINUNICODE = 'X';
    private static final int BINPERSID = 'Q';
    private static final int REDUCE = 'R';
    private static final int BUILD = 'b';
    private static final int SETITEM = 's';
    private static final int SETITEMS = 'u';
    private static final int APPEND = 'a';
    private static final int APPENDS = 'e';
    private static final int NEWTRUE = 0x88;
    private static final int NEWFALSE = 0x89;
    private static final int NONE = 'N';
    private static final int BINPUT = 'q';
    private static final int LONG_BINPUT = 'r';
    private static final int BINGET = 'h';
    private static final int LONG_BINGET = 'j';

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Map<String, Integer> memoizedGlobals = new HashMap<>();
    private int nextMemo;

    /** Starts a protocol 2 pickle. */
    PickleWriter() {
        out.write(PROTO);
        out.write(2);
    }

    /**
     * Pushes a class or function, e.g. {@code torch._utils._rebuild_tensor_v2}; repeated globals are fetched
     * from the memo as Python's pickler does.
     */
    PickleWriter global(String module, String name) {
        String key = module + "\n" + name;
        Integer memo = memoizedGlobals.get(key);
        if (memo != null) {
            return get(memo);
        }
        out.write(GLOBAL);
        ascii(module);
        out.write('\n');
        ascii(name);
        out.write('\n');
        memoizedGlobals.put(key, put());
        return this;
    }

    PickleWriter mark() {
        out.write(MARK);
        return this;
    }

    PickleWriter emptyDict() {
        out.write(EMPTY_DICT);
        return this;
    }

    PickleWriter emptyList() {
        out.write(EMPTY_LIST);
        return this;
    }

    PickleWriter emptyTuple() {
        out.write(EMPTY_TUPLE);
        return this;
    }

    /** Builds a tuple from everything since the last {@link #mark()}. */
    PickleWriter tuple() {
        out.write(TUPLE);
        return this;
    }

    /** Builds a tuple from the top {@code n} (1 to 3) stack items. */
    PickleWriter tupleOf(int n) {
        switch (n) {
            case 1 -> out.write(TUPLE1);
            case 2 -> out.write(TUPLE2);
            case 3 -> out.write(TUPLE3);
            default -> throw new IllegalArgumentException("tupleOf takes 1 to 3 items, got " + n);
        }
        return this;
    }

    /** Pushes a tuple of integers with the opcodes Python picks for its length. */
    PickleWriter intTuple(long[] values) {
        if (values.length == 0) {
            return emptyTuple();
        }
        if (values.length > 3) {
            mark();
        }
        for (long v : values) {
            integer(v);
        }
        return values.length > 3 ? tuple() : tupleOf(values.length);
    }

    /** Pushes an int with the shortest encoding, in the order Python's {@code save_long} tries them. */
    PickleWriter integer(long v) {
        if (v >= 0 && v <= 0xff) {
            out.write(BININT1);
            out.write((int) v);
        } else if (v >= 0 && v <= 0xffff) {
            out.write(BININT2);
            out.write((int) v & 0xff);
            out.write((int) (v >>> 8) & 0xff);
        } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
            out.write(BININT);
            int32((int) v);
        } else {
            // LONG1 holds minimal little-endian two's complement; BigInteger gives it big-endian
            byte[] be = BigInteger.valueOf(v).toByteArray();
            out.write(LONG1);
            out.write(be.length);
            for (int i = be.length - 1; i >= 0; i--) {
                out.write(be[i]);
            }
        }
        return this;
    }

    /** Pushes a Python float (BINFLOAT is big-endian, unlike every other number in a pickle). */
    PickleWriter floating(double v) {
        out.write(BINFLOAT);
        long bits = Double.doubleToRawLongBits(v);
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (bits >>> shift) & 0xff);
        }
        return this;
    }

    PickleWriter string(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.write(BINUNICODE);
        int32(utf8.length);
        out.writeBytes(utf8);
        return this;
    }

    PickleWriter bool(boolean b) {
        out.write(b ? NEWTRUE : NEWFALSE);
        return this;
    }

    PickleWriter none() {
        out.write(NONE);
        return this;
    }

    /** Replaces the top item (the persistent id) with the object the loader's {@code persistent_load} returns. */
    PickleWriter binpersid() {
        out.write(BINPERSID);
        return this;
    }

    /** Calls the callable below the top item with the top item (a tuple) as arguments. */
    PickleWriter reduce() {
        out.write(REDUCE);
        return this;
    }

    /** Applies the top item as state ({@code __setstate__}) to the object below it. */
    PickleWriter build() {
        out.write(BUILD);
        return this;
    }

    /** Adds the key and value on top of the stack to the dict below them. */
    PickleWriter setitem() {
        out.write(SETITEM);
        return this;
    }

    /** Adds the top item to the list below it. */
    PickleWriter append() {
        out.write(APPEND);
        return this;
    }

    /** Adds the key/value pairs since the last mark to the dict below the mark. */
    PickleWriter setitems() {
        out.write(SETITEMS);
        return this;
    }

    /** Adds the items since the last mark to the list below the mark. */
    PickleWriter appends() {
        out.write(APPENDS);
        return this;
    }

    /** Stores the top item in the next memo slot. */
    int put() {
        int slot = nextMemo++;
        if (slot < 256) {
            out.write(BINPUT);
            out.write(slot);
        } else {
            out.write(LONG_BINPUT);
            int32(slot);
        }
        return slot;
    }

    PickleWriter get(int slot) {
        if (slot < 256) {
            out.write(BINGET);
            out.write(slot);
        } else {
            out.write(LONG_BINGET);
            int32(slot);
        }
        return this;
    }

    /** Ends the pickle and returns its bytes; the writer must not be used afterwards. */
    byte[] finish() {
        out.write(STOP);
        return out.toByteArray();
    }

    private void int32(int v) {
        out.write(v & 0xff);
        out.write((v >>> 8) & 0xff);
        out.write((v >>> 16) & 0xff);
        out.write((v >>> 24) & 0xff);
    }

    private void ascii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new IllegalArgumentException("pickle GLOBAL names must be printable ASCII: " + s);
            }
            out.write(c);
        }
    }
}
