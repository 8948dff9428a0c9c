package attendfirst.model;

import attendfirst.testing.RealModelExtension;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real models of the golden files, by fixture name. They come from {@link RealModelExtension}'s
 * root-store holder, so a model is loaded once per JUnit run whichever test asks first. Register with
 * {@code @ExtendWith(GoldenModels.Extension.class)} and take a {@code GoldenModels} parameter.
 */
final class GoldenModels {
    static final Path GOLDEN = Path.of("src/test/resources/golden");

    private final ExtensionContext context;

    private GoldenModels(ExtensionContext context) {
        this.context = context;
    }

    /** The golden JSON of {@code fixture} (e.g. "gemma3-270m"). */
    static JsonObject golden(String fixture) {
        try {
            return JsonParser.parseString(Files.readString(GOLDEN.resolve(fixture + ".json"))).getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read golden file for " + fixture, e);
        }
    }

    /** The model the golden file was made from; skips the test when its GGUF is not on this machine. */
    DecoderModel model(String fixture) {
        return RealModelExtension.shared(context, fixture).model();
    }

    /** The model with its tokenizer; skips like {@link #model}. */
    LoadedModel loaded(String fixture) {
        return RealModelExtension.shared(context, fixture);
    }

    static final class Extension implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
            return p.getParameter().getType() == GoldenModels.class;
        }

        @Override
        public Object resolveParameter(ParameterContext p, ExtensionContext c) {
            return new GoldenModels(c);
        }
    }
}
