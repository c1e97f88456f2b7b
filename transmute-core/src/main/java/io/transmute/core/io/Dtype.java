package io.transmute.core.io;

import org.bytedeco.pytorch.global.torch.ScalarType;

/** Tensor element types that checkpoints use in practice, with their names in each file format. */
public enum Dtype {
    FLOAT32("FloatStorage", "F32", "<f4", 4, ScalarType.Float),
    FLOAT64("DoubleStorage", "F64", "<f8", 8, ScalarType.Double),
    FLOAT16("HalfStorage", "F16", "<f2", 2, ScalarType.Half),
    BFLOAT16("BFloat16Storage", "BF16", null, 2, ScalarType.BFloat16),
    INT64("LongStorage", "I64", "<i8", 8, ScalarType.Long),
    INT32("IntStorage", "I32", "<i4", 4, ScalarType.Int),
    INT16("ShortStorage", "I16", "<i2", 2, ScalarType.Short),
    INT8("CharStorage", "I8", "|i1", 1, ScalarType.Char),
    UINT8("ByteStorage", "U8", "|u1", 1, ScalarType.Byte),
    BOOL("BoolStorage", "BOOL", "|b1", 1, ScalarType.Bool);

    private final String storageClass;
    private final String safetensorsName;
    private final String npyDescr;
    private final int size;
    private final ScalarType scalarType;

    Dtype(String storageClass, String safetensorsName, String npyDescr, int size, ScalarType scalarType) {
        this.storageClass = storageClass;
        this.safetensorsName = safetensorsName;
        this.npyDescr = npyDescr;
        this.size = size;
        this.scalarType = scalarType;
    }

    /** @return the {@code torch.*Storage} class name used in {@code .pth} pickles */
    public String storageClass() {
        return storageClass;
    }

    /** @return the dtype string of the safetensors header */
    public String safetensorsName() {
        return safetensorsName;
    }

    /** @return the numpy {@code descr} for {@code .npy}, or null where numpy has none */
    public String npyDescr() {
        return npyDescr;
    }

    /** @return bytes per element */
    public int size() {
        return size;
    }

    /** @return the matching libtorch scalar type */
    public ScalarType scalarType() {
        return scalarType;
    }

    /** @return true for floating-point types */
    public boolean isFloatingPoint() {
        return this == FLOAT32 || this == FLOAT64 || this == FLOAT16 || this == BFLOAT16;
    }

    /**
     * @param storageClass e.g. {@code FloatStorage}
     * @return the dtype, or null when unknown
     */
    public static Dtype ofStorageClass(String storageClass) {
        for (Dtype d : values()) {
            if (d.storageClass.equals(storageClass)) {
                return d;
            }
        }
        return null;
    }

    /**
     * @param name e.g. {@code F32}
     * @return the dtype, or null when unknown
     */
    public static Dtype ofSafetensorsName(String name) {
        for (Dtype d : values()) {
            if (d.safetensorsName.equals(name)) {
                return d;
            }
        }
        return null;
    }

    /**
     * @param t a libtorch scalar type
     * @return the dtype, or null when unsupported
     */
    public static Dtype ofScalarType(ScalarType t) {
        // JavaCPP builds a fresh enum object for a native return value, so compare codes, not references
        for (Dtype d : values()) {
            if (d.scalarType.value == t.value) {
                return d;
            }
        }
        return null;
    }
}
