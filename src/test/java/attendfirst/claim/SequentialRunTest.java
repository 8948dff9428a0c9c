package attendfirst.claim;

import static attendfirst.claim.Synthetic.EPS;
import static attendfirst.claim.Synthetic.range;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import attendfirst.claim.Verdict.Outcome;
import attendfirst.claim.stats.SequentialDesign;
import attendfirst.sweep.SweepResult;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Adaptive sampling's rounds on SYNTHETIC sweeps with a known truth (never a claim about a model). */
@Epic("Claim harness")
@Feature("Adaptive sampling")
class SequentialRunTest {

    private static final int L = 30;
    private static final int N = 90;
    /** Every example solved by the clean model (a known-only sample: the production path). */
    private static final double[] BASELINE = IntStream.range(0, N).mapToDouble(i -> 1).toArray();
    /** The baseline with 15% of the examples lost (0.15 of the headroom), spread evenly. */
    private static final double[] MARGINAL = IntStream.range(0, N)
            .mapToDouble(i -> i % 20 == 1 || i % 20 == 2 || i % 20 == 3 ? 0 : BASELINE[i]).toArray();

    private final Comparison nearBaselineTop = new Comparison.NearBaselineAll(range("top 40%", 0.6, 1), EPS);
    private final Claim clear = Synthetic.claim("C1", "random", nearBaselineTop);
    private final Claim marginal = Synthetic.claim("C1s", "shuffle", nearBaselineTop);

    /** Rounds cut from full synthetic sweeps, recording every (manipulation, n) a look asked for. */
    private static final class CountingRounds implements SequentialRun.Rounds {
        final Synthetic.MapProvider full = new Synthetic.MapProvider()
                .with(Synthetic.sweep("random", L, BASELINE, 0, k -> k >= 18 ? BASELINE : new double[N]))
                .with(Synthetic.sweep("shuffle", L, BASELINE, 0, k -> k >= 18 ? MARGINAL : new double[N]));
        final SequentialRun.Rounds slices = SequentialRun.slicing(full, "random");
        final List<String> asked = new ArrayList<>();

        @Override
        public int maxExamples(String model, String task) {
            return slices.maxExamples(model, task);
        }

        @Override
        public Testability.Pool pool(String model, String task, String manipulation) {
            return slices.pool(model, task, manipulation);
        }

        @Override
        public String examplesNote(String model, String task) {
            return "known-only (clean accuracy on the pool: 90/112)";
        }

        @Override
        public SweepProvider firstExamples(String model, String task, int n) {
            SweepProvider p = slices.firstExamples(model, task, n);
            return new SweepProvider() {
                @Override
                public SweepResult sweep(String m, String t, String manipulation) {
                    asked.add(manipulation + "@" + n);
                    return p.sweep(m, t, manipulation);
                }

                @Override
                public attendfirst.sweep.SwitchResult switchSweep(String m) {
                    return p.switchSweep(m);
                }
            };
        }
    }

