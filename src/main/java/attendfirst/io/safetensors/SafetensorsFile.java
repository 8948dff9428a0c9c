package attendfirst.io.safetensors;

import attendfirst.io.ModelFormatException;
import attendfirst.io.MappedTensorFile;
import attendfirst.io.gguf.Dequantize;
import attendfirst.io.gguf.GgmlType;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One .safetensors file. Layout (huggingface/safetensors): uint64 little-endian N, an N-byte UTF-8 JSON
 * header {"__metadata__": {str: str}, name: {"dtype", "shape", "data_offsets": [begin, end]}}, then the
 * data; offsets count from the first byte after the header. Tensor data is memory-mapped per read, in
 * mappings below 2 GiB each, so files and tensors above 2 GiB work.
 */
public final class SafetensorsFile extends MappedTensorFile<SafetensorsFile.Entry> {
    private static final long MAX_HEADER_BYTES = 100L << 20; // the reference implementation's own limit
    private static final int DEFAULT_MAX_MAP_BYTES = 1 << 30;

    private final Map<String, String> metadata;
    private final Map<String, Entry> tensors;
    private final long dataStart;
    private final int maxMapBytes;

    /** One header entry; begin/end are absolute file offsets. */
    record Entry(String dtype, long[] shape, long begin, long end) {
    }

    private SafetensorsFile(Path path, FileChannel channel, Map<String, String> metadata,
            Map<String, Entry> tensors, long dataStart, int maxMapBytes) {
        super(path, channel, tensors, "safetensors file");
        this.metadata = metadata;
        this.tensors = tensors;
        this.dataStart = dataStart;
        this.maxMapBytes = maxMapBytes;
    }

    public static SafetensorsFile open(Path path) {
        return open(path, DEFAULT_MAX_MAP_BYTES);
    }

    /** maxMapBytes lets tests exercise the chunked mapping of one tensor without a 2 GiB array. */
    static SafetensorsFile open(Path path, int maxMapBytes) {
        FileChannel channel;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new ModelFormatException("safetensors file not found: " + path.toAbsolutePath());
        } catch (IOException e) {
            throw new ModelFormatException("cannot open safetensors file " + path + ": " + e, e);
        }
        try {
            return readHeader(path, channel, maxMapBytes);
        } catch (RuntimeException e) {
            try {
                channel.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private static SafetensorsFile readHeader(Path path, FileChannel channel, int maxMapBytes) {
        try {
            long size = channel.size();
            if (size < 8) {
                throw new ModelFormatException("safetensors file " + path + " is truncated: " + size
                        + " bytes, too short for the 8-byte header length");
            }
            ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            channel.read(lenBuf, 0);
            long headerLen = lenBuf.getLong(0);                          // u64 N, little-endian
            if (headerLen < 2 || headerLen > MAX_HEADER_BYTES || headerLen > size - 8) {
                throw new ModelFormatException("safetensors file " + path + " is truncated or not safetensors: "
                        + "header length field says " + Long.toUnsignedString(headerLen) + " bytes, file has "
                        + size + " bytes (limit " + MAX_HEADER_BYTES + ")");
            }
            ByteBuffer json = ByteBuffer.allocate((int) headerLen);
            while (json.hasRemaining() && channel.read(json, 8 + json.position()) >= 0) {
                // positional reads until the header is in
            }
            String text = new String(json.array(), StandardCharsets.UTF_8); // N bytes of UTF-8 JSON
            long dataStart = 8 + headerLen;
            Map<String, String> metadata = new LinkedHashMap<>();
            Map<String, Entry> tensors = new LinkedHashMap<>();
            JsonObject header = parse(path, text);
            for (Map.Entry<String, JsonElement> e : header.entrySet()) {
                if (e.getKey().equals("__metadata__")) {
                    readMetadata(path, e.getValue(), metadata);
                } else {
                    Entry entry = readEntry(path, e.getKey(), e.getValue(), dataStart, size);
                    tensors.put(e.getKey(), entry);
                }
            }
            return new SafetensorsFile(path, channel, Collections.unmodifiableMap(metadata),
                    Collections.unmodifiableMap(tensors), dataStart, maxMapBytes);
        } catch (IOException e) {
            throw new UncheckedIOException("reading safetensors header of " + path, e);
        }
    }

    private static JsonObject parse(Path path, String text) {
        JsonElement root;
        try {
            root = StrictJson.parse(text);
        } catch (JsonParseException e) {
            throw new ModelFormatException("safetensors file " + path + " has a malformed JSON header ("
                    + e.getMessage() + "): " + abbreviate(text), e);
        }
        if (!root.isJsonObject()) {
            throw new ModelFormatException("safetensors file " + path + ": header JSON is not an object: "
                    + abbreviate(text));
        }
        return root.getAsJsonObject();
    }

    private static void readMetadata(Path path, JsonElement value, Map<String, String> out) {
        if (!value.isJsonObject()) {
            throw new ModelFormatException("safetensors file " + path + ": __metadata__ is not an object");
        }
        for (Map.Entry<String, JsonElement> m : value.getAsJsonObject().entrySet()) {
            if (!m.getValue().isJsonPrimitive() || !m.getValue().getAsJsonPrimitive().isString()) {
                throw new ModelFormatException("safetensors file " + path + ": __metadata__." + m.getKey()
                        + " is " + m.getValue() + ", expected a string");
            }
            out.put(m.getKey(), m.getValue().getAsString());
        }
    }

    private static Entry readEntry(Path path, String name, JsonElement value, long dataStart, long size) {
        String where = "safetensors file " + path + ": tensor " + name;
        if (!value.isJsonObject()) {
            throw new ModelFormatException(where + " is " + abbreviate(value.toString()) + ", expected an object");
        }
        JsonObject o = value.getAsJsonObject();
        String dtype = string(o, "dtype", where);
        int elementBytes = Dtype.bytes(dtype);
        if (elementBytes < 0) {
            throw new ModelFormatException(where + " has unknown dtype " + dtype + ", known: " + Dtype.known());
        }
        long[] shape = longs(o, "shape", where, -1);
        long[] offsets = longs(o, "data_offsets", where, 2);
        long count = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new ModelFormatException(where + " has a negative dimension in shape " + o.get("shape"));
            }
            count = Math.multiplyExact(count, d);
        }
        long begin = offsets[0];
        long end = offsets[1];
        if (begin < 0 || end < begin) {
            throw new ModelFormatException(where + " has data_offsets [" + begin + ", " + end + "], expected "
                    + "0 <= begin <= end");
        }
        if (end - begin != count * elementBytes) {
            throw new ModelFormatException(where + " has data_offsets [" + begin + ", " + end + "] = "
                    + (end - begin) + " bytes, but " + dtype + " " + o.get("shape") + " needs "
                    + count * elementBytes);
        }
        if (dataStart + end > size) {
            throw new ModelFormatException("safetensors file " + path + " is truncated: tensor " + name
                    + " (data_offsets [" + begin + ", " + end + "]) ends at byte " + (dataStart + end)
                    + " but the file has " + size + " bytes");
        }
        return new Entry(dtype, shape, dataStart + begin, dataStart + end);
    }

