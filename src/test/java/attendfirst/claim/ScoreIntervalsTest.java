package attendfirst.claim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import attendfirst.sweep.SweepResult;
import attendfirst.sweep.SwitchResult;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@Epic("Infrastructure")
@Feature("Claim statistics")
class ScoreIntervalsTest {

    private static final double ALPHA = 0.05;
    private final ScoreIntervals intervals = new ScoreIntervals(ALPHA);

    @Test
    void noneOfThirtyGivesTheExactUpperBoundNotZeroWidth() {
        // GIVEN 30 binary examples, none right  WHEN the mean is estimated
        double[] none = Synthetic.ones(30, 0);
        SweepResult r = Synthetic.sweep("random", 4, Synthetic.ones(30, 30), 0, k -> none);
        Estimate e = intervals.meanScore(r, 0, ALPHA);
        // THEN Clopper-Pearson: [0, 1 - 0.025^(1/30)] = [0, 0.116]
        assertThat(e.point()).isZero();
        assertThat(e.lower()).isZero();
        assertThat(e.upper()).isCloseTo(1 - Math.pow(0.025, 1 / 30.0), within(1e-9)).isCloseTo(0.116, within(5e-4));
        assertThat(e.method()).startsWith("Clopper-Pearson exact, 95%");
        // and all thirty right mirrors it
        Estimate all = intervals.baseline(r, ALPHA);
        assertThat(all.lower()).isCloseTo(Math.pow(0.025, 1 / 30.0), within(1e-9));
        assertThat(all.upper()).isEqualTo(1);
    }

    @Test
    void intervalOfAHalfOnesMeanMatchesTheNormalApproximation() {
        // GIVEN 400 examples, half scoring 1: the normal approximation gives 0.5 +- 1.96 * sqrt(0.25/400) = +-0.049
        double[] half = Synthetic.ones(400, 200);
        SweepResult r = Synthetic.sweep("random", 4, half, 0, k -> half);
        Estimate e = intervals.baseline(r, ALPHA);
        assertThat(e.point()).isEqualTo(0.5);
        assertThat(e.lower()).isCloseTo(0.5 - 0.049, within(0.005));
        assertThat(e.upper()).isCloseTo(0.5 + 0.049, within(0.005));
    }

    @Test
    void seedsAreAveragedWithinAnExampleAndDoNotCountAsUnits() {
        // GIVEN the same per-example scores once with one seed and once repeated over three seeds
        double[] base = Synthetic.ones(40, 20);
        SweepResult one = withSeeds(base, new double[][] {base});
        SweepResult three = withSeeds(base, new double[][] {base, base, base});
        // THEN three seeds do not narrow the interval: the 40 examples are the independent units
        assertThat(intervals.meanScore(three, 0, ALPHA)).isEqualTo(intervals.meanScore(one, 0, ALPHA));
    }

    @Test
    void disagreeingSeedsGiveFractionalExampleMeans() {
        // GIVEN two seeds that disagree on every example (one right, one wrong)
        double[] base = Synthetic.ones(40, 40);
        SweepResult r = withSeeds(base, new double[][] {Synthetic.ones(40, 40), Synthetic.ones(40, 0)});
        Estimate e = intervals.meanScore(r, 0, ALPHA);
        // THEN every example has mean 0.5 and the share is 0.5 with an interval no narrower than 20 of 40
        assertThat(e.point()).isEqualTo(0.5);
        Estimate twentyOfForty = intervals.meanScore(withSeeds(base, new double[][] {Synthetic.ones(40, 20)}), 0, ALPHA);
        assertThat(e.lower()).isLessThanOrEqualTo(twentyOfForty.lower() + 1e-12);
        assertThat(e.upper()).isGreaterThanOrEqualTo(twentyOfForty.upper() - 1e-12);
    }

    @Test
    void continuousScoresGetAStudentTInterval() {
        // GIVEN four ROUGE-like scores 0.2, 0.4, 0.6, 0.8: mean 0.5, sd 0.2582, t(3) = 3.182
        double[] scores = {0.2, 0.4, 0.6, 0.8};
        SweepResult r = Synthetic.sweep("random", 4, scores, 0, k -> scores);
        Estimate e = intervals.baseline(r, ALPHA);
        double half = 3.182446 * Math.sqrt(1 / 15.0) / 2;
        assertThat(e.lower()).isCloseTo(0.5 - half, within(1e-5));
        assertThat(e.upper()).isCloseTo(0.5 + half, within(1e-5));
        assertThat(e.method()).startsWith("Student t");
    }

    @Test
    void continuousScoresWithoutSpreadStillGetAWidthAnInterval() {
        // GIVEN four continuous scores that happen to be equal (no spread: a t interval would have zero width)
        double[] same = {0.4, 0.4, 0.4, 0.4};
        SweepResult r = Synthetic.sweep("random", 4, same, 0, k -> same);
        Estimate e = intervals.baseline(r, ALPHA);
        assertThat(e.point()).isCloseTo(0.4, within(1e-12));
        assertThat(e.upper() - e.lower()).isGreaterThan(0.3);
        assertThat(e.method()).startsWith("Agresti-Min adjusted t");
    }

