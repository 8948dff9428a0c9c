package attendfirst.claim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import attendfirst.sweep.SweepResult;
import attendfirst.sweep.SwitchResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The data contract between the sweep engine and the claims: shapes are checked where results are made. */
class SweepContractTest {

    @Test
    void sweepWithTooFewSeedRowsNamesTheSweepAndTheShape() {
        assertThatThrownBy(() -> new SweepResult("m", 2, "capitals", "em", "random", new int[] {0, 1},
                new long[] {1, 2}, new double[][][] {{{1}}, {{1}, {0}}}, new double[] {1}, 0, "x"))
                .hasMessageContaining("SweepResult(m, capitals, random)")
                .hasMessageContaining("scores[0] has 1 seed rows, expected 2");
    }

    @Test
    void sweepScoresOutsideTheUnitIntervalAndUnsortedLayersAreRejected() {
        assertThatThrownBy(() -> new SweepResult("m", 2, "t", "em", "random", new int[] {0}, new long[] {0},
                new double[][][] {{{1.5}}}, new double[] {1}, 0, "x")).hasMessageContaining("scores[0][0][0] = 1.5");
        assertThatThrownBy(() -> new SweepResult("m", 2, "t", "em", "random", new int[] {1, 0}, new long[] {0},
                new double[][][] {{{1}}, {{1}}}, new double[] {1}, 0, "x")).hasMessageContaining("strictly increasing");
    }

    @Test
    void switchOutcomeCodesAreChecked() {
        assertThatThrownBy(() -> new SwitchResult("m", 2, new int[] {0}, List.of("a->b"), new int[][] {{3}}))
                .hasMessageContaining("outcome[0][0] = 3");
        SwitchResult ok = new SwitchResult("m", 2, new int[] {0}, List.of("a->b", "c->d"), new int[][] {{0, 1}});
        assertThat(ok.share(0, SwitchResult.IGNORED)).isEqualTo(0.5);
    }

    @Test
    void cacheComputesEachSweepOnceAndRejectsSweepsWithDifferentBaselines() {
        double[] base = Synthetic.ones(10, 5);
        var inner = new Synthetic.MapProvider()
                .with(Synthetic.sweep("random", 4, base, 0, k -> base))
                .with(Synthetic.sweep("freeze", 4, Synthetic.ones(10, 6), 0, k -> base));
        CachingSweepProvider cache = new CachingSweepProvider(inner);
        cache.sweep("m", "t", "random");
        cache.sweep("m", "t", "random");
        assertThat(inner.calls).isEqualTo(1);
        assertThatThrownBy(() -> cache.sweep("m", "t", "freeze")).hasMessageContaining("disagree on the baseline")
                .hasMessageContaining("random").hasMessageContaining("freeze");
    }

    @Test
    void matrixNamesCasesByClaimModelAndTask() {
        ClaimCatalogue catalogue = ClaimCatalogue.loadDefault();
        List<ClaimCase> cases = ClaimMatrix.cases(catalogue, List.of("smollm2-135m-instruct", "gemma3-270m"),
                java.util.Set.of("capitals"), null);
        assertThat(cases).extracting(ClaimCase::name).contains("C1 random top 30% | smollm2-135m-instruct | capitals",
                "C5 switch obeyed early, ignored in top third | gemma3-270m | capitals");
        assertThat(cases).hasSize(2 * catalogue.claims().size());
        assertThat(ClaimMatrix.fixtureModels(ClaimCatalogue.RepoRoot.find().resolve("fixtures/models")))
                .contains("smollm2-135m-instruct", "gemma3-270m");
    }
}
