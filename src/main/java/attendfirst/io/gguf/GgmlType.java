package attendfirst.io.gguf;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The ggml tensor types (enum ggml_type in ggml.h), with the id stored in a GGUF tensor info, the number
 * of elements per block and the bytes per block. Every type is known by name so that an error can say
 * what a file holds; only the {@link #supported()} ones can be dequantised by {@link Dequantize}.
 */
public enum GgmlType {
    F32(0, 1, 4, true),
    F16(1, 1, 2, true),
    Q4_0(2, 32, 18, true),
    Q4_1(3, 32, 20, true),
    // ids 4 and 5 (Q4_2, Q4_3) were removed from ggml
    Q5_0(6, 32, 22, true),
    Q5_1(7, 32, 24, false),
    Q8_0(8, 32, 34, true),
    Q8_1(9, 32, 40, false),
    Q2_K(10, 256, 84, false),
    Q3_K(11, 256, 110, false),
    Q4_K(12, 256, 144, true),
    Q5_K(13, 256, 176, false),
    Q6_K(14, 256, 210, true),
    Q8_K(15, 256, 292, false),
    IQ2_XXS(16, 256, 66, false),
    IQ2_XS(17, 256, 74, false),
    IQ3_XXS(18, 256, 98, false),
    IQ1_S(19, 256, 50, false),
    IQ4_NL(20, 32, 18, false),
    IQ3_S(21, 256, 110, false),
    IQ2_S(22, 256, 82, false),
    IQ4_XS(23, 256, 136, false),
    I8(24, 1, 1, false),
    I16(25, 1, 2, false),
    I32(26, 1, 4, false),
    I64(27, 1, 8, false),
    F64(28, 1, 8, false),
    IQ1_M(29, 256, 56, false),
    BF16(30, 1, 2, true),
    // ids 31-33 (Q4_0_4_4, Q4_0_4_8, Q4_0_8_8) were removed from ggml
    TQ1_0(34, 256, 54, false),
    TQ2_0(35, 256, 66, false),
    MXFP4(39, 32, 17, false),
    NVFP4(40, 64, 36, false),
    Q1_0(41, 128, 18, false);

    private static final GgmlType[] BY_ID = new GgmlType[64];

    static {
        for (GgmlType t : values()) {
            BY_ID[t.id] = t;
        }
    }

    private final int id;
    private final int blockSize;
    private final int typeSize;
    private final boolean supported;

    GgmlType(int id, int blockSize, int typeSize, boolean supported) {
        this.id = id;
        this.blockSize = blockSize;
        this.typeSize = typeSize;
        this.supported = supported;
    }

    /** The ggml_type value stored in a GGUF tensor info. */
    public int id() {
        return id;
    }

    /** Elements per block (1 for plain float/int types). */
    public int blockSize() {
        return blockSize;
    }

    /** Bytes per block. */
    public int typeSize() {
        return typeSize;
    }

    /** Whether {@link Dequantize} can turn this type into float32. */
    public boolean supported() {
        return supported;
    }

    /** The type with this id, or null if ggml (as known here) has none. */
    public static GgmlType byId(int id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }

    /** "F32 F16 BF16 Q8_0 ..." in the order used by error messages. */
    public static String supportedNames() {
        return Arrays.stream(new GgmlType[] {F32, F16, BF16, Q8_0, Q4_0, Q4_1, Q5_0, Q4_K, Q6_K})
                .filter(GgmlType::supported)
                .map(Enum::name)
                .collect(Collectors.joining(" "));
    }
}
