package attendfirst.claim;

import static attendfirst.claim.Synthetic.DELTA;
import static attendfirst.claim.Synthetic.EPS;
import static attendfirst.claim.Synthetic.ones;
import static attendfirst.claim.Synthetic.range;
import static attendfirst.claim.Synthetic.sweep;
import static org.assertj.core.api.Assertions.assertThat;

import attendfirst.claim.Verdict.Outcome;
import attendfirst.sweep.SwitchResult;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Planted curves (synthetic) that must HOLD, be REFUTED or stay INCONCLUSIVE, with their messages. */
class VerdictTest {

    private static final int L = 30;
    private static final double[] BASELINE = ones(100, 80);
    private final ClaimJudge judge = Synthetic.judge();
    private final Comparison nearBaselineTop = new Comparison.NearBaselineAll(range("top 40%", 0.6, 1), EPS);

    private Verdict judge(Claim claim, Synthetic.MapProvider provider) {
        return judge.judge(claim, "m", "t", provider);
    }

    @Test
    void curveAtBaselineInTopLayersHolds() {
        // GIVEN random(k) scores exactly the baseline from k=18 on and 0 below
        var provider = new Synthetic.MapProvider().with(sweep("random", L, BASELINE, 0, k -> k >= 18 ? BASELINE : ones(100, 0)));
        // WHEN "score(k) >= baseline - eps for every k in the top 40%" is judged
        Verdict v = judge(Synthetic.claim("C1", "random", nearBaselineTop), provider);
        // THEN it holds, judged on k 18..29 exactly
        assertThat(v.outcome()).isEqualTo(Outcome.HOLDS);
        assertThat(v.checks()).extracting(PointCheck::k).containsExactlyElementsOf(IntStream.range(18, 30).boxed().toList());
        assertThat(v.message()).startsWith("Claim C1 HOLDS on m | t").contains("k 18..29 of L=30");
    }

