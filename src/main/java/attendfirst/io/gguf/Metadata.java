package attendfirst.io.gguf;

import attendfirst.io.ModelFormatException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * The GGUF key-value section: reads it (gguf_metadata_kv_t entries) and answers typed look-ups whose
 * errors name the file, the key, the type asked for and the GGUF type actually stored.
 */
final class Metadata {
    // enum gguf_metadata_value_type
    private static final String[] TYPE_NAMES = {
        "UINT8", "INT8", "UINT16", "INT16", "UINT32", "INT32", "FLOAT32", "BOOL", "STRING", "ARRAY", "UINT64", "INT64",
        "FLOAT64"
    };
    private static final int UINT8 = 0, INT8 = 1, UINT16 = 2, INT16 = 3, UINT32 = 4, INT32 = 5, FLOAT32 = 6,
            BOOL = 7, STRING = 8, ARRAY = 9, UINT64 = 10, INT64 = 11, FLOAT64 = 12;

    private final Path path;
    private final Map<String, Object> values = new LinkedHashMap<>();
    private final Map<String, String> typeNames = new LinkedHashMap<>(); // "UINT32", "ARRAY[STRING]"

    private Metadata(Path path) {
        this.path = path;
    }

    static Metadata read(HeaderReader in, Path path, long kvCount) {
        Metadata m = new Metadata(path);
        for (long i = 0; i < kvCount; i++) {
            String key = in.string("metadata key #" + i);               // gguf_string_t key
            int type = (int) in.u32("value type of metadata key " + key); // gguf_metadata_value_type value_type
            String typeName = m.typeName(type, key);
            if (type == ARRAY) {
                int elemType = (int) in.u32("element type of array " + key); // gguf_metadata_value_type type
                typeName = "ARRAY[" + m.typeName(elemType, key) + "]";
                if (elemType == ARRAY) {
                    throw new ModelFormatException("GGUF file " + path + ": metadata key " + key
                            + " is an array of arrays, which this reader does not support");
                }
                long len = in.i64("length of array " + key);                 // uint64_t len
                if (len < 0 || len > in.fileSize() - in.position()) {
                    throw new ModelFormatException("GGUF file " + path + " is truncated or corrupt: array " + key
                            + " claims " + Long.toUnsignedString(len) + " elements at offset " + in.position());
                }
                List<Object> list = new ArrayList<>((int) len);
                String what = "elements of array " + key;
                for (long j = 0; j < len; j++) {
                    list.add(scalar(in, elemType, what));                     // gguf_metadata_value_t array[len]
                }
                m.values.put(key, Collections.unmodifiableList(list));
            } else {
                m.values.put(key, scalar(in, type, "value of metadata key " + key));
            }
            m.typeNames.put(key, typeName);
        }
        return m;
    }

    private String typeName(int type, String key) {
        if (type < 0 || type >= TYPE_NAMES.length) {
            throw new ModelFormatException("GGUF file " + path + ": metadata key " + key + " has unknown value type "
                    + type + " (known: 0..12)");
        }
        return TYPE_NAMES[type];
    }

    /** Integers widen to Long (UINT64 above Long.MAX_VALUE would wrap; none occur), floats to Double. */
    private static Object scalar(HeaderReader in, int type, String what) {
        return switch (type) {
            case UINT8 -> (long) in.u8(what);
            case INT8 -> (long) (byte) in.u8(what);
            case UINT16 -> (long) in.u16(what);
            case INT16 -> (long) (short) in.u16(what);
            case UINT32 -> in.u32(what);
            case INT32 -> (long) in.i32(what);
            case FLOAT32 -> (double) in.f32(what);
            case BOOL -> in.u8(what) != 0; // int8_t, 0 or 1
            case STRING -> in.string(what);
            case UINT64, INT64 -> in.i64(what);
            case FLOAT64 -> in.f64(what);
            default -> throw new IllegalStateException("value type " + type + " of " + what);
        };
    }

    Map<String, Object> values() {
        return Collections.unmodifiableMap(values);
    }

    String typeName(String key) {
        return typeNames.get(key);
    }

    private <T> T get(String key, Class<T> cls, String expected) {
        Object v = values.get(key);
        if (v == null) {
            throw new ModelFormatException("GGUF file " + path + " has no metadata key " + key + " (expected "
                    + expected + ")");
        }
        if (!cls.isInstance(v)) {
            throw wrongType(key, expected);
        }
        return cls.cast(v);
    }

    private ModelFormatException wrongType(String key, String expected) {
        return new ModelFormatException("GGUF file " + path + ": metadata key " + key + " has type "
                + typeNames.get(key) + ", expected " + expected);
    }

    String getString(String key) {
        return get(key, String.class, "STRING");
    }

    Optional<String> findString(String key) {
        return values.containsKey(key) ? Optional.of(getString(key)) : Optional.empty();
    }

    long getLong(String key) {
        return get(key, Long.class, "an integer type");
    }

    OptionalLong findLong(String key) {
        return values.containsKey(key) ? OptionalLong.of(getLong(key)) : OptionalLong.empty();
    }

    double getDouble(String key) {
        return get(key, Double.class, "FLOAT32 or FLOAT64");
    }

    OptionalDouble findDouble(String key) {
        return values.containsKey(key) ? OptionalDouble.of(getDouble(key)) : OptionalDouble.empty();
    }

    boolean getBoolean(String key) {
        return get(key, Boolean.class, "BOOL");
    }

    Optional<Boolean> findBoolean(String key) {
        return values.containsKey(key) ? Optional.of(getBoolean(key)) : Optional.empty();
    }

    List<String> getStringArray(String key) {
        List<?> list = array(key, String.class, "ARRAY[STRING]");
        @SuppressWarnings("unchecked")
        List<String> strings = (List<String>) list;
        return strings;
    }

    float[] getFloatArray(String key) {
        List<?> list = array(key, Double.class, "ARRAY[FLOAT32] or ARRAY[FLOAT64]");
        float[] out = new float[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Double) list.get(i)).floatValue();
        }
        return out;
    }

    int[] getIntArray(String key) {
        List<?> list = array(key, Long.class, "an ARRAY of an integer type");
        int[] out = new int[list.size()];
        for (int i = 0; i < out.length; i++) {
            long v = (Long) list.get(i);
            if (v != (int) v) {
                throw new ModelFormatException("GGUF file " + path + ": metadata key " + key + "[" + i + "] = " + v
                        + " does not fit in an int");
            }
            out[i] = (int) v;
        }
        return out;
    }

    private List<?> array(String key, Class<?> elementClass, String expected) {
        List<?> list = get(key, List.class, expected);
        // an empty array carries its element type only in typeNames; check that, not the (absent) elements
        String elem = typeNames.get(key).substring("ARRAY[".length(), typeNames.get(key).length() - 1);
        boolean ok = switch (elem) {
            case "STRING" -> elementClass == String.class;
            case "FLOAT32", "FLOAT64" -> elementClass == Double.class;
            case "BOOL" -> elementClass == Boolean.class;
            default -> elementClass == Long.class;
        };
        if (!ok) {
            throw wrongType(key, expected);
        }
        return list;
    }
}
