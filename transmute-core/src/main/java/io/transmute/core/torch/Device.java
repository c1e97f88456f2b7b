package io.transmute.core.torch;

import io.transmute.core.InvalidOptionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.pytorch.Module;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * Where tensors live: {@code cpu} or {@code cuda[:N]}.
 *
 * @param type {@code cpu} or {@code cuda}
 * @param index the CUDA device index, or -1 for CPU
 */
public record Device(String type, int index) {
    /** The CPU. */
    public static final Device CPU = new Device("cpu", -1);

    private static final Pattern SPEC = Pattern.compile("cpu|cuda(?::(\\d+))?");

    /**
     * Parses {@code cpu}, {@code cuda} or {@code cuda:N} without checking that the device exists.
     *
     * @param spec the text given by the user
     * @return the device
     */
    public static Device parse(String spec) {
        String s = spec == null ? "cpu" : spec.trim().toLowerCase(java.util.Locale.ROOT);
        Matcher m = SPEC.matcher(s);
        if (!m.matches()) {
            throw new InvalidOptionException("--device '" + spec + "' is not a device; use cpu, cuda or cuda:N");
        }
        if (s.equals("cpu")) {
            return CPU;
        }
        return new Device("cuda", m.group(1) == null ? 0 : Integer.parseInt(m.group(1)));
    }

    /**
     * Parses a device and checks that it is usable in this process.
     *
     * @param spec the text given by the user
     * @return the device
     */
    public static Device resolve(String spec) {
        Device d = parse(spec);
        d.checkAvailable();
        return d;
    }

    /** Fails with an actionable message when this is a CUDA device that this build or machine lacks. */
    public void checkAvailable() {
        if (!isCuda()) {
            return;
        }
        Torch.init();
        if (!torch.cuda_is_available()) {
            throw new InvalidOptionException("--device " + this + " asked for, but CUDA is not available"
                    + " (no GPU, no driver, or a CPU-only build: rebuild with ./mvnw -Pcuda package); use --device cpu");
        }
        long n = torch.cuda_device_count();
        if (index >= n) {
            throw new InvalidOptionException("--device " + this + " asked for, but only " + n
                    + " CUDA device(s) are visible; use cuda:0" + (n > 1 ? "..cuda:" + (n - 1) : ""));
        }
    }

    /** @return true for a CUDA device */
    public boolean isCuda() {
        return type.equals("cuda");
    }

    /**
     * Moves a tensor here; on the CPU it is returned as is, as CPU tensors are where they belong.
     *
     * @param t a tensor
     * @return {@code t} on this device, same dtype
     */
    public Tensor move(Tensor t) {
        return move(t, t.scalar_type());
    }

    /**
     * Moves a tensor here and converts it, in one copy; a CPU tensor of that type is returned as is.
     *
     * @param t a tensor
     * @param type the element type wanted
     * @return {@code t} on this device as {@code type}
     */
    public Tensor move(Tensor t, torch.ScalarType type) {
        return isCuda() || t.scalar_type() != type ? t.to(toNative(), type) : t;
    }

    /**
     * Moves a network's parameters and buffers here, in place; nothing happens on the CPU.
     *
     * @param module a network
     * @param <M> its type
     * @return {@code module}
     */
    public <M extends Module> M move(M module) {
        if (isCuda()) {
            module.to(toNative(), false);
        }
        return module;
    }

    /** @return the native device */
    public org.bytedeco.pytorch.Device toNative() {
        return isCuda() ? new org.bytedeco.pytorch.Device("cuda:" + index) : new org.bytedeco.pytorch.Device("cpu");
    }

    @Override
    public String toString() {
        return isCuda() ? "cuda:" + index : "cpu";
    }
}
