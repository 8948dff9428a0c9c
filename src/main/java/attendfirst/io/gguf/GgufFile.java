package attendfirst.io.gguf;

import attendfirst.io.ModelFormatException;
import attendfirst.io.MappedTensorFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * A GGUF file (versions 2 and 3, little-endian): the header, metadata and tensor infos are read when the
 * file is opened; tensor data is memory-mapped and dequantised on each {@link #readFloat32} call.
 *
 * <p>Layout (ggml docs/gguf.md): magic "GGUF", uint32 version, uint64 tensor_count, uint64
 * metadata_kv_count, the key-value pairs, tensor_count tensor infos, padding to general.alignment (default
 * 32), then the tensor data. Version 1 used uint32 counts and lengths and is rejected.
 */
public final class GgufFile extends MappedTensorFile<GgufTensorInfo> {
    private static final int MAGIC = 0x46554747; // "GGUF" read as a little-endian uint32
    private static final int DEFAULT_ALIGNMENT = 32;
    private static final int GGML_MAX_DIMS = 4;

    private final int version;
    private final int alignment;
    private final Metadata metadata;
    private final Map<String, GgufTensorInfo> tensors;
    private final long dataStart; // absolute file offset of the tensor-data section

    private GgufFile(Path path, FileChannel channel, int version, int alignment, Metadata metadata,
            Map<String, GgufTensorInfo> tensors, long dataStart) {
        super(path, channel, tensors, "GGUF file");
        this.version = version;
        this.alignment = alignment;
        this.metadata = metadata;
        this.tensors = tensors;
        this.dataStart = dataStart;
    }

    public static GgufFile open(Path path) {
        FileChannel channel;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new ModelFormatException("GGUF file not found: " + path.toAbsolutePath());
        } catch (IOException e) {
            throw new ModelFormatException("cannot open GGUF file " + path + ": " + e, e);
        }
        try {
            return readHeader(path, channel);
        } catch (RuntimeException e) {
            closeQuietly(channel, e);
            throw e;
        }
    }

    private static GgufFile readHeader(Path path, FileChannel channel) {
        long size;
        try {
            size = channel.size();
        } catch (IOException e) {
            throw new UncheckedIOException("size of " + path, e);
        }
        if (size == 0) {
            throw new ModelFormatException("GGUF file " + path + " is empty (0 bytes), expected the magic \"GGUF\"");
        }
        HeaderReader in = new HeaderReader(path, channel, size);
        if (size >= 4) {
            int magic = in.i32("magic");                                          // uint32_t magic
            if (magic != MAGIC) {
                throw new ModelFormatException("not a GGUF file: " + path + " starts with " + describeMagic(magic)
                        + ", expected 47 47 55 46 (\"GGUF\")");
            }
        } else {
            in.i32("magic"); // throws the truncation message
        }
        int version = in.i32("version");                                          // uint32_t version
        if (version != 2 && version != 3) {
            String why = Integer.reverseBytes(version) == 2 || Integer.reverseBytes(version) == 3
                    ? " (a big-endian GGUF, which this reader does not support)"
                    : version == 1 ? " (version 1 used 32-bit counts; re-convert the model)" : "";
            throw new ModelFormatException("GGUF file " + path + " has unsupported version " + version + why
                    + ", supported: 2, 3");
        }
        long tensorCount = in.i64("tensor_count");                                // uint64_t tensor_count
        long kvCount = in.i64("metadata_kv_count");                               // uint64_t metadata_kv_count
        if (tensorCount < 0 || kvCount < 0 || tensorCount > size || kvCount > size) {
            throw new ModelFormatException("GGUF file " + path + " is corrupt: tensor_count "
                    + Long.toUnsignedString(tensorCount) + ", metadata_kv_count " + Long.toUnsignedString(kvCount)
                    + " for a file of " + size + " bytes");
        }
        Metadata metadata = Metadata.read(in, path, kvCount);                     // gguf_metadata_kv_t[kv_count]
        int alignment = DEFAULT_ALIGNMENT;
        if (metadata.values().containsKey("general.alignment")) {
            long a = metadata.getLong("general.alignment");                        // uint32 general.alignment
            if (a <= 0 || a > (1 << 30) || Long.bitCount(a) != 1) {
                throw new ModelFormatException("GGUF file " + path + ": general.alignment = " + a
                        + ", expected a power of two");
            }
            alignment = (int) a;
        }
        Map<String, GgufTensorInfo> infos = new LinkedHashMap<>();
        for (long i = 0; i < tensorCount; i++) {                                 // gguf_tensor_info_t[tensor_count]
            GgufTensorInfo info = readTensorInfo(in, path, i, alignment);
            if (infos.put(info.name(), info) != null) {
                throw new ModelFormatException("GGUF file " + path + " has two tensors named " + info.name());
            }
        }
        long dataStart = alignUp(in.position(), alignment);                       // uint8_t _padding[]
        for (GgufTensorInfo t : infos.values()) {
            long end = dataStart + t.offset() + t.byteSize();
            if (end > size) {
                throw new ModelFormatException("GGUF file " + path + " is truncated: tensor " + t.name() + " ("
                        + t.type() + ", " + t.byteSize() + " bytes) ends at byte " + end + " but the file has "
                        + size + " bytes");
            }
        }
        return new GgufFile(path, channel, version, alignment, metadata, Collections.unmodifiableMap(infos),
                dataStart);
    }

    private static GgufTensorInfo readTensorInfo(HeaderReader in, Path path, long index, int alignment) {
        String name = in.string("name of tensor #" + index);                     // gguf_string_t name
        long nDims = in.u32("n_dimensions of tensor " + name);                   // uint32_t n_dimensions
        if (nDims < 1 || nDims > GGML_MAX_DIMS) {
            throw new ModelFormatException("GGUF file " + path + ": tensor " + name + " has " + nDims
                    + " dimensions, expected 1.." + GGML_MAX_DIMS);
        }
        long[] ne = new long[(int) nDims];
        for (int d = 0; d < nDims; d++) {
            ne[d] = in.i64("dimension " + d + " of tensor " + name);            // uint64_t dimensions[n_dimensions]
            if (ne[d] < 0) {
                throw new ModelFormatException("GGUF file " + path + ": tensor " + name + " has dimension " + d
                        + " = " + Long.toUnsignedString(ne[d]));
            }
        }
        int typeId = in.i32("type of tensor " + name);                             // ggml_type type
        GgmlType type = GgmlType.byId(typeId);
        if (type == null) {
            throw new ModelFormatException("GGUF file " + path + ": tensor " + name + " has unknown ggml type id "
                    + typeId + ", supported: " + GgmlType.supportedNames());
        }
        long offset = in.i64("offset of tensor " + name);                        // uint64_t offset
        if (offset < 0 || offset % alignment != 0) {
            throw new ModelFormatException("GGUF file " + path + ": tensor " + name + " has offset "
                    + Long.toUnsignedString(offset) + ", expected a multiple of the alignment " + alignment);
        }
        // an unsupported type is only refused when read (its tensor infos stay listable), but when its row size
        // does not fit the type's block the block is not the problem to report: the type is
        if (ne[0] % type.blockSize() != 0 && !type.supported()) {
            throw new ModelFormatException("GGUF file " + path + ": tensor " + name + " has type " + type
                    + ", which this reader cannot decode; supported: " + GgmlType.supportedNames());
        }
        if (ne[0] % type.blockSize() != 0) {
            throw new ModelFormatException("GGUF file " + path + ": tensor " + name + " has rows of " + ne[0]
                    + " elements, not a multiple of the " + type + " block size " + type.blockSize());
        }
        return new GgufTensorInfo(name, ne, type, offset);
    }

    private static long alignUp(long x, int alignment) {
        return (x + alignment - 1) / alignment * alignment;
    }

    private static String describeMagic(int magic) {
        StringBuilder hex = new StringBuilder();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            int b = (magic >>> (8 * i)) & 0xFF;
            hex.append(i > 0 ? " " : "").append(String.format("%02x", b));
            text.append(b >= 0x20 && b < 0x7F ? (char) b : '.');
        }
        return hex + " (\"" + text + "\")";
    }

    private static void closeQuietly(FileChannel channel, RuntimeException primary) {
        try {
            channel.close();
        } catch (IOException e) {
            primary.addSuppressed(e);
        }
    }

    public Path path() {
        return path;
    }

    public int version() {
        return version;
    }

    public int alignment() {
        return alignment;
    }

    /** Values: String, Long (every integer type), Double (FLOAT32/64), Boolean, List&lt;Object&gt; for arrays. */
    public Map<String, Object> metadata() {
        return metadata.values();
    }

    /** The GGUF type of a metadata value, e.g. "UINT32" or "ARRAY[STRING]"; null if the key is absent. */
    public String metadataType(String key) {
        return metadata.typeName(key);
    }

    public String getString(String key) { return metadata.getString(key); }

    public Optional<String> findString(String key) { return metadata.findString(key); }

    public long getLong(String key) { return metadata.getLong(key); }

    public OptionalLong findLong(String key) { return metadata.findLong(key); }

    public double getDouble(String key) { return metadata.getDouble(key); }

    public OptionalDouble findDouble(String key) { return metadata.findDouble(key); }

    public boolean getBoolean(String key) { return metadata.getBoolean(key); }

    public Optional<Boolean> findBoolean(String key) { return metadata.findBoolean(key); }

    public List<String> getStringArray(String key) { return metadata.getStringArray(key); }

    public float[] getFloatArray(String key) { return metadata.getFloatArray(key); }

    public int[] getIntArray(String key) { return metadata.getIntArray(key); }

    /** Tensor infos by name, in file order. */
    public Map<String, GgufTensorInfo> tensors() {
        return tensors;
    }

    /** The info of one tensor; an unknown name throws naming the file and the tensor. */
    public GgufTensorInfo tensor(String name) {
        return entry(name);
    }

    /** PyTorch order: ne reversed, so a weight stored with ne = [in, out] has shape [out, in]. */
    @Override
    public long[] shape(String name) {
        return tensor(name).shape();
    }

    @Override
    public float[] readFloat32(String name) {
        GgufTensorInfo t = tensor(name);
        if (!t.type().supported()) {
            throw new ModelFormatException("GGUF tensor " + name + " in " + path + " has type " + t.type()
                    + ", supported: " + GgmlType.supportedNames());
        }
        long n = t.elementCount();
        if (n > Integer.MAX_VALUE - 8) {
            throw new ModelFormatException("GGUF tensor " + name + " in " + path + " has " + n
                    + " elements, more than a Java float[] holds");
        }
        float[] out = new float[(int) n];
        long totalBlocks = n / t.type().blockSize();
        // each mapping holds a whole number of blocks and stays below 2 GiB
        long blocksPerMap = (Integer.MAX_VALUE / t.type().typeSize());
        for (long first = 0; first < totalBlocks; first += blocksPerMap) {
            int blocks = (int) Math.min(blocksPerMap, totalBlocks - first);
            ByteBuffer data = map(dataStart + t.offset() + first * t.type().typeSize(),
                    (long) blocks * t.type().typeSize(), name);
            Dequantize.blocks(t.type(), data, blocks, out, (int) (first * t.type().blockSize()));
        }
        return out;
    }

    @Override
    public String toString() {
        return "GgufFile[" + path + ", v" + version + ", " + tensors.size() + " tensors]";
    }
}
