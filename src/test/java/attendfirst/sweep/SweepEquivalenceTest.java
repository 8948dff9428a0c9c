package attendfirst.sweep;

import static attendfirst.LogitsAssert.assertThatLogits;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import ai.djl.ndarray.NDArray;
import attendfirst.intervention.Manipulation;
import attendfirst.model.Forward;
import attendfirst.model.LoadedModel;
import attendfirst.testing.RealModel;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fast sweep engine (clean prefix reused, only changed work done, KV-cached generation with
 * demotion of the previous newest token, several k per batch) against the naive full recomputation
 * at every generation step, on the default model.
 */
@RealModel
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SweepEquivalenceTest {
    SweepEquivalenceTest() {
    }

    /**
     * Bound on max |fast - naive| over the whole float32 logit vector, relative to the largest |logit| of the
     * reference (float32 rounding is relative). The issue asked for 1e-4 absolute; it is not reachable in float32:
     * batched products sum in another order than batch-1 products, and over 29 layers of a manipulated (chaotic)
     * state the gap reaches 3.3e-4 (earlier machine) and 8.5e-4 (this AMD EPYC machine, where libtorch picks other
     * GEMM kernels; measured on main's engine at 61f1614 and on the row-batch engine alike) on logits of size ~21
     * (freeze k=1; the other cases stay below 1e-4), that is 4.1e-5 of the largest logit. The greedy tokens must
     * still be identical, and {@link SweepEquivalenceFloat64Test} shows the gap is rounding, not algorithm: in
     * float64 the same comparison agrees within 1e-5 absolute.
     */
    static final double MAX_REL_LOGIT_DIFF = 1e-4;
    /** Absolute bound of the mixed-prompt batch tests, whose cases (no freeze k=1 on a long run) stay below it. */
    static final double MAX_ABS_LOGIT_DIFF = 5e-4;
    static final int NEW_TOKENS = 4;

    private SweepEngine engine;
    private NaiveRunner naive;
    private int[] tokens;
    private Forward.Trace clean;
    private float[] italy;
    private int francePosition;
    private int nLayers;

    @BeforeAll
    void prepare(LoadedModel model) {
        prepareWith(model);
    }

    void prepareWith(LoadedModel model) {
        engine = new SweepEngine(model.model());
        naive = new NaiveRunner(model.model());
        nLayers = model.config().nLayers();
        var prompt = model.tokenizer().encode(ManipulationInvariantsTest.PROMPT);
        tokens = prompt.ids();
        clean = engine.prepare(tokens);
        // the switch: "Italy" from "The country Italy" at the last token of " France" (as SwitchExperiment does)
        String text = ManipulationInvariantsTest.PROMPT;
        int at = text.lastIndexOf("France");
        francePosition = SwitchExperiment.lastTokenOf(prompt, new attendfirst.task.TextSpan(text, at, at + "France".length()));
        var source = model.tokenizer().encode("The country Italy");
        int italyPosition = SwitchExperiment.lastTokenOf(source, new attendfirst.task.TextSpan("The country Italy", 12, 17));
        try (Forward.Trace other = new Forward(model.model()).forward(source.ids(), true, source.ids().length)) {
            NDArray h = other.layerInputs()[Math.round(0.4f * nLayers)];
            italy = h.get(":, {}, :", italyPosition).toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
        }
    }

    @AfterAll
    void close() {
        if (clean != null) {
            clean.close();
        }
    }

    /**
     * Batches as (kind, layers as fractions of the depth L): 1.0 means k = L (a manipulation that must
     * change nothing); so the same cases run on a 30-layer and an 18-layer model.
     */
    Stream<Arguments> batches() {
        return Stream.of(
                argumentSet("random k=0, L/4, L/2, L-1 (one batch)", new Batch("random", 0, 0.25, 0.5, -1)),
                argumentSet("shuffle k=L/10, 2L/3", new Batch("shuffle", 0.1, 0.67)),
                argumentSet("freeze k=1, L/3, L-1, L", new Batch("freeze", -2, 0.33, -1, 1.0)),
                argumentSet("inject k=0, 0.4 L, 0.83 L", new Batch("inject", 0, 0.4, 0.83)),
                argumentSet("skip-attention k=0, L/2, L", new Batch("skip-attention", 0, 0.5, 1.0)),
                argumentSet("random on the prompt only, k=L/6", new Batch("random-prompt", 0.17)));
    }

    /** fractions: k = round(f * L); -1 stands for L-1 and -2 for 1. */
    record Batch(String kind, double... fractions) {
        List<Manipulation> rows(int nLayers, int promptLength, int position, float[] vector) {
            List<Manipulation> rows = new java.util.ArrayList<>();
            long seed = 1;
            for (double f : fractions) {
                int k = f == -1 ? nLayers - 1 : f == -2 ? 1 : (int) Math.round(f * nLayers);
                if (kind.equals("random-prompt")) {
                    rows.add(new Manipulation.RandomNoise(k, 3, 0L, attendfirst.intervention.Positions.prompt(promptLength)));
                    continue;
                }
                Manipulation.Kind type = Manipulation.Kind.named(kind);
                rows.add(type == Manipulation.Kind.INJECT ? Manipulation.inject(k, position, vector)
                        : type.at(Math.max(k, type.minLayer()), seed++, 0));
            }
            return rows;
        }
    }

    /** The largest |fast - naive| accepted against this reference's logits. */
    double bound(float[] reference) {
        double max = 0;
        for (float v : reference) {
            max = Math.max(max, Math.abs(v));
        }
        return MAX_REL_LOGIT_DIFF * Math.max(1, max);
    }

    @ParameterizedTest
    @MethodSource("batches")
    void fastSweepEqualsFullRecomputationAtEveryStep(Batch spec) {
        // GIVEN the batch on this model's depth
        List<Manipulation> batch = spec.rows(nLayers, tokens.length, francePosition, italy);
        // WHEN
        List<RunResult> fast = engine.run(tokens, clean, batch, Generation.tokens(NEW_TOKENS));
        // THEN
        for (int i = 0; i < batch.size(); i++) {
            RunResult reference = naive.generate(tokens, batch.get(i), Generation.tokens(NEW_TOKENS));
            String what = batch.get(i).kind() + " k=" + batch.get(i).layer();
            assertThatLogits(fast.get(i).firstLogits()).as("%s: fast vs naive logits", what)
                    .isCloseTo(reference.firstLogits(), within(bound(reference.firstLogits())));
            assertThat(fast.get(i).generated()).as("%s: greedy tokens", what).containsExactly(reference.generated());
        }
    }

}
