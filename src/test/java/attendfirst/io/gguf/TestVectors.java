package attendfirst.io.gguf;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;

/** The files tools/io_make_gguf_vectors.py writes into src/test/resources/io/. */
final class TestVectors {
    private TestVectors() {
    }

    static Path resource(String name) {
        try {
            return Path.of(Objects.requireNonNull(TestVectors.class.getResource("/io/" + name),
                    "io/" + name + " missing: run python3 tools/io_make_gguf_vectors.py").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonObject expectedJson() {
        return JsonParser.parseString(new String(bytes("quant-vectors.expected.json"), StandardCharsets.UTF_8))
                .getAsJsonObject();
    }

    /** The float32 values Python's gguf.quants.dequantize gave for one tensor. */
    static float[] expectedValues(String tensor) {
        JsonObject t = expectedJson().getAsJsonObject("tensors").getAsJsonObject(tensor);
        ByteBuffer all = ByteBuffer.wrap(bytes("quant-vectors.expected.bin")).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[t.get("count").getAsInt()];
        int offset = t.get("offset").getAsInt();
        for (int i = 0; i < out.length; i++) {
            out[i] = all.getFloat(4 * (offset + i));
        }
        return out;
    }

    private static byte[] bytes(String name) {
        try (InputStream in = Objects.requireNonNull(TestVectors.class.getResourceAsStream("/io/" + name),
                "io/" + name + " missing: run python3 tools/io_make_gguf_vectors.py")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