    @Test
    void noDropAtAllStillLeavesAnIntervalAroundZeroHeadroomLost() {
        // GIVEN 30 of 30 right at baseline and at k (no drop)
        double[] all = Synthetic.ones(30, 30);
        SweepResult r = Synthetic.sweep("random", 4, all, 0, k -> all);
        Estimate lost = intervals.headroomLost(r, 0, ALPHA);
        // THEN the share lost is 0 with an interval that admits a small drop (30 examples cannot exclude one)
        assertThat(lost.point()).isZero();
        assertThat(lost.lower()).isLessThanOrEqualTo(0);
        assertThat(lost.upper()).isBetween(0.05, 0.25);
    }

    @Test
    void fullDropToChanceIsAHeadroomLossNearOne() {
        double[] all = Synthetic.ones(30, 30);
        SweepResult r = Synthetic.sweep("random", 4, all, 0, k -> Synthetic.ones(30, 0));
        Estimate lost = intervals.headroomLost(r, 0, ALPHA);
        assertThat(lost.point()).isCloseTo(1, within(1e-12));
        assertThat(lost.lower()).isBetween(0.75, 1.0);
        assertThat(lost.upper()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void headroomLostIsMeasuredAgainstChanceNotZero() {
        // GIVEN baseline 0.8, chance 0.4, score 0.6: half the headroom lost (a 0.2 drop would be 0.25 of 0.8)
        SweepResult r = Synthetic.sweep("random", 4, Synthetic.ones(100, 80), 0.4, k -> Synthetic.ones(100, 60));
        assertThat(intervals.headroomLost(r, 0, ALPHA).point()).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void knownOnlyIntervalIsTheExactClopperPearsonOfScoreMappedToHeadroomAndANoHeadroomPrefixIsUnbounded() {
        // GIVEN 30 solved examples (baseline 1), 27 of them kept at k = 1, chance 0.2
        SweepResult r = Synthetic.sweep("freeze", 2, Synthetic.ones(30, 30), 0.2, k -> Synthetic.ones(30, 27));
        Estimate e = intervals.headroomLost(r, r.indexOfLayer(1), 0.025, 0.025);
        // THEN it is (1 - CP(27 of 30)) / (1 - 0.2), ends swapped
        double[] cp = attendfirst.claim.stats.MeanIntervals.clopperPearson(27, 30, 0.05);
        assertThat(e.point()).isCloseTo(0.1 / 0.8, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(e.lower()).isCloseTo((1 - cp[1]) / 0.8, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(e.upper()).isCloseTo((1 - cp[0]) / 0.8, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(e.method()).startsWith("Clopper-Pearson on score(k), baseline constant");
        // AND a prefix of the full set with no solved example has no headroom: unbounded, never an exception
        SweepResult none = Synthetic.sweep("freeze", 2, Synthetic.ones(10, 0), 0.2, k -> Synthetic.ones(10, 0));
        Estimate u = intervals.headroomLost(none, none.indexOfLayer(1), 0.025, 0.025);
        assertThat(u.lower()).isEqualTo(-attendfirst.claim.stats.Contrasts.LIMIT);
        assertThat(u.upper()).isEqualTo(attendfirst.claim.stats.Contrasts.LIMIT);
    }

    @Test
    void gapOfASweepWithItselfIsZeroWithAnHonestWidth() {
        // a known-only sample: the baseline is 1 on every example, so only the two means of the box are uncertain
        double[] base = Synthetic.ones(40, 40);
        SweepResult r = Synthetic.sweep("random", 6, base, 0, k -> Synthetic.ones(40, 5 * k));
        for (int i = 0; i < r.layers().length; i++) {
            Estimate e = intervals.gap(r, i, r, i, ALPHA);
            assertThat(e.point()).isZero();
            assertThat(e.lower()).isNegative();
            // the box is conservative: at most the sum of the two Clopper-Pearson half-widths (at alpha/4 each)
            assertThat(e.upper()).isPositive().isLessThan(0.7);
        }
    }

    @Test
    void switchPairsSharingASourceCountryAreOneUnit() {
        // GIVEN 10 source countries with one pair each, and the same 10 with every pair duplicated
        List<String> single = new ArrayList<>();
        List<String> doubled = new ArrayList<>();
        int[][] one = new int[1][10];
        int[][] two = new int[1][20];
        for (int c = 0; c < 10; c++) {
            single.add("C" + c + "->X");
            doubled.add("C" + c + "->X");
            doubled.add("C" + c + "->Y");
            int o = c < 7 ? SwitchResult.IGNORED : SwitchResult.CONFORMED;
            one[0][c] = o;
            two[0][2 * c] = o;
            two[0][2 * c + 1] = o;
        }
        Estimate a = intervals.switchShare(new SwitchResult("m", 4, new int[] {2}, single, one), 0,
                SwitchResult.IGNORED, ALPHA);
        Estimate b = intervals.switchShare(new SwitchResult("m", 4, new int[] {2}, doubled, two), 0,
                SwitchResult.IGNORED, ALPHA);
        // THEN the duplicated pairs add no information: the interval is that of 7 of 10 countries
        assertThat(b).isEqualTo(a);
        assertThat(a.point()).isCloseTo(0.7, within(1e-12));
    }

    private static SweepResult withSeeds(double[] base, double[][] perSeed) {
        long[] seeds = new long[perSeed.length];
        for (int i = 0; i < seeds.length; i++) {
            seeds[i] = i + 1;
        }
        return new SweepResult("m", 2, "t", "exact match", "random", new int[] {1}, seeds,
                new double[][][] {perSeed}, base, 0, "test");
    }
}