    private static String string(JsonObject o, String field, String where) {
        JsonElement e = o.get(field);
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw new ModelFormatException(where + " has " + field + " = " + e + ", expected a string");
        }
        return e.getAsString();
    }

    private static long[] longs(JsonObject o, String field, String where, int requiredLength) {
        JsonElement e = o.get(field);
        if (e == null || !e.isJsonArray() || (requiredLength >= 0 && e.getAsJsonArray().size() != requiredLength)) {
            throw new ModelFormatException(where + " has " + field + " = " + e + ", expected an array of "
                    + (requiredLength >= 0 ? requiredLength + " " : "") + "integers");
        }
        JsonArray a = e.getAsJsonArray();
        long[] out = new long[a.size()];
        for (int i = 0; i < out.length; i++) {
            try {
                out[i] = a.get(i).getAsJsonPrimitive().getAsBigInteger().longValueExact();
            } catch (RuntimeException notAnInteger) {
                throw new ModelFormatException(where + " has " + field + " = " + e + ", expected integers");
            }
        }
        return out;
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }

    public Path path() {
        return path;
    }

    /** The __metadata__ object (string to string); empty if the file has none. */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** The dtype string of a tensor as the file states it, e.g. "BF16". */
    public String dtype(String name) {
        return entry(name).dtype();
    }

    @Override
    public long[] shape(String name) {
        return entry(name).shape().clone();
    }

    @Override
    public float[] readFloat32(String name) {
        Entry e = entry(name);
        GgmlType layout = Dtype.floatLayout(e.dtype());
        if (layout == null) {
            throw new ModelFormatException("safetensors tensor " + name + " in " + path + " has dtype " + e.dtype()
                    + ", supported: " + Dtype.SUPPORTED);
        }
        int elementBytes = Dtype.bytes(e.dtype());
        long count = (e.end() - e.begin()) / elementBytes;
        if (count > Integer.MAX_VALUE - 8) {
            throw new ModelFormatException("safetensors tensor " + name + " in " + path + " has " + count
                    + " elements, more than a Java float[] holds");
        }
        float[] out = new float[(int) count];
        long perMap = maxMapBytes / elementBytes;
        for (long first = 0; first < count; first += perMap) {
            int n = (int) Math.min(perMap, count - first);
            ByteBuffer data = map(e.begin() + first * elementBytes, (long) n * elementBytes, name);
            Dequantize.blocks(layout, data, n, out, (int) first); // F32/F16/BF16: one element per "block"
        }
        return out;
    }

    @Override
    public String toString() {
        return "SafetensorsFile[" + path + ", " + tensors.size() + " tensors]";
    }
}
