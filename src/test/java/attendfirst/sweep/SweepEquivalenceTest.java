package attendfirst.sweep;

import ai.djl.ndarray.NDArray;
import attendfirst.intervention.Manipulation;
import attendfirst.model.Forward;
import attendfirst.model.LoadedModel;
import attendfirst.testing.RealModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

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
     * Bound on max |fast - naive| over the whole float32 logit vector. The issue asked for 1e-4; it is not
     * reachable in float32: batched products sum in another order than batch-1 products, and over 29
     * layers of a manipulated (chaotic) state that reaches 3.3e-4 on logits of size ~21 (freeze k=1; the
     * other cases stay below 1e-4). {@link SweepEquivalenceFloat64Test} shows the gap is rounding, not
     * algorithm: in float64 the same comparison agrees within 1e-5.
     */
    static final double MAX_ABS_LOGIT_DIFF = 5e-4;
    static final int NEW_TOKENS = 4;

    private SweepEngine engine;
    private NaiveRunner naive;
    private int[] tokens;
    private Forward.Trace clean;
    private float[] italy;
    private int francePosition;

    @BeforeAll
    void prepare(LoadedModel model) {
        prepareWith(model);
    }

    void prepareWith(LoadedModel model) {
        engine = new SweepEngine(model.model());
        naive = new NaiveRunner(model.model());
        tokens = model.tokenizer().encode(ManipulationInvariantsTest.PROMPT).ids();
        clean = engine.prepare(tokens);
        francePosition = tokens.length - 5; // " France" in the capitals prompt (checked by the switch tests)
        try (Forward.Trace other = new Forward(model.model()).forward(model.tokenizer().encode("The country Italy").ids(), true, 8)) {
            NDArray h = other.layerInputs()[12];
            italy = h.get(":, -1, :").toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
        }
    }

    @AfterAll
    void close() {
        if (clean != null) {
            clean.close();
        }
    }

    Stream<Arguments> batches() {
        float[] v = new float[576];
        v[7] = 3f;
        return Stream.of(
                argumentSet("random k=0,7,15,29 (one batch)", List.of(Manipulation.random(0, 1), Manipulation.random(7, 1),
                        Manipulation.random(15, 2), Manipulation.random(29, 1))),
                argumentSet("shuffle k=3,20", List.of(Manipulation.shuffle(3, 2), Manipulation.shuffle(20, 5))),
                argumentSet("freeze k=1,10,29,30", List.of(Manipulation.freeze(1), Manipulation.freeze(10),
                        Manipulation.freeze(29), Manipulation.freeze(30))),
                argumentSet("inject k=0,12,25", List.of(Manipulation.inject(0, 21, v), Manipulation.inject(12, 21, v),
                        Manipulation.inject(25, 21, v))),
                argumentSet("skip-attention k=0,15,30", List.of(Manipulation.skipAttention(0),
                        Manipulation.skipAttention(15), Manipulation.skipAttention(30))),
                argumentSet("random on the prompt only, k=5", List.of(new Manipulation.RandomNoise(5, 3,
                        attendfirst.intervention.Positions.prompt(26)))));
    }

    double bound() { return MAX_ABS_LOGIT_DIFF; }

    @ParameterizedTest
    @MethodSource("batches")
    void fastSweepEqualsFullRecomputationAtEveryStep(List<Manipulation> batch) {
        // WHEN
        List<RunResult> fast = engine.run(tokens, clean, batch, Generation.tokens(NEW_TOKENS));
        // THEN
        for (int i = 0; i < batch.size(); i++) {
            RunResult reference = naive.generate(tokens, batch.get(i), Generation.tokens(NEW_TOKENS));
            String what = batch.get(i).kind() + " k=" + batch.get(i).layer();
            assertThat(maxAbsDiff(fast.get(i).firstLogits(), reference.firstLogits()))
                    .as("%s: max |fast - naive| logit", what).isLessThanOrEqualTo(bound());
            assertThat(fast.get(i).generated()).as("%s: greedy tokens", what).containsExactly(reference.generated());
        }
    }

    static double maxAbsDiff(float[] a, float[] b) {
        assertThat(a).hasSameSizeAs(b);
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
