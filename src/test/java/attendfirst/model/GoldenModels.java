package attendfirst.model;

import attendfirst.io.RealModels;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The real models of the golden files, each loaded from its GGUF at most once per JUnit run and kept in
 * the root {@link ExtensionContext.Store}, which closes them at the end. Register with
 * {@code @ExtendWith(GoldenModels.Extension.class)} and take a {@code GoldenModels} parameter.
 */
final class GoldenModels implements AutoCloseable {
    static final Path GOLDEN = Path.of("src/test/resources/golden");

    private final Map<String, DecoderModel> models = new HashMap<>();

    /** The golden JSON of {@code fixture} (e.g. "gemma3-270m"). */
    static JsonObject golden(String fixture) {
        try {
            return JsonParser.parseString(Files.readString(GOLDEN.resolve(fixture + ".json"))).getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read golden file for " + fixture, e);
        }
    }

    /** The model the golden file was made from; skips the test when its GGUF is not on this machine. */
    synchronized DecoderModel model(String fixture) {
        DecoderModel model = models.get(fixture);
        if (model == null) {
            Path file = RealModels.require(golden(fixture).get("file").getAsString());
            model = TestModels.fromGguf(file);
            models.put(fixture, model);
        }
        return model;
    }

    @Override
    public synchronized void close() {
        models.values().forEach(DecoderModel::close);
        models.clear();
    }

    static final class Extension implements ParameterResolver {
        private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(GoldenModels.class);

        @Override
        public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
            return p.getParameter().getType() == GoldenModels.class;
        }

        @Override
        public Object resolveParameter(ParameterContext p, ExtensionContext c) {
            return c.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("models", k -> new GoldenModels(),
                    GoldenModels.class);
        }
    }
}
