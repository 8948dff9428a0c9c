package attendfirst.io.safetensors;

import attendfirst.io.gguf.GgmlType;
import java.util.Map;
import java.util.TreeMap;

/** safetensors dtype strings: their element sizes, and which ones this reader converts to float32. */
final class Dtype {
    static final String SUPPORTED = "F32 F16 BF16";

    private static final Map<String, Integer> BYTES = new TreeMap<>(Map.ofEntries(
            Map.entry("BOOL", 1), Map.entry("U8", 1), Map.entry("I8", 1), Map.entry("F8_E5M2", 1),
            Map.entry("F8_E4M3", 1), Map.entry("I16", 2), Map.entry("U16", 2), Map.entry("F16", 2),
            Map.entry("BF16", 2), Map.entry("I32", 4), Map.entry("U32", 4), Map.entry("F32", 4),
            Map.entry("I64", 8), Map.entry("U64", 8), Map.entry("F64", 8)));

    private Dtype() {
    }

    /** Bytes per element, or -1 for a dtype string safetensors does not define. */
    static int bytes(String dtype) {
        return BYTES.getOrDefault(dtype, -1);
    }

    static String known() {
        return String.join(" ", BYTES.keySet());
    }

    /** The ggml type with the same element encoding, or null if the dtype is not read as float32. */
    static GgmlType floatLayout(String dtype) {
        return switch (dtype) {
            case "F32" -> GgmlType.F32;
            case "F16" -> GgmlType.F16;
            case "BF16" -> GgmlType.BF16;
            default -> null;
        };
    }
}
