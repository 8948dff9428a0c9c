package attendfirst.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import attendfirst.LogitsAssert;
import attendfirst.fixture.ModelFixture;
import attendfirst.fixture.ModelFixtures;
import attendfirst.fixture.Project;
import attendfirst.intervention.Manipulation;
import attendfirst.precision.NonFiniteActivationException;
import attendfirst.precision.OverflowCheck;
import attendfirst.precision.OverflowGuard;
import attendfirst.sweep.Generation;
import attendfirst.sweep.RunResult;
import attendfirst.sweep.SweepEngine;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The GPU compute dtype, float16, run on this CPU against HF transformers in float16 from the same GGUF
 * (tools/golden_float16.py: eager attention, norms/softmax/rotary tables in float32 as transformers does).
 * SmolLM2 runs finite in float16 and is compared value by value; Gemma 3 270M overflows in float16 in
 * transformers itself, so there the check is that the Java forward overflows too and names the same first layer.
 */
@Epic("Attend First, Consolidate Later")
@Feature("Half precision")
class Float16ParityTest {
    /**
     * Max |logit difference| over transformers' top-20 at the last position. Measured on SmolLM2, Java float16
     * vs HF float16: 0.031 (capitals) and 0.016 (fox), i.e. 2 and 1 float16 steps (logits near 16-32 are spaced
     * 2^-6 = 0.0156 apart; the differences come from summation order in the products, e.g. Java's fused QKV
     * and gate/up matrices). The bound is 4 steps. For scale: the same Java float16 logits are 0.038 / 0.027
     * from HF float32, so this bound does not separate the dtypes; the argmax and greedy checks carry that.
     */
    static final double LOGIT_BOUND = 0.0625;
    /** Layer-input norm, last position: measured 1.2e-3 / 9.7e-4; float16 carries 4.9e-4 relative: 4 such steps. */
    static final double NORM_REL_BOUND = 2e-3;
    /** Below this top-1 margin two float16 implementations may legitimately pick the runner-up: the logit bound. */
    static final double TIE_MARGIN = LOGIT_BOUND;

    private static final Map<String, DecoderModel> MODELS = new HashMap<>();

    static DecoderModel half(String name) {
        return MODELS.computeIfAbsent(name, n -> {
            ModelFixture f = ModelFixtures.load().get(n);
            assumeTrue(Files.isRegularFile(Project.modelCache().resolve(f.source().file())),
                    () -> "weights of " + n + " are not in " + Project.modelCache()
                            + "; fetch them with: python3 scripts/fetch_models.py " + n);
            return new ModelLoader().load(f, Device.cpu(), DataType.FLOAT16).model();
        });
    }

    @AfterAll
    static void close() {
        MODELS.values().forEach(DecoderModel::close);
        MODELS.clear();
    }

    static Stream<Arguments> finitePrompts() {
        return prompts("smollm2-135m-instruct");
    }

    static Stream<Arguments> prompts(String fixture) {
        return GoldenModels.golden(fixture + "-float16").getAsJsonArray("prompts").asList().stream()
                .map(p -> p.getAsJsonObject().get("name").getAsString())
                .map(prompt -> Arguments.argumentSet(fixture + " / " + prompt, fixture, prompt));
    }

