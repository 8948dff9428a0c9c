package attendfirst.claim;

import static attendfirst.claim.Synthetic.DELTA;
import static attendfirst.claim.Synthetic.EPS;
import static attendfirst.claim.Synthetic.ones;
import static attendfirst.claim.Synthetic.range;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static attendfirst.claim.Synthetic.sweep;
import static org.assertj.core.api.Assertions.assertThat;

import attendfirst.claim.Verdict.Outcome;
import attendfirst.sweep.SwitchResult;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Planted curves (synthetic) that must HOLD, be REFUTED or stay INCONCLUSIVE, with their messages. */
@io.qameta.allure.Epic("Infrastructure")
@io.qameta.allure.Feature("Claim statistics")
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
        // the 12 checks are one family: HOLDS reads each upper end at one-sided 0.025 (intersection-union), REFUTED
        // would read the lower ends at 0.05/24 (Bonferroni)
        assertThat(v.familySize()).isEqualTo(12);
        assertThat(v.alpha()).isCloseTo(0.05, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(v.message()).contains("wrong-verdict probability <= alpha 0.0500 over 12 check(s)")
                .contains("REFUTED: some check's far end at one-sided 0.0021 = alpha/(2*12) (Bonferroni)")
                .contains("Clopper-Pearson box (Bonferroni over the means), lower end 99.79%, upper end 97.5% one-sided");
        assertThat(v.examplesNeeded()).isEqualTo(-1);
    }

    @Test
    void curveThatDropsInTopLayersIsRefutedWithNumbersBoundAndProvenance() {
        // GIVEN random(k) at 0.3 for k = 20, baseline 0.8 elsewhere, chance 0
        var provider = new Synthetic.MapProvider().with(sweep("random", L, BASELINE, 0, k -> k == 20 ? ones(100, 30) : BASELINE));
        // WHEN judged
        Verdict v = judge(Synthetic.claim("C1", "random", nearBaselineTop), provider);
        // THEN refuted at k=20 with 0.5 / 0.8 = 0.625 of the headroom lost, the bound 0.25 and where it comes from
        assertThat(v.outcome()).isEqualTo(Outcome.REFUTED);
        assertThat(v.decisive().k()).isEqualTo(20);
        assertThat(v.decisive().estimate().point()).isCloseTo(0.625, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(v.message()).startsWith("Claim C1 REFUTED").contains("k=20").contains("0.625")
                .contains("required <= 0.250").contains("ours: test eps").contains("wrong-verdict probability <= alpha");
    }

    @Test
    void dropExactlyAtTheBoundIsInconclusive() {
        // GIVEN a drop of exactly eps of the headroom (0.60 vs 0.80 = 0.25 of 0.8): the interval must straddle the bound
        var provider = new Synthetic.MapProvider().with(sweep("random", L, BASELINE, 0, k -> k == 25 ? ones(100, 60) : BASELINE));
        Verdict v = judge(Synthetic.claim("C1", "random", nearBaselineTop), provider);
        assertThat(v.outcome()).isEqualTo(Outcome.INCONCLUSIVE);
        assertThat(v.decisive().k()).isEqualTo(25);
        assertThat(v.decisive().estimate().lower()).isLessThan(0.25);
        assertThat(v.decisive().estimate().upper()).isGreaterThan(0.25);
        assertThat(v.message()).startsWith("Claim C1 INCONCLUSIVE").contains("straddles");
        // a point estimate on the bound: no sample size decides it
        assertThat(v.examplesNeeded()).isEqualTo(Verdict.UNREACHABLE);
    }

    @Test
    void inconclusiveCellSaysHowManyExamplesWouldDecideIt() {
        // GIVEN a drop of 0.15 of the headroom at k = 25 on only 12 examples: below eps = 0.25, not clearly
        double[] base = ones(20, 20);
        var provider = new Synthetic.MapProvider().with(sweep("random", L, base, 0, k -> k == 25 ? ones(20, 17) : base));
        Verdict v = judge(Synthetic.claim("C1", "random", nearBaselineTop), provider);
        // THEN it is inconclusive and names a finite sample larger than the one it had
        assertThat(v.outcome()).isEqualTo(Outcome.INCONCLUSIVE);
        assertThat(v.examplesNeeded()).isGreaterThan(20).isLessThan(Verdict.UNREACHABLE);
        assertThat(v.message()).contains("examples needed: about " + v.examplesNeeded());
    }

    @Test
    void aTaskTheModelCannotDoIsNotTestableOnceAndIsNeverSwept() {
        // GIVEN a pool where the clean model solves 4 of 100 examples (chance 0.02)
        double[] weak = ones(100, 4);
        var provider = new Synthetic.MapProvider().with(sweep("random", L, weak, 0.02, k -> weak));
        SequentialRun.Rounds rounds = new SequentialRun.Rounds() {
            @Override
            public int maxExamples(String model, String task) {
                throw new AssertionError("an untestable task is never swept");
            }

            @Override
            public SweepProvider firstExamples(String model, String task, int n) {
                throw new AssertionError("an untestable task is never swept");
            }

            @Override
            public Testability.Pool pool(String model, String task, String manipulation) {
                return new Testability.Pool(4, 100, 0.02, "correct", true, L);
            }
        };
        // WHEN its claims are judged
        Claim c1 = Synthetic.claim("C1", "random", nearBaselineTop);
        Claim c2 = Synthetic.claim("C2", "random", new Comparison.NearChanceSome(range("bottom", 0, 0.25, 1), DELTA));
        var out = new SequentialRun(Synthetic.judge(), new attendfirst.claim.stats.SequentialDesign(0.05, 3))
                .run("m", "t", List.of(c1, c2), rounds);
        // THEN each says once, with the pool's numbers, that it is not testable, and nothing was swept
        for (SequentialRun.Decision d : out.values()) {
            assertThat(d.verdict().outcome()).isEqualTo(Outcome.INCONCLUSIVE);
            assertThat(d.verdict().explanation()).startsWith("not testable: solves 4 of 100 (correct;")
                    .contains("fewer than the 8 solved examples");
            assertThat(d.verdict().checks()).isEmpty();
            assertThat(d.look()).isZero();
            assertThat(d.describe()).contains("not swept");
        }
        assertThat(provider.calls).isZero();
        // AND the rule: enough solved examples AND a clean share clear of chance + margin
        assertThat(Testability.decide(new Testability.Pool(40, 50, 0.02, "correct", true, L),
                ClaimCatalogue.DEFAULT_MIN_SOLVED, Synthetic.MARGIN).testable()).isTrue();
        assertThat(Testability.decide(new Testability.Pool(9, 400, 0.02, "correct", true, L),
                ClaimCatalogue.DEFAULT_MIN_SOLVED, Synthetic.MARGIN).reason())
                .startsWith("not testable: solves 9 of 400").contains("not clear of chance + 0.05");
    }

    @Test
    void nearChanceSomeHoldsWhenOneEarlyLayerIsAtChanceAndIsRefutedWhenNoneIs() {
        // the band starts at k = 1: random(0) is at chance by construction
        Claim c2 = Synthetic.claim("C2", "random", new Comparison.NearChanceSome(range("bottom 25%", 0, 0.25, 1), DELTA));
        var atChance = new Synthetic.MapProvider().with(sweep("random", L, BASELINE, 0, k -> k == 3 ? ones(100, 0) : ones(100, 50)));
        var never = new Synthetic.MapProvider().with(sweep("random", L, BASELINE, 0, k -> ones(100, 50)));
        Verdict holds = judge(c2, atChance);
        Verdict refuted = judge(c2, never);
        assertThat(holds.outcome()).isEqualTo(Outcome.HOLDS);
        assertThat(holds.decisive().k()).isEqualTo(3);
        assertThat(refuted.outcome()).isEqualTo(Outcome.REFUTED);
        assertThat(refuted.checks()).extracting(PointCheck::k).containsExactly(1, 2, 3, 4, 5, 6, 7);
        assertThat(refuted.message()).contains("(from k=1: below it the claim is true by construction)");
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
        Claim c4 = Synthetic.claim("C4", "freeze", new Comparison.Dominates("random", range("all", 0, 1, 1),
                new Threshold(0.1, "ours", "test")));
        // a known-only sample (baseline 1 on every example), as every task is judged
        double[] known = ones(100, 100);
        var gentler = new Synthetic.MapProvider()
                .with(sweep("freeze", L, known, 0, k -> k >= 10 ? known : ones(100, 40)))
                .with(sweep("random", L, known, 0, k -> k >= 15 ? known : ones(100, 0)));
        var harsher = new Synthetic.MapProvider()
                .with(sweep("freeze", L, known, 0, k -> ones(100, 0)))
                .with(sweep("random", L, known, 0, k -> known));
        Verdict holds = judge(c4, gentler);
        Verdict refuted = judge(c4, harsher);
        assertThat(holds.outcome()).as(holds.message()).isEqualTo(Outcome.HOLDS);
        // judged at every k of the shared grid 1..29, not at one k both happen to sweep
        assertThat(holds.checks()).extracting(PointCheck::k).containsExactlyElementsOf(IntStream.range(1, 30).boxed().toList());
        assertThat(refuted.outcome()).isEqualTo(Outcome.REFUTED);
        assertThat(refuted.message()).contains("score_random(k)");
    }

    @Test
    void dominatesRefusesSweepsOnDifferentKGrids() {
        Claim c4 = Synthetic.claim("C4", "freeze", new Comparison.Dominates("random", range("all", 0, 1, 1),
                new Threshold(0.1, "ours", "test")));
        var strided = new Synthetic.MapProvider()
                .with(sweep("freeze", L, BASELINE, 0, k -> BASELINE))
                .with(new attendfirst.sweep.SweepResult("m", L, "t", "exact match", "random", new int[] {1, 4, 7, 29},
                        new long[] {0}, new double[][][] {{BASELINE}, {BASELINE}, {BASELINE}, {BASELINE}}, BASELINE, 0,
                        "test chance"));
        assertThatThrownBy(() -> judge(c4, strided)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("one shared k grid");
    }

    @Test
    void twoRegimesHoldForAStepAndAreRefutedForACurveWithoutALowRegime() {
        Claim c3 = Synthetic.claim("C3", "random", new Comparison.TwoRegimes(range("window", 0.1, 0.9),
                new Threshold(0.3, "ours", "width"), DELTA, EPS));
        // a known-only sample (baseline 1 on every example), as every task is judged
        double[] known = ones(100, 100);
        var step = new Synthetic.MapProvider().with(sweep("random", L, known, 0, k -> k < 12 ? ones(100, 0)
                : k < 16 ? ones(100, 50) : known));
        var flat = new Synthetic.MapProvider().with(sweep("random", L, known, 0, k -> known));
        Verdict holds = judge(c3, step);
        Verdict refuted = judge(c3, flat);
        assertThat(holds.outcome()).as(holds.message()).isEqualTo(Outcome.HOLDS);
        assertThat(holds.explanation()).contains("for k < 12").contains("for k >= 16");
        // one family over every swept k below L: 30 intervals
        assertThat(holds.familySize()).isEqualTo(30);
        // headroom lost is 0.5 on k 12..15, 0 from 16: it stays <= 0.5 from k=12, surely from k=16
        assertThat(holds.transition().point()).isEqualTo(12);
        assertThat(holds.transition().lower()).isEqualTo(12);
        assertThat(holds.transition().upper()).isEqualTo(16);
        assertThat(holds.transition().fraction(12)).isCloseTo(0.4, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(holds.message()).contains("transition: k=12 [12, 16] of L=30 = 0.40 [0.40, 0.53] of depth");
        assertThat(refuted.outcome()).isEqualTo(Outcome.REFUTED);
        assertThat(refuted.decisive().quantity()).isEqualTo("headroom lost");
        assertThat(refuted.transition().point()).isEqualTo(0);
    }

    @Test
    void summaryCarriesTheTransitionAsLayerAndFractionOfDepth(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        Claim c3 = Synthetic.claim("C3", "random", new Comparison.TwoRegimes(range("window", 0.1, 0.9),
                new Threshold(0.3, "ours", "width"), DELTA, EPS));
        var step = new Synthetic.MapProvider().with(sweep("random", L, BASELINE, 0, k -> k < 12 ? ones(100, 0)
                : k < 16 ? ones(100, 40) : BASELINE));
        java.nio.file.Path file = dir.resolve("claims-summary.json");
        attendfirst.report.ClaimsSummary.write(file, List.of(judge(c3, step)), null);
        var o = com.google.gson.JsonParser.parseString(readString(file)).getAsJsonObject()
                .getAsJsonArray("verdicts").get(0).getAsJsonObject();
        var t = o.getAsJsonObject("transition");
        assertThat(t.get("k").getAsInt()).isEqualTo(12);
        assertThat(t.get("kLower").getAsInt()).isEqualTo(12);
        assertThat(t.get("kUpper").getAsInt()).isEqualTo(16);
        assertThat(t.get("fraction").getAsDouble()).isCloseTo(0.4, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(o.get("familySize").getAsInt()).isEqualTo(30);
        assertThat(o.getAsJsonObject("decisive").getAsJsonObject("measured").get("method").getAsString())
                .contains("%");
    }

    private static String readString(java.nio.file.Path file) {
        try {
            return java.nio.file.Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void switchFlipHoldsWhenEarlyLayersConformAndTopThirdIgnores() {
        Claim c5 = Synthetic.claim("C5", "switch", new Comparison.SwitchFlip(range("window", 0.375, 2.0 / 3),
                new Threshold(0.5, "ours", "majority"), new Threshold(0.5, "ours", "majority")));
        int[] layers = IntStream.range(0, 32).toArray();
        // 20 source countries, two injected countries each
        List<String> pairs = IntStream.range(0, 40).mapToObj(i -> "S" + i / 2 + "->I" + i).toList();
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
        assertThat(holds.outcome()).as(holds.message()).isEqualTo(Outcome.HOLDS);
        // below ceil(0.375*32) = 12 and from ceil(2/3*32) = 22 on
        assertThat(holds.checks()).extracting(PointCheck::k).contains(11, 22).doesNotContain(12, 21);
        assertThat(holds.explanation()).contains("40 pairs from 20 source countries");
        // the flip: ignored from k = 18 on, with certainty at this size
        assertThat(holds.transition().point()).isEqualTo(18);
        assertThat(holds.transition().lower()).isEqualTo(18);
        assertThat(holds.transition().upper()).isEqualTo(18);
        assertThat(refuted.outcome()).isEqualTo(Outcome.REFUTED);
        assertThat(refuted.decisive().quantity()).isEqualTo("ignore share");
    }
}