    @Test
    void clearCellStopsAtLookOneAndMarginalCellRunsToTheMaximumAndSaysWhatItNeeds() {
        // GIVEN a cell that holds clearly (random(k) equals the baseline in the band) and a marginal one
        // (shuffle(k) loses 0.19 of the headroom against a bound of 0.25), N = 90 examples in 3 looks
        CountingRounds rounds = new CountingRounds();
        SequentialRun run = new SequentialRun(Synthetic.judge(), new SequentialDesign(0.05, 3));
        // WHEN both are judged in rounds
        Map<Claim, SequentialRun.Decision> out = run.run("m", "t", List.of(clear, marginal), rounds);
        // THEN the clear cell HOLDS at look 1 on 30 examples at alpha 0.05 / 3
        SequentialRun.Decision c = out.get(clear);
        assertThat(c.verdict().outcome()).isEqualTo(Outcome.HOLDS);
        assertThat(c.look()).isEqualTo(1);
        assertThat(c.examples()).isEqualTo(30);
        assertThat(c.alpha()).isCloseTo(0.05 / 3, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(c.verdict().alpha()).isCloseTo(0.05 / 3, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(c.verdict().message()).contains("decided at look 1 of 3 on n = 30 examples, alpha 0.0167");
        // AND the message and the summary's fields say which examples, the look, n and alpha
        assertThat(c.verdict().message()).contains("examples: known-only (clean accuracy on the pool: 90/112)");
        assertThat(c.fields()).containsEntry("look", 1).containsEntry("maxLooks", 3).containsEntry("n", 30)
                .containsEntry("decided", true)
                .hasEntrySatisfying("examples", e -> assertThat((String) e).startsWith(
                        "known-only (clean accuracy on the pool: 90/112); solves 90 of 90 (clean score 1)"));
        // AND the marginal one is INCONCLUSIVE after look 1: it needs more examples than the plan's 90, so the
        // scheduler stops the (model, task) there and says the n it would need
        SequentialRun.Decision m = out.get(marginal);
        assertThat(m.verdict().outcome()).isEqualTo(Outcome.INCONCLUSIVE);
        assertThat(m.decided()).isFalse();
        assertThat(m.look()).isEqualTo(1);
        assertThat(m.verdict().examplesNeeded()).isGreaterThan(N).isLessThan(Verdict.UNREACHABLE);
        assertThat(m.verdict().message()).contains("undecided at look 1 of 3 on n = 30 examples")
                .contains("stopped after n = 30: the open cells need about " + m.verdict().examplesNeeded()
                        + " examples, more than the plan's 90");
        // AND nothing was swept beyond look 1
        assertThat(rounds.asked).containsOnly("random@30", "shuffle@30");
    }

    @Test
    void theBudgetStopsALookItCannotPayForAndTheVerdictSaysWhatItWouldNeed() {
        // GIVEN a cell losing 10% of the headroom (bound 0.25): undecided on 30 examples, decidable on 60
        double[] tenPercent = IntStream.range(0, N).mapToDouble(i -> i % 10 == 1 ? 0 : 1).toArray();
        Claim near = Synthetic.claim("C4b", "freeze", nearBaselineTop);
        SequentialRun.Rounds rounds = SequentialRun.slicing(new Synthetic.MapProvider()
                .with(Synthetic.sweep("freeze", L, BASELINE, 0, k -> k >= 18 ? tenPercent : new double[N])), "freeze");
        // WHEN judged without a budget, and with no second left
        SequentialRun.Decision free = new SequentialRun(Synthetic.judge(), new SequentialDesign(0.05, 3))
                .run("m", "t", List.of(near), rounds).get(near);
        SequentialRun.Decision broke = new SequentialRun(Synthetic.judge(), new SequentialDesign(0.05, 3),
                (model, task) -> 0).run("m", "t", List.of(near), rounds).get(near);
        // THEN the free run decides at a later look; the broke one stops after look 1 and says why and what it needs
        assertThat(free.decided()).as(free.verdict().message()).isTrue();
        assertThat(free.look()).isGreaterThan(1);
        assertThat(broke.decided()).isFalse();
        assertThat(broke.look()).isEqualTo(1);
        assertThat(broke.verdict().message()).contains("stopped after n = 30 by the budget")
                .contains("need about " + broke.verdict().examplesNeeded() + " examples");
    }

    @Test
    void sweepingStopsWhenEveryCellIsDecided() {
        // GIVEN only the clear cell
        CountingRounds rounds = new CountingRounds();
        SequentialRun run = new SequentialRun(Synthetic.judge(), new SequentialDesign(0.05, 3));
        // WHEN judged in rounds
        run.run("m", "t", List.of(clear), rounds);
        // THEN no round beyond the first is swept
        assertThat(rounds.asked).allMatch(a -> a.endsWith("@30"));
    }

    @Test
    void oneLookJudgesAtTheFullAlphaOnEveryExample() {
        // GIVEN the design of the reduced run: one look
        SequentialRun run = new SequentialRun(Synthetic.judge(), new SequentialDesign(0.05, 1));
        // WHEN the marginal cell is judged
        SequentialRun.Decision m = run.run("m", "t", List.of(marginal), new CountingRounds()).get(marginal);
        // THEN it is one look on all examples at alpha 0.05
        assertThat(m.look()).isEqualTo(1);
        assertThat(m.examples()).isEqualTo(N);
        assertThat(m.alpha()).isEqualTo(0.05);
    }

    @Test
    void theSwitchClaimIsRefusedBecauseItIsJudgedOnceAtItsFixedSize() {
        Claim sw = new Claim("C5", "switch", "switch", "words", "switch", List.of("capitals"),
                new Comparison.SwitchFlip(range("below 3/8", 0, 0.375), new Threshold(0.5, "ours", "test"),
                new Threshold(0.5, "ours", "test")));
        SequentialRun run = new SequentialRun(Synthetic.judge(), new SequentialDesign(0.05, 3));
        assertThatThrownBy(() -> run.run("m", "capitals", List.of(sw), new CountingRounds()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("C5 is the switch claim");
    }
}
