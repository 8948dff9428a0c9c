package attendfirst.io.gguf;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** src/test/resources/io/real-model-samples.json, written by tools/io_make_real_samples.py. */
final class RealModelSamples {
    private RealModelSamples() {
    }

    static JsonObject model(String fileName) {
        try (Reader r = new InputStreamReader(Objects.requireNonNull(
                RealModelSamples.class.getResourceAsStream("/io/real-model-samples.json"),
                "io/real-model-samples.json missing: run python3 tools/io_make_real_samples.py"),
                StandardCharsets.UTF_8)) {
            return JsonParser.parseReader(r).getAsJsonObject().getAsJsonObject("models").getAsJsonObject(fileName);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
