package io.transmute.core.io;

import java.io.EOFException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A restricted unpickler for the objects {@code torch.save} writes: containers, numbers, strings, and
 * calls to a few known globals. It never instantiates arbitrary classes: every global is handed to the
 * {@code resolver}, and unknown calls stay inert {@link Call} values.
 */
final class Unpickler {
    /** A global referenced by the pickle, e.g. {@code torch._utils._rebuild_tensor_v2}. */
    record Global(String module, String name) {
        String qualified() {
            return module + "." + name;
        }
    }

    /** An immutable pickle tuple. */
    record Tuple(List<Object> items) {
        Object get(int i) {
            return items.get(i);
        }

        int size() {
            return items.size();
        }
    }

    /** A call the resolver did not turn into a value, kept for error messages. */
    record Call(Global callee, Tuple args) {
    }

    /** Decides what a call to a global evaluates to. */
    interface Resolver {
        Object call(Global callee, Tuple args);

        Object persistentLoad(Object pid);
    }

    private static final Object MARK = new Object();

    private final ByteBuffer in;
    private final Resolver resolver;
    private final List<Object> stack = new ArrayList<>();
    private final List<Integer> marks = new ArrayList<>();
    private final Map<Long, Object> memo = new HashMap<>();

    private Unpickler(ByteBuffer in, Resolver resolver) {
        this.in = in.order(ByteOrder.LITTLE_ENDIAN);
        this.resolver = resolver;
    }

    /**
     * Reads one pickle from the buffer's position, leaving the position after its STOP opcode.
     *
     * @param in the bytes
     * @param resolver global and persistent-id handling
     * @return the unpickled value
     * @throws IOException on malformed input
     */
    static Object load(ByteBuffer in, Resolver resolver) throws IOException {
        return new Unpickler(in, resolver).run();
    }

