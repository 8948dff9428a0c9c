package attendfirst.sweep;

import ai.djl.ndarray.types.DataType;
import attendfirst.intervention.Manipulation;
import attendfirst.model.Forward;
import attendfirst.model.LoadedModel;
import attendfirst.testing.RealModel;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

/**
 * The paper's semantics checked against an independent implementation: HF transformers with forward
 * hooks (tools/golden_manipulations.py, full recomputation, float32) gives the reference logits of
 * freeze, skip-attention and inject on the default model; the fast sweep engine must match.
 */
@RealModel
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManipulationParityTest {
    static final Path GOLDEN = Path.of("src/test/resources/golden/manipulations-smollm2.json");
    /** The tolerance for parity with HF transformers. */
    static final double RELATIVE = 1e-3;

    private SweepEngine engine;
    private LoadedModel model;
    private int[] prompt;
    private int position;
    private int[] source;
    private int sourcePosition;

    static JsonObject golden() throws IOException {
        return JsonParser.parseString(Files.readString(GOLDEN)).getAsJsonObject();
    }

    @BeforeAll
    void prepare(LoadedModel loaded) throws IOException {
        JsonObject g = golden();
        model = loaded;
        engine = new SweepEngine(loaded.model());
        prompt = ints(g.getAsJsonArray("prompt_token_ids"));
        position = g.get("position_france").getAsInt();
        source = ints(g.getAsJsonArray("source_token_ids"));
        sourcePosition = g.get("source_position_italy").getAsInt();
    }

    Stream<Arguments> runs() throws IOException {
        return golden().getAsJsonArray("runs").asList().stream().map(JsonElement::getAsJsonObject)
                .map(r -> argumentSet(r.get("manipulation").getAsString() + " k=" + r.get("k").getAsInt(), r));
    }

    @ParameterizedTest
    @MethodSource("runs")
    void fastEngineMatchesTransformersWithHooks(JsonObject run) {
        // GIVEN the prompt and token ids the reference used
        assertThat(model.tokenizer().encode(golden0().get("prompt").getAsString()).ids()).containsExactly(prompt);
        int k = run.get("k").getAsInt();
        Manipulation.Kind kind = Manipulation.Kind.named(run.get("manipulation").getAsString());
        Manipulation m = kind == Manipulation.Kind.INJECT ? Manipulation.inject(k, position, italyAt(k))
                : kind.at(k, 0, 0);
        // WHEN
        RunResult result;
        try (Forward.Trace clean = engine.prepare(prompt)) {
            result = engine.run(prompt, clean, List.of(m), Generation.nextToken()).get(0);
        }
        // THEN
        for (JsonElement e : run.getAsJsonArray("top20")) {
            int id = e.getAsJsonArray().get(0).getAsInt();
            double expected = e.getAsJsonArray().get(1).getAsDouble();
            assertThat((double) result.firstLogits()[id]).as("%s logit of token %d", m.kind(), id)
                    .isCloseTo(expected, within(RELATIVE * Math.abs(expected)));
        }
        assertThat(result.generated()[0]).as("greedy next token").isEqualTo(run.get("next_id").getAsInt());
    }

    /** The layer-k input of " Italy" in "The country Italy": the switch's vector. */
    private float[] italyAt(int k) {
        try (Forward.Trace trace = new Forward(model.model()).forward(source, true, source.length)) {
            return trace.layerInputs()[k].get(":, {}, :", sourcePosition).toType(DataType.FLOAT32, false).toFloatArray();
        }
    }

    private static JsonObject golden0() {
        try {
            return golden();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int[] ints(JsonArray a) {
        return a.asList().stream().mapToInt(JsonElement::getAsInt).toArray();
    }
}
