package attendfirst.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import attendfirst.intervention.Manipulation;
import attendfirst.model.LoadedModel;
import attendfirst.testing.RealModel;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The paper's semantics checked against an independent implementation: HF transformers with forward
 * hooks (tools/golden_manipulations.py, full recomputation, float32) gives the reference logits of
 * freeze, skip-attention and inject on the default model; the fast sweep engine must match. Set-up shared
 * with Qwen2ManipulationParityTest ({@link ManipulationGolden}).
 */
@RealModel
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManipulationParityTest {
    static final Path GOLDEN = Path.of("src/test/resources/golden/manipulations-smollm2.json");
    /** The tolerance for parity with HF transformers. */
    static final double RELATIVE = 1e-3;

    private LoadedModel model;
    private ManipulationGolden golden;
    private int[] prompt;

    @BeforeAll
    void prepare(LoadedModel loaded) {
        model = loaded;
        golden = ManipulationGolden.of(GOLDEN, loaded.model());
        prompt = golden.ids("prompt_token_ids");
    }

    Stream<Arguments> runs() {
        return golden.runs();
    }

    @ParameterizedTest
    @MethodSource("runs")
    void fastEngineMatchesTransformersWithHooks(JsonObject run) {
        // GIVEN the prompt and token ids the reference used; inject: " Italy" of "The country Italy" at France
        assertThat(model.tokenizer().encode(golden.json().get("prompt").getAsString()).ids()).containsExactly(prompt);
        Manipulation m = golden.manipulation(run, golden.integer("position_france"), "source_token_ids",
                golden.integer("source_position_italy"), 0, 0);
        // WHEN
        RunResult result = golden.run(prompt, m);
        // THEN
        for (JsonElement e : run.getAsJsonArray("top20")) {
            int id = e.getAsJsonArray().get(0).getAsInt();
            double expected = e.getAsJsonArray().get(1).getAsDouble();
            assertThat((double) result.firstLogits()[id]).as("%s logit of token %d", m.kind(), id)
                    .isCloseTo(expected, within(RELATIVE * Math.abs(expected)));
        }
        assertThat(result.generated()[0]).as("greedy next token").isEqualTo(run.get("next_id").getAsInt());
    }
}