    private Object run() throws IOException {
        try {
            while (true) {
                int op = in.get() & 0xff;
                switch (op) {
                    case 0x80 -> in.get(); // PROTO
                    case 0x95 -> in.getLong(); // FRAME
                    case '.' -> {
                        return pop();
                    }
                    case '}' -> push(new LinkedHashMap<Object, Object>());
                    case ']' -> push(new ArrayList<Object>());
                    case ')' -> push(new Tuple(List.of()));
                    case '(' -> {
                        marks.add(stack.size());
                        stack.add(MARK);
                    }
                    case 't' -> push(new Tuple(popMark()));
                    case 0x85 -> push(new Tuple(List.of(pop())));
                    case 0x86 -> {
                        Object b = pop();
                        Object a = pop();
                        push(new Tuple(List.of(a, b)));
                    }
                    case 0x87 -> {
                        Object c = pop();
                        Object b = pop();
                        Object a = pop();
                        push(new Tuple(List.of(a, b, c)));
                    }
                    case 'l' -> push(new ArrayList<>(popMark()));
                    case 'd' -> {
                        List<Object> items = popMark();
                        Map<Object, Object> m = new LinkedHashMap<>();
                        for (int i = 0; i + 1 < items.size(); i += 2) {
                            m.put(items.get(i), items.get(i + 1));
                        }
                        push(m);
                    }
                    case 'J' -> push((long) in.getInt());
                    case 'K' -> push((long) (in.get() & 0xff));
                    case 'M' -> push((long) (in.getShort() & 0xffff));
                    case 0x8a -> push(readLong(in.get() & 0xff));
                    case 0x8b -> push(readLong(in.getInt()));
                    // BINFLOAT is big-endian; switching the buffer's order would corrupt every later read
                    case 'G' -> push(Double.longBitsToDouble(Long.reverseBytes(in.getLong())));
                    case 'X' -> push(readString(in.getInt()));
                    case 0x8c -> push(readString(in.get() & 0xff));
                    case 0x8d -> push(readString(Math.toIntExact(in.getLong())));
                    // Python 2's str (BINSTRING, SHORT_BINSTRING), decoded as torch.load does by default (utf-8)
                    case 'T' -> push(new String(readBytes(in.getInt()), StandardCharsets.UTF_8));
                    case 'U' -> push(new String(readBytes(in.get() & 0xff), StandardCharsets.UTF_8));
                    case 'B' -> push(readBytes(in.getInt()));
                    case 'C' -> push(readBytes(in.get() & 0xff));
                    case 0x88 -> push(Boolean.TRUE);
                    case 0x89 -> push(Boolean.FALSE);
                    case 'N' -> push(null);
                    case 'q' -> memo.put((long) (in.get() & 0xff), peek());
                    case 'r' -> memo.put(in.getInt() & 0xffffffffL, peek());
                    case 0x94 -> memo.put((long) memo.size(), peek());
                    case 'h' -> push(memoGet(in.get() & 0xff));
                    case 'j' -> push(memoGet(in.getInt() & 0xffffffffL));
                    case 'c' -> push(new Global(readLine(), readLine()));
                    case 0x93 -> {
                        String name = (String) pop();
                        String module = (String) pop();
                        push(new Global(module, name));
                    }
                    case 'Q' -> push(resolver.persistentLoad(pop()));
                    case 'R', 0x81 -> {
                        Tuple args = (Tuple) pop();
                        Global callee = (Global) pop();
                        push(resolver.call(callee, args));
                    }
                    case 'b' -> {
                        Object state = pop();
                        Object target = peek();
                        // OrderedDict/state_dict carry `_metadata` (per-module versions): not needed to load
                        if (!(target instanceof Map<?, ?>) && !(target instanceof PthReader.TensorRef)) {
                            stack.set(stack.size() - 1, new Call(new Global("pickle", "BUILD"),
                                    new Tuple(List.of(target, state == null ? "None" : state))));
                        }
                    }
                    case 's' -> {
                        Object v = pop();
                        Object k = pop();
                        asMap(peek()).put(k, v);
                    }
                    case 'u' -> {
                        List<Object> items = popMark();
                        Map<Object, Object> m = asMap(peek());
                        for (int i = 0; i + 1 < items.size(); i += 2) {
                            m.put(items.get(i), items.get(i + 1));
                        }
                    }
                    case 'a' -> {
                        Object v = pop();
                        asList(peek()).add(v);
                    }
                    case 'e' -> {
                        List<Object> items = popMark();
                        asList(peek()).addAll(items);
                    }
                    case '0' -> pop();
                    case '2' -> push(peek());
                    default -> throw new IOException(String.format("unsupported pickle opcode 0x%02x at byte %d",
                            op, in.position() - 1));
                }
            }
        } catch (java.nio.BufferUnderflowException e) {
            throw new EOFException("pickle ends before its STOP opcode");
        } catch (ClassCastException | IndexOutOfBoundsException e) {
            throw new IOException("malformed pickle near byte " + in.position() + ": " + e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<Object, Object> asMap(Object o) throws IOException {
        if (o instanceof Map<?, ?> m) {
            return (Map<Object, Object>) m;
        }
        throw new IOException("SETITEM on a " + (o == null ? "None" : o.getClass().getSimpleName()));
    }

    @SuppressWarnings("unchecked")
    private static List<Object> asList(Object o) throws IOException {
        if (o instanceof List<?> l) {
            return (List<Object>) l;
        }
        throw new IOException("APPEND on a " + (o == null ? "None" : o.getClass().getSimpleName()));
    }

    private Object memoGet(long key) throws IOException {
        if (!memo.containsKey(key)) {
            throw new IOException("pickle refers to memo slot " + key + " that was never set");
        }
        return memo.get(key);
    }

    private void push(Object o) {
        stack.add(o);
    }

    private Object pop() {
        return stack.remove(stack.size() - 1);
    }

    private Object peek() {
        return stack.get(stack.size() - 1);
    }

    private List<Object> popMark() throws IOException {
        if (marks.isEmpty()) {
            throw new IOException("pickle has no MARK to pop to");
        }
        int m = marks.remove(marks.size() - 1);
        List<Object> items = new ArrayList<>(stack.subList(m + 1, stack.size()));
        while (stack.size() > m) {
            stack.remove(stack.size() - 1);
        }
        return items;
    }

    private Object readLong(int n) {
        byte[] b = new byte[n];
        in.get(b);
        if (n == 0) {
            return 0L;
        }
        byte[] be = new byte[n];
        for (int i = 0; i < n; i++) {
            be[i] = b[n - 1 - i];
        }
        BigInteger v = new BigInteger(be);
        return v.bitLength() < 64 ? (Object) v.longValue() : v;
    }

    private String readString(int n) {
        byte[] b = new byte[n];
        in.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private byte[] readBytes(int n) {
        byte[] b = new byte[n];
        in.get(b);
        return b;
    }

    private String readLine() {
        StringBuilder sb = new StringBuilder();
        byte c;
        while ((c = in.get()) != '\n') {
            sb.append((char) c);
        }
        return sb.toString();
    }

    /** Applies {@code f} to tuples' items, for building typed values out of pickled arguments. */
    static <T> List<T> map(Tuple t, Function<Object, T> f) {
        List<T> out = new ArrayList<>(t.size());
        for (Object o : t.items()) {
            out.add(f.apply(o));
        }
        return out;
    }
}
