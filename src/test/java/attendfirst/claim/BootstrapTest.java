package attendfirst.claim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import attendfirst.sweep.SweepResult;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BootstrapTest {

    private final Bootstrap bootstrap = new Bootstrap(new BootstrapSettings(2000, 0.95, 11, "test"));

    @Test
    void intervalOfAHalfOnesMeanMatchesTheNormalApproximation() {
        // GIVEN 400 examples, half scoring 1: the normal approximation gives 0.5 +- 1.96 * sqrt(0.25/400) = +-0.049
        double[] half = Synthetic.ones(400, 200);
        SweepResult r = Synthetic.sweep("random", 4, half, 0, k -> half);
        // WHEN the baseline is bootstrapped
        Estimate e = bootstrap.baseline(r);
        // THEN the percentile interval is close to the normal one
        assertThat(e.point()).isEqualTo(0.5);
        assertThat(e.lower()).isCloseTo(0.5 - 0.049, within(0.01));
        assertThat(e.upper()).isCloseTo(0.5 + 0.049, within(0.01));
    }

    @Test
    void sameSeedGivesTheSameIntervals() {
        double[] scores = Synthetic.ones(50, 17);
        SweepResult r = Synthetic.sweep("random", 4, scores, 0, k -> Synthetic.ones(50, 10 + k));
        Estimate[] a = bootstrap.meanScore(r);
        Estimate[] b = new Bootstrap(new BootstrapSettings(2000, 0.95, 11, "again")).meanScore(r);
        assertThat(a).containsExactly(b);
    }

    @Test
    void constantScoresGiveAZeroWidthInterval() {
        double[] all = Synthetic.ones(30, 30);
        SweepResult r = Synthetic.sweep("random", 4, all, 0, k -> all);
        for (Estimate e : bootstrap.minusBaseline(r)) {
            assertThat(e).isEqualTo(new Estimate(0, 0, 0));
        }
    }

    @Test
    void disagreeingSeedsWidenTheIntervalOverAgreeingOnes() {
        // GIVEN two 3-seed sweeps with the same overall mean: one whose seeds agree, one whose seeds differ
        int n = 60;
        double[] base = Synthetic.ones(n, 30);
        SweepResult agree = threeSeeds(base, new double[][] {base, base, base});
        SweepResult disagree = threeSeeds(base, new double[][] {Synthetic.ones(n, 0), base, Synthetic.ones(n, 60)});
        Estimate a = bootstrap.meanScore(agree)[0];
        Estimate d = bootstrap.meanScore(disagree)[0];
        // THEN resampling seeds shows the seed-to-seed spread
        assertThat(a.point()).isEqualTo(d.point());
        assertThat(d.upper() - d.lower()).isGreaterThan(2 * (a.upper() - a.lower()));
    }

    @Test
    void differenceOfASweepWithItselfIsExactlyZero() {
        double[] base = Synthetic.ones(40, 25);
        SweepResult r = Synthetic.sweep("random", 6, base, 0, k -> Synthetic.ones(40, 5 * k));
        int[] ks = IntStream.rangeClosed(0, 6).toArray();
        for (Estimate e : bootstrap.difference(r, r, ks)) {
            assertThat(e).isEqualTo(new Estimate(0, 0, 0));
        }
    }

    private static SweepResult threeSeeds(double[] base, double[][] perSeed) {
        return new SweepResult("m", 2, "t", "exact match", "random", new int[] {0}, new long[] {1, 2, 3},
                new double[][][] {perSeed}, base, 0, "test");
    }
}
