package attendfirst.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import attendfirst.fixture.ModelFixture;
import attendfirst.fixture.ModelFixtures;
import attendfirst.fixture.Project;
import attendfirst.io.gguf.GgufFile;
import attendfirst.task.Capitals;
import attendfirst.task.Example;
import attendfirst.task.TextSpan;
import attendfirst.tokenizer.Encoding;
import attendfirst.tokenizer.Tokenizer;
import attendfirst.tokenizer.Tokenizers;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The switch acts on the LAST token of a country name, found from the tokenizer's character offsets
 * ({@link SwitchExperiment#lastTokenOf}). Checked with the real tokenizers of the default model (byte-level BPE,
 * no BOS) and of Gemma 3 (SentencePiece, BOS), in both prompts of a switch pair: the capitals prompt (target)
 * and "The country Y" (source), for one-token and multi-token names.
 *
 * <p>The tokenizers are built from the GGUF files exactly as {@code ModelLoader} builds them
 * ({@link Tokenizers#fromGguf}); the weights are not needed for offsets, so no model is loaded.
 */
@Epic("Attend First, Consolidate Later (Ben-Artzy & Schwartz 2024)")
@Feature("switch")
class SwitchPositionsTest {
    static final String[] MODELS = {"smollm2-135m-instruct", "gemma3-270m"};
    static final String[] SINGLE = {"France", "Italy"};
    static final String[] MULTI = {"Central African Republic", "Bosnia and Herzegovina"};

    private static final Map<String, Tokenizer> TOKENIZERS = new ConcurrentHashMap<>();

    static Stream<Arguments> cases() {
        return Stream.of(MODELS).flatMap(m -> Stream.concat(
                Stream.of(SINGLE).map(c -> Arguments.argumentSet(m + " " + c, m, c, false)),
                Stream.of(MULTI).map(c -> Arguments.argumentSet(m + " " + c + " (several tokens)", m, c, true))));
    }

    /** The real tokenizer of a model fixture, or a skipped test saying how to fetch the weights. */
    static Tokenizer tokenizer(String model) {
        return TOKENIZERS.computeIfAbsent(model, name -> {
            ModelFixture f = ModelFixtures.load().get(name);
            Path file = Project.modelCache().resolve(f.source().file());
            assumeTrue(Files.isRegularFile(file), () -> "weights of " + name + " are not at " + file
                    + "; fetch them with: python3 scripts/fetch_models.py " + name);
            try (GgufFile gguf = GgufFile.open(file)) {
                return Tokenizers.fromGguf(gguf);
            }
        });
    }

    static Capitals capitals() {
        return new Capitals(1, 0, Project.root().resolve("fixtures/tasks/capitals.tsv"));
    }

    @ParameterizedTest(name = "{argumentSetName}")
    @MethodSource("cases")
    void switchTargetIsTheLastTokenOfTheAskedCountry(String model, String country, boolean multiToken) {
        // GIVEN the capitals prompt asking for the country, and the span Capitals marks for the switch
        Tokenizer tokenizer = tokenizer(model);
        Capitals capitals = capitals();
        Example example = new Example("switch-" + country, capitals.prompt("Spain", country),
                capitals.capitals().get(country), Map.of("country", country, "shotCountry", "Spain"));
        TextSpan span = capitals.askedCountrySpan(example);
        assertThat(span.covered()).isEqualTo(country);
        // WHEN the prompt is tokenised and the switch position chosen
        Encoding enc = tokenizer.encode(example.prompt());
        int p = SwitchExperiment.lastTokenOf(enc, span);
        // THEN it is the last token of the name
        assertLastTokenOfName(tokenizer, enc, p, span, multiToken);
    }

    @ParameterizedTest(name = "{argumentSetName}")
    @MethodSource("cases")
    void switchSourceIsTheLastTokenOfTheInjectedCountry(String model, String country, boolean multiToken) {
        // GIVEN the paper's source prompt "The country Y"
        Tokenizer tokenizer = tokenizer(model);
        TextSpan span = Capitals.countrySource(country);
        // WHEN the prompt is tokenised and the source position chosen
        Encoding enc = tokenizer.encode(span.text());
        int q = SwitchExperiment.lastTokenOf(enc, span);
        // THEN it is the last token of the prompt, and of the name
        assertThat(q).isEqualTo(enc.size() - 1);
        assertLastTokenOfName(tokenizer, enc, q, span, multiToken);
    }

    private static void assertLastTokenOfName(Tokenizer tokenizer, Encoding enc, int p, TextSpan span,
                                              boolean multiToken) {
        String country = span.covered();
        String described = "token " + p + " of " + Arrays.toString(enc.ids()) + " for '" + country + "'";
        // the chosen token ends exactly where the name ends (no "?" merged into it) ...
        assertThat(enc.end()[p]).as(described + ": end offset").isEqualTo(span.end());
        // (a byte-level token may carry the space before the name: compare the covered text without it)
        String covered = span.text().substring(enc.start()[p], enc.end()[p]).strip();
        assertThat(covered).as(described + ": text under the token").isNotEmpty();
        assertThat(country).as(described + ": the name ends with the text under the token").endsWith(covered);
        // ... no later token reaches into the name ...
        for (int i = p + 1; i < enc.size(); i++) {
            assertThat(enc.start()[i]).as("token " + i + " after the chosen one starts inside the name")
                    .isGreaterThanOrEqualTo(span.end());
        }
        // ... its decoded text is the end of the name, and the text decoded up to it ends with the whole name
        String piece = tokenizer.decode(new int[] {enc.ids()[p]}).strip();
        assertThat(piece).as(described + ": decoded piece").isNotEmpty();
        assertThat(country).as(described + ": the name ends with the decoded piece '" + piece + "'").endsWith(piece);
        assertThat(tokenizer.decode(Arrays.copyOfRange(enc.ids(), 0, p + 1))).as(described + ": decoded prefix")
                .endsWith(country);
        // a multi-token name really spans several tokens, so "last" is a real choice here
        long covering = java.util.stream.IntStream.range(0, enc.size())
                .filter(i -> enc.end()[i] > span.start() && enc.start()[i] < span.end()).count();
        if (multiToken) {
            assertThat(covering).as("tokens covering '" + country + "'").isGreaterThan(1);
            assertThat(enc.start()[p]).as(described + ": the last token is not the first of the name")
                    .isGreaterThan(span.start());
        } else {
            assertThat(covering).as("tokens covering '" + country + "'").isGreaterThanOrEqualTo(1);
        }
    }
}
