package attendfirst.sweep;

import attendfirst.intervention.Manipulation;
import attendfirst.intervention.Noise;
import attendfirst.model.LoadedModel;
import attendfirst.testing.RealModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The invariants of the paper's manipulations, checked on the default model by recording the input
 * of every layer before and after the manipulation acted (the naive runner, full recomputation).
 */
@RealModel
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManipulationInvariantsTest {
    static final String PROMPT = "Q: What is the capital of Spain? \n A: Madrid \n Q: What is the capital of France? \n A:";

    private NaiveRunner runner;
    private int[] tokens;
    private int nLayers;
    private int last;
    private NaiveRunner.Pass clean;

    @BeforeAll
    void cleanRun(LoadedModel model) {
        runner = new NaiveRunner(model.model());
        tokens = model.tokenizer().encode(PROMPT).ids();
        nLayers = model.config().nLayers();
        last = tokens.length - 1;
        clean = runner.forward(tokens, Manipulation.none(), true);
    }

    @ParameterizedTest(name = "random at depth {0}")
    @ValueSource(doubles = {0, 0.3, 0.67})
    void randomKeepsEachReplacedVectorsNormAndLeavesTheLastTokenAndLowerLayersAlone(double depth) {
        int k = layer(depth);
        // WHEN
        NaiveRunner.Pass pass = runner.forward(tokens, Manipulation.random(k, 7), true);
        // THEN
        assertLowerLayersBitIdentical(pass, k);
        for (int pos = 0; pos < last; pos++) {
            float[] before = pass.before()[k][pos];
            float[] after = pass.after()[k][pos];
            assertThat(Noise.norm(after)).as("norm at position %d", pos).isCloseTo(Noise.norm(before), within(1e-4 * Noise.norm(before)));
            assertThat(after).as("position %d replaced", pos).isNotEqualTo(before);
        }
        assertLastPositionUntouched(pass);
    }

    @ParameterizedTest(name = "shuffle at depth {0}")
    @ValueSource(doubles = {0, 0.5})
    void shufflePermutesTheCoordinatesOfEveryPreviousToken(double depth) {
        int k = layer(depth);
        NaiveRunner.Pass pass = runner.forward(tokens, Manipulation.shuffle(k, 3), true);
        assertLowerLayersBitIdentical(pass, k);
        for (int pos = 0; pos < last; pos++) {
            float[] before = pass.before()[k][pos].clone();
            float[] after = pass.after()[k][pos].clone();
            assertThat(after).isNotEqualTo(before);
            Arrays.sort(before);
            Arrays.sort(after);
            assertThat(after).as("multiset of coordinates at position %d", pos).containsExactly(before);
        }
        assertLastPositionUntouched(pass);
    }

    @ParameterizedTest(name = "freeze at depth {0}")
    @ValueSource(doubles = {0.03, 0.4, 0.97})
    void freezeGivesPreviousTokensTheirLayerKMinus1InputAtEveryLayerFromK(double depth) {
        int k = Math.max(1, layer(depth));
        NaiveRunner.Pass pass = runner.forward(tokens, Manipulation.freeze(k), true);
        assertLowerLayersBitIdentical(pass, k);
        for (int l = k; l < nLayers; l++) {
            for (int pos = 0; pos < last; pos++) {
                assertThat(pass.after()[l][pos]).as("layer %d position %d", l, pos).containsExactly(clean.after()[k - 1][pos]);
            }
        }
        assertLastPositionUntouched(pass);
    }

    @ParameterizedTest(name = "inject at depth {0}")
    @ValueSource(doubles = {0, 0.33, 0.83})
    void injectChangesExactlyOnePositionAtExactlyLayerK(double depth) {
        int k = layer(depth);
        float[] v = new float[clean.after()[0][0].length];
        Arrays.fill(v, 0.25f);
        int p = 5;
        NaiveRunner.Pass pass = runner.forward(tokens, Manipulation.inject(k, p, v), true);
        assertLowerLayersBitIdentical(pass, k);
        for (int pos = 0; pos <= last; pos++) {
            if (pos == p) {
                assertThat(pass.after()[k][pos]).containsExactly(v);
            } else {
                assertThat(pass.after()[k][pos]).as("position %d", pos).containsExactly(pass.before()[k][pos]);
            }
        }
        for (int l = k + 1; l < nLayers; l++) {
            for (int pos = 0; pos <= last; pos++) {
                assertThat(pass.after()[l][pos]).as("no rewrite above k: layer %d position %d", l, pos)
                        .containsExactly(pass.before()[l][pos]);
            }
        }
    }

    @Test
    void manipulationsAtKEqualsLChangeNothing() {
        for (Manipulation m : new Manipulation[] {Manipulation.random(nLayers, 1), Manipulation.shuffle(nLayers, 1),
                Manipulation.freeze(nLayers), Manipulation.skipAttention(nLayers)}) {
            NaiveRunner.Pass pass = runner.forward(tokens, m, false);
            assertThat(pass.lastLogits()).as(m.kind()).containsExactly(clean.lastLogits());
        }
    }

    @Test
    void skipAttentionFromTheFirstLayerChangesThePrediction() {
        NaiveRunner.Pass pass = runner.forward(tokens, Manipulation.skipAttention(0), false);
        assertThat(pass.lastLogits()).isNotEqualTo(clean.lastLogits());
    }

    /** k = round(depth * L), at most L - 1: the same cases on models of any depth (30 layers: 0.3 -> 9). */
    private int layer(double depth) {
        return Math.min((int) Math.round(depth * nLayers), nLayers - 1);
    }

    private void assertLowerLayersBitIdentical(NaiveRunner.Pass pass, int k) {
        for (int l = 0; l < Math.min(k, nLayers); l++) {
            for (int pos = 0; pos <= last; pos++) {
                assertThat(pass.after()[l][pos]).as("layer %d below k=%d, position %d", l, k, pos)
                        .containsExactly(clean.after()[l][pos]);
            }
        }
    }

    private void assertLastPositionUntouched(NaiveRunner.Pass pass) {
        for (int l = 0; l < nLayers; l++) {
            assertThat(pass.after()[l][last]).as("last position at layer %d", l).containsExactly(pass.before()[l][last]);
        }
    }
}
