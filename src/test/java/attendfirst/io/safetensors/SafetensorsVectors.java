package attendfirst.io.safetensors;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/** The files of tools/io_make_safetensors_vectors.py, and a writer for hand-made (often broken) files. */
final class SafetensorsVectors {
    private SafetensorsVectors() {
    }

    static Path resource(String relative) {
        try {
            return Path.of(Objects.requireNonNull(SafetensorsVectors.class.getResource("/io/safetensors/" + relative),
                    "io/safetensors/" + relative + " missing: run python3 tools/io_make_safetensors_vectors.py")
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonObject expected(String jsonName) {
        try {
            return JsonParser.parseString(Files.readString(resource(jsonName))).getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int[] bits(JsonObject tensor) {
        JsonArray a = tensor.getAsJsonArray("bits");
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).getAsInt();
        }
        return out;
    }

    static long[] shape(JsonObject tensor) {
        JsonArray a = tensor.getAsJsonArray("shape");
        long[] out = new long[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).getAsLong();
        }
        return out;
    }

    static int[] rawBits(float[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Float.floatToRawIntBits(values[i]);
        }
        return out;
    }

    /** Writes u64 header length + header JSON (space-padded to a multiple of 8) + data at the given offset. */
    static Path write(Path file, String headerJson, byte[] data) {
        byte[] header = headerJson.getBytes(StandardCharsets.UTF_8);
        int padded = (header.length + 7) / 8 * 8;
        ByteBuffer buf = ByteBuffer.allocate(8 + padded + data.length).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(padded).put(header);
        while (buf.position() < 8 + padded) {
            buf.put((byte) ' ');
        }
        buf.put(data);
        try {
            Files.write(file, buf.array());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** little-endian float32 bytes of the values. */
    static byte[] f32(float... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    /** Writes bytes at an absolute offset of a (possibly sparse) file. */
    static void writeAt(Path file, long offset, byte[] bytes) {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(offset);
            raf.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
