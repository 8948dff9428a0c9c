package attendfirst.task;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Loads the golden values written by tools/tasks_rouge_golden.py. */
public final class Golden {
    private Golden() {}

    /** A file under src/test/resources/tasks, as a path (loaders take paths, as users give them). */
    public static java.nio.file.Path resource(String name) {
        try {
            java.net.URL url = Golden.class.getResource("/tasks/" + name);
            if (url == null) {
                throw new IllegalStateException("missing test resource src/test/resources/tasks/" + name);
            }
            return java.nio.file.Path.of(url.toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static JsonObject metrics() {
        try (InputStream in = Golden.class.getResourceAsStream("/tasks/metrics_golden.json")) {
            if (in == null) {
                throw new IllegalStateException("missing src/test/resources/tasks/metrics_golden.json;"
                        + " run python3 tools/tasks_rouge_golden.py");
            }
            return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