    @ParameterizedTest
    @MethodSource("finitePrompts")
    void float16LogitsMatchTransformersFloat16(String fixture, String prompt) {
        // GIVEN the model in float16 and transformers' float16 top-20 logits of the last position
        DecoderModel model = half(fixture);
        JsonObject p = prompt(fixture, prompt);
        // WHEN the prompt runs through the clean float16 forward pass
        float[] logits;
        double[] norms;
        try (Forward.Trace trace = new Forward(model).forward(ints(p.getAsJsonArray("token_ids")), true, 0)) {
            logits = trace.lastLogitsRow(0);
            norms = new double[model.config().nLayers()];
            for (int l = 0; l < norms.length; l++) {
                float[] last = trace.layerInputs()[l].get(":, -1").toType(DataType.FLOAT32, false).toFloatArray();
                double s = 0;
                for (float v : last) {
                    s += (double) v * v;
                }
                norms[l] = Math.sqrt(s);
            }
        }
        // THEN the logits agree within the float16 bound, the argmax is transformers', and layer norms agree
        double worst = LogitsAssert.maxAbsDiffAtIds(logits, p.getAsJsonArray("last_top20"));
        double gap32 = LogitsAssert.maxAbsDiffAtIds(logits, p.getAsJsonArray("float32_last_top20"));
        JsonArray refNorms = p.getAsJsonArray("last_layer_input_norms");
        double worstNorm = 0;
        for (int l = 0; l < norms.length; l++) {
            double ref = refNorms.get(l).getAsDouble();
            worstNorm = Math.max(worstNorm, Math.abs(norms[l] - ref) / ref);
        }
        System.out.printf("float16 %s / %s: top-20 max |diff| %.4g vs HF float16 (%.4g vs HF float32); "
                + "layer-input norm max rel diff %.3g%n", fixture, prompt, worst, gap32, worstNorm);
        assertThat(OverflowCheck.allFinite(logits)).as("finite logits").isTrue();
        assertThat(worst).as("%s / %s: max |logit diff| over HF float16 top-20 (bound %s: 4 float16 steps near 20)",
                fixture, prompt, LOGIT_BOUND).isLessThanOrEqualTo(LOGIT_BOUND);
        assertThat(Forward.argmax(logits)).as("argmax").isEqualTo(top1(p.getAsJsonArray("last_top20")));
        assertThat(worstNorm).as("%s / %s: layer-input norm rel diff (bound %s)", fixture, prompt, NORM_REL_BOUND)
                .isLessThanOrEqualTo(NORM_REL_BOUND);
    }

    @ParameterizedTest
    @MethodSource("finitePrompts")
    void float16GreedyStepsAgreeWithTransformersFloat16(String fixture, String prompt) {
        // GIVEN transformers' float16 greedy steps (ids and top-1 margins)
        DecoderModel model = half(fixture);
        JsonObject p = prompt(fixture, prompt);
        JsonArray steps = p.getAsJsonArray("greedy");
        int[] expected = new int[steps.size()];
        int comparable = steps.size();
        for (int i = 0; i < steps.size(); i++) {
            JsonObject s = steps.get(i).getAsJsonObject();
            expected[i] = s.get("id").getAsInt();
            if (comparable == steps.size() && s.get("margin").getAsDouble() < TIE_MARGIN) {
                comparable = i;
            }
        }
        // WHEN the Java model generates as many tokens greedily in float16 with its KV cache
        int[] actual = new Forward(model).greedy(ints(p.getAsJsonArray("token_ids")), expected.length, t -> false);
        // THEN top-1 agrees at every step before the first near-tie
        int agree = 0;
        for (int i = 0; i < expected.length; i++) {
            agree += actual[i] == expected[i] ? 1 : 0;
        }
        System.out.printf("float16 %s / %s: greedy top-1 agreement %d/%d (near-tie from step %d)%n",
                fixture, prompt, agree, expected.length, comparable);
        assertThat(java.util.Arrays.copyOf(actual, comparable)).as("%s / %s: greedy ids before the first near-tie",
                fixture, prompt).containsExactly(java.util.Arrays.copyOf(expected, comparable));
    }

    @ParameterizedTest
    @MethodSource("gemmaPrompts")
    void gemma3OverflowsInFloat16AtTheLayerTransformersDoes(String fixture, String prompt) {
        // GIVEN a prompt on which transformers' float16 Gemma 3 produces inf/nan, with its first bad layer
        DecoderModel model = half(fixture);
        JsonObject p = prompt(fixture, prompt);
        assertThat(p.get("finite").getAsBoolean()).as("golden: HF float16 is not finite on this prompt").isFalse();
        int hfLayer = p.getAsJsonObject("first_nonfinite_layer_output").get("layer").getAsInt();
        int[] ids = ints(p.getAsJsonArray("token_ids"));
        // WHEN the Java forward runs and its logits are checked
        float[] logits;
        try (Forward.Trace trace = new Forward(model).forward(ids, false, 0)) {
            logits = trace.lastLogitsRow(0);
        }
        NonFiniteActivationException e = null;
        try {
            OverflowCheck.requireFinite(fixture, model, ids, logits);
        } catch (NonFiniteActivationException caught) {
            e = caught;
        }
        // THEN the check fires, naming the model and the same first layer as transformers
        System.out.printf("float16 %s / %s: %s (HF: layer %d)%n", fixture, prompt, e == null ? "finite" : e.getMessage(),
                hfLayer);
        assertThat(e).as("overflow detected").isNotNull();
        assertThat(e.getMessage()).contains(fixture).contains("float16");
        assertThat(e.layer()).as("first non-finite layer output (HF: %d)", hfLayer).isEqualTo(hfLayer);
    }