    @Test
    void curveThatDropsInTopLayersIsRefutedWithNumbersBoundAndProvenance() {
        // GIVEN random(k) at 0.3 for k = 20, baseline 0.8 elsewhere
        var provider = new Synthetic.MapProvider().with(sweep("random", L, BASELINE, 0, k -> k == 20 ? ones(100, 30) : BASELINE));
        // WHEN judged
        Verdict v = judge(Synthetic.claim("C1", "random", nearBaselineTop), provider);
        // THEN refuted at k=20 with measured difference -0.5, the bound -0.1 and where it comes from
        assertThat(v.outcome()).isEqualTo(Outcome.REFUTED);
        assertThat(v.decisive().k()).isEqualTo(20);
        assertThat(v.decisive().estimate().point()).isCloseTo(-0.5, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(v.message()).startsWith("Claim C1 REFUTED").contains("k=20").contains("-0.500")
                .contains("-0.100").contains("ours: test eps");
    }

    @Test
    void dropExactlyAtTheBoundIsInconclusive() {
        // GIVEN a drop of exactly eps (0.70 vs 0.80): the interval must straddle the bound
        var provider = new Synthetic.MapProvider().with(sweep("random", L, BASELINE, 0, k -> k == 25 ? ones(100, 70) : BASELINE));
        Verdict v = judge(Synthetic.claim("C1", "random", nearBaselineTop), provider);
        assertThat(v.outcome()).isEqualTo(Outcome.INCONCLUSIVE);
        assertThat(v.decisive().k()).isEqualTo(25);
        assertThat(v.decisive().estimate().lower()).isLessThan(-0.1);
        assertThat(v.decisive().estimate().upper()).isGreaterThan(-0.1);
        assertThat(v.message()).startsWith("Claim C1 INCONCLUSIVE").contains("straddles");
    }

    @Test
    void baselineTooCloseToChanceIsNotTestable() {
        // GIVEN a baseline of 0.04 on a task with chance 0.02 (CI lower bound far below chance + margin)
        double[] weak = ones(100, 4);
        var provider = new Synthetic.MapProvider().with(sweep("random", L, weak, 0.02, k -> weak));
        Verdict v = judge(Synthetic.claim("C1", "random", nearBaselineTop), provider);
        assertThat(v.outcome()).isEqualTo(Outcome.INCONCLUSIVE);
        assertThat(v.explanation()).startsWith("not testable");
        assertThat(v.decisive().quantity()).isEqualTo("baseline");
        assertThat(v.decisive().bound()).isCloseTo(0.07, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(v.checks()).isEmpty();
    }

    @Test
    void nearChanceSomeHoldsWhenOneEarlyLayerIsAtChanceAndIsRefutedWhenNoneIs() {
        Claim c2 = Synthetic.claim("C2", "random", new Comparison.NearChanceSome(range("bottom 25%", 0, 0.25), DELTA));
        var atChance = new Synthetic.MapProvider().with(sweep("random", L, BASELINE, 0, k -> k == 3 ? ones(100, 0) : ones(100, 50)));
        var never = new Synthetic.MapProvider().with(sweep("random", L, BASELINE, 0, k -> ones(100, 50)));
        Verdict holds = judge(c2, atChance);
        Verdict refuted = judge(c2, never);
        assertThat(holds.outcome()).isEqualTo(Outcome.HOLDS);
        assertThat(holds.decisive().k()).isEqualTo(3);
        assertThat(refuted.outcome()).isEqualTo(Outcome.REFUTED);
        assertThat(refuted.checks()).extracting(PointCheck::k).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
    }

    @Test
    void largeDropSomeMeasuresTheShareOfHeadroomLost() {
        // GIVEN baseline 0.8, chance 0.2; skip-attention at k=2 scores 0.2 (all headroom lost)
        Claim c6b = Synthetic.claim("C6b", "skip-attention",
                new Comparison.LargeDropSome(range("bottom 25%", 0, 0.25), new Threshold(0.5, "ours", "severe")));
        var provider = new Synthetic.MapProvider().with(sweep("skip-attention", L, BASELINE, 0.2, k -> k == 2 ? ones(100, 20) : BASELINE));
        Verdict v = judge(c6b, provider);
        assertThat(v.outcome()).isEqualTo(Outcome.HOLDS);
        assertThat(v.decisive().estimate().point()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void dominatesComparesFreezeWithRandomExampleByExample() {
        Claim c4 = Synthetic.claim("C4", "freeze", new Comparison.Dominates("random", range("all", 0, 1),
                new Threshold(0.05, "ours", "test")));
        var gentler = new Synthetic.MapProvider()
                .with(sweep("freeze", L, BASELINE, 0, k -> k >= 10 ? BASELINE : ones(100, 40)))
                .with(sweep("random", L, BASELINE, 0, k -> k >= 15 ? BASELINE : ones(100, 0)));
        var harsher = new Synthetic.MapProvider()
                .with(sweep("freeze", L, BASELINE, 0, k -> ones(100, 0)))
                .with(sweep("random", L, BASELINE, 0, k -> BASELINE));
        Verdict holds = judge(c4, gentler);
        Verdict refuted = judge(c4, harsher);
        assertThat(holds.outcome()).isEqualTo(Outcome.HOLDS);
        // k = 0 is not swept by freeze, so it is not judged
        assertThat(holds.checks()).extracting(PointCheck::k).doesNotContain(0).contains(1, 29);
        assertThat(refuted.outcome()).isEqualTo(Outcome.REFUTED);
        assertThat(refuted.message()).contains("score_random(k)");
    }

    @Test
    void twoRegimesHoldForAStepAndAreRefutedForACurveWithoutALowRegime() {
        Claim c3 = Synthetic.claim("C3", "random", new Comparison.TwoRegimes(range("window", 0.1, 0.9),
                new Threshold(0.3, "ours", "width"), DELTA, EPS));
        var step = new Synthetic.MapProvider().with(sweep("random", L, BASELINE, 0, k -> k < 12 ? ones(100, 0)
                : k < 16 ? ones(100, 40) : BASELINE));
        var flat = new Synthetic.MapProvider().with(sweep("random", L, BASELINE, 0, k -> BASELINE));
        Verdict holds = judge(c3, step);
        Verdict refuted = judge(c3, flat);
        assertThat(holds.outcome()).isEqualTo(Outcome.HOLDS);
        assertThat(holds.explanation()).contains("for k < 12").contains("for k >= 16");
        assertThat(refuted.outcome()).isEqualTo(Outcome.REFUTED);
        assertThat(refuted.decisive().quantity()).isEqualTo("score(k)");
    }

    @Test
    void switchFlipHoldsWhenEarlyLayersConformAndTopThirdIgnores() {
        Claim c5 = Synthetic.claim("C5", "switch", new Comparison.SwitchFlip(range("window", 0.375, 2.0 / 3),
                new Threshold(0.5, "ours", "majority"), new Threshold(0.5, "ours", "majority")));
        int[] layers = IntStream.range(0, 32).toArray();
        List<String> pairs = IntStream.range(0, 40).mapToObj(i -> "p" + i).toList();
        int[][] flips = new int[32][40];
        int[][] neverIgnored = new int[32][40];
        for (int k = 0; k < 32; k++) {
            java.util.Arrays.fill(flips[k], k < 18 ? SwitchResult.CONFORMED : SwitchResult.IGNORED);
            java.util.Arrays.fill(neverIgnored[k], SwitchResult.CONFORMED);
        }
        var provider = new Synthetic.MapProvider();
        provider.switchResult = new SwitchResult("m", 32, layers, pairs, flips);
        Verdict holds = judge(c5, provider);
        provider.switchResult = new SwitchResult("m", 32, layers, pairs, neverIgnored);
        Verdict refuted = judge(c5, provider);
        assertThat(holds.outcome()).isEqualTo(Outcome.HOLDS);
        // below ceil(0.375*32) = 12 and from ceil(2/3*32) = 22 on
        assertThat(holds.checks()).extracting(PointCheck::k).contains(11, 22).doesNotContain(12, 21);
        assertThat(refuted.outcome()).isEqualTo(Outcome.REFUTED);
        assertThat(refuted.decisive().quantity()).isEqualTo("ignore share");
    }
}
