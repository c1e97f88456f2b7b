package io.transmute.core.train;

import io.transmute.core.InvalidOptionException;
import io.transmute.core.data.DatasetMode;
import io.transmute.core.data.Direction;
import io.transmute.core.data.Preprocess;
import io.transmute.core.data.StarGanDatasetKind;
import io.transmute.core.loss.GanMode;
import io.transmute.core.nn.DiscriminatorType;
import io.transmute.core.nn.InitType;
import io.transmute.core.nn.NormType;
import io.transmute.core.nn.UpsampleType;
import io.transmute.core.optim.LrPolicy;
import io.transmute.core.option.OptionKey;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Converts option values between their Java types, the plain values a JSON document or a {@code .pth} dict holds,
 * and the text Python's {@code str()} gives, which the reference writes to {@code train_opt.txt}.
 */
final class OptionValues {
    private OptionValues() {
    }

    /**
     * @param value a typed option value
     * @return a String, Integer, Long, Double or Boolean; enums become their reference spelling, paths text
     */
    static Object plain(Object value) {
        if (value instanceof DatasetMode v) {
            return v.cliName();
        } else if (value instanceof Direction v) {
            return v.cliName();
        } else if (value instanceof Preprocess v) {
            return v.cliName();
        } else if (value instanceof LrPolicy v) {
            return v.cliName();
        } else if (value instanceof NormType v) {
            return v.cliName();
        } else if (value instanceof InitType v) {
            return v.cliName();
        } else if (value instanceof DiscriminatorType v) {
            return v.cliName();
        } else if (value instanceof UpsampleType v) {
            return v.cliName();
        } else if (value instanceof GanMode v) {
            return v.cliName();
        } else if (value instanceof Path v) {
            return v.toString();
        } else if (value instanceof StarGanDatasetKind v) {
            return v.cliName();
        } else if (value instanceof List<?> v) {
            return v.stream().map(String::valueOf).toList();
        }
        return value;
    }

    /**
     * Reads back a value written by {@link #plain}.
     *
     * @param key the option, whose type decides the conversion
     * @param value a String, number or Boolean
     * @param <T> the option's type
     * @return the typed value
     * @throws InvalidOptionException when the value does not fit the option
     */
    static <T> T typed(OptionKey<T> key, Object value) {
        Class<T> type = key.type();
        Object out;
        try {
            if (type == Integer.class) {
                out = value instanceof Number n ? Math.toIntExact(n.longValue()) : Integer.valueOf(value.toString());
            } else if (type == Long.class) {
                out = value instanceof Number n ? n.longValue() : Long.valueOf(value.toString());
            } else if (type == Double.class) {
                out = value instanceof Number n ? n.doubleValue() : Double.valueOf(value.toString());
            } else if (type == Boolean.class) {
                out = value instanceof Boolean b ? b : Boolean.valueOf(value.toString());
            } else if (type == String.class) {
                out = value.toString();
            } else if (type == Path.class) {
                out = Path.of(value.toString());
            } else if (type == List.class) {
                // a list option holds names; a lone string is read as space-separated names
                out = value instanceof List<?> l ? l.stream().map(String::valueOf).toList()
                        : List.of(value.toString().trim().split("\\s+"));
            } else {
                String s = value.toString();
                out = type == DatasetMode.class ? DatasetMode.fromCliName(s)
                        : type == Direction.class ? Direction.fromCliName(s)
                        : type == Preprocess.class ? Preprocess.fromCliName(s)
                        : type == LrPolicy.class ? LrPolicy.parse(s)
                        : type == NormType.class ? NormType.parse(s)
                        : type == InitType.class ? InitType.parse(s)
                        : type == DiscriminatorType.class ? DiscriminatorType.parse(s)
                        : type == UpsampleType.class ? UpsampleType.parse(s)
                        : type == GanMode.class ? GanMode.parse(s)
                        : type == StarGanDatasetKind.class ? StarGanDatasetKind.fromCliName(s)
                        : null;
                if (out == null) {
                    throw new IllegalStateException("no conversion for option type " + type.getName());
                }
            }
        } catch (NumberFormatException | ArithmeticException e) {
            throw new InvalidOptionException(key + " '" + value + "' is not a valid " + type.getSimpleName());
        }
        return type.cast(out);
    }

    /**
     * @param plain a value from {@link #plain}
     * @return the text Python's {@code str()} prints for the same value ({@code True}, {@code 0.0002},
     *     {@code 100.0}, {@code 2e-05}, {@code inf})
     */
    static String python(Object plain) {
        if (plain instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (plain instanceof Double d) {
            return pythonFloat(d);
        }
        if (plain instanceof List<?> l) {
            return l.stream().map(x -> "'" + x + "'").collect(Collectors.joining(", ", "[", "]"));
        }
        return String.valueOf(plain);
    }

    // Python's repr: the shortest round-tripping digits (as Java's), positional for exponents -4..15,
    // otherwise d.ddde[+-]XX with at least two exponent digits
    static String pythonFloat(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0.0" : "0.0";
        }
        BigDecimal b = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        int exponent = b.precision() - b.scale() - 1;
        if (exponent >= -4 && exponent < 16) {
            String s = b.toPlainString();
            return s.contains(".") ? s : s + ".0";
        }
        String digits = b.unscaledValue().abs().toString();
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        String sign = d < 0 ? "-" : "";
        String exp = String.format("%s%02d", exponent < 0 ? "-" : "+", Math.abs(exponent));
        return sign + mantissa + "e" + exp;
    }
}