    @ParameterizedTest
    @MethodSource("gemmaPrompts")
    void aFloat16SweepOfGemma3StopsNamingTheOverflowingLayer(String fixture, String prompt) {
        // GIVEN Gemma 3 in float16, the sweep engine a run uses, and a prompt transformers overflows on
        DecoderModel model = half(fixture);
        JsonObject p = prompt(fixture, prompt);
        int hfLayer = p.getAsJsonObject("first_nonfinite_layer_output").get("layer").getAsInt();
        int[] ids = ints(p.getAsJsonArray("token_ids"));
        SweepEngine engine = new SweepEngine(model, SweepEngine.Budget.fixed(SweepEngine.DEFAULT_BUDGET), fixture);
        // WHEN the engine prepares the prompt's clean pass, as every sweep does first
        // THEN it refuses to go on, naming the model, the dtype and transformers' first bad layer
        assertThatThrownBy(() -> engine.prepare(ids)).isInstanceOfSatisfying(NonFiniteActivationException.class,
                e -> {
                    assertThat(e.getMessage()).contains(fixture).contains("float16").contains("layer " + hfLayer);
                    assertThat(e.layer()).isEqualTo(hfLayer);
                });
        // AND a batch whose clean pass was made without the check (the prefill's own check) stops the same way
        try (Forward.Trace unchecked = new Forward(model).forward(ids, true, ids.length)) {
            assertThatThrownBy(() -> engine.run(ids, unchecked,
                    List.of(Manipulation.none(), Manipulation.random(model.config().nLayers() - 2, 1)),
                    Generation.tokens(2)))
                    .isInstanceOfSatisfying(NonFiniteActivationException.class,
                            e -> assertThat(e.layer()).isEqualTo(hfLayer));
        }
    }

    @ParameterizedTest
    @MethodSource("finitePrompts")
    void aFloat16SweepOfSmolLm2RunsWithTheCheckOnAndFindsNothing(String fixture, String prompt) {
        // GIVEN SmolLM2 in float16, which stays finite (transformers agrees), and the float32 dtype, which is not checked
        DecoderModel model = half(fixture);
        assertThat(OverflowGuard.of(fixture, model).enabled()).as("float16 runs are checked").isTrue();
        assertThat(OverflowGuard.needed(DataType.FLOAT32)).as("float32 runs are not").isFalse();
        int[] ids = ints(prompt(fixture, prompt).getAsJsonArray("token_ids"));
        SweepEngine engine = new SweepEngine(model, SweepEngine.Budget.fixed(SweepEngine.DEFAULT_BUDGET), fixture);
        // WHEN manipulated runs prefill and decode with the check on every step
        List<RunResult> results;
        try (Forward.Trace clean = engine.prepare(ids)) {
            results = engine.run(ids, clean, List.of(Manipulation.none(), Manipulation.random(1, 3),
                    Manipulation.freeze(2)), Generation.tokens(3));
        }
        // THEN every run generated its tokens: no false alarm
        assertThat(results).hasSize(3).allSatisfy(r -> assertThat(r.generated()).hasSize(3));
    }

    static Stream<Arguments> gemmaPrompts() {
        return prompts("gemma3-270m");
    }

    private static int top1(JsonArray top) {
        return top.get(0).getAsJsonArray().get(0).getAsInt();
    }

    private static JsonObject prompt(String fixture, String name) {
        return GoldenModels.golden(fixture + "-float16").getAsJsonArray("prompts").asList().stream()
                .map(JsonElement::getAsJsonObject).filter(p -> p.get("name").getAsString().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no prompt " + name + " in " + fixture + "-float16.json"));
    }

    private static int[] ints(JsonArray a) {
        return TinyModelParityTest.ints(a);
    }
}
