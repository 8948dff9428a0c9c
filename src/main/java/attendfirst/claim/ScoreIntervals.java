package attendfirst.claim;

import attendfirst.claim.stats.Contrasts;
import attendfirst.claim.stats.Interval;
import attendfirst.claim.stats.Units;
import attendfirst.sweep.SweepResult;
import attendfirst.sweep.SwitchResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Intervals for the quantities claims are judged on. Examples are the independent units: the scores of one
 * example are first averaged over seeds (seeds are a second level that only averages the noise), and every
 * paired quantity (score(k) against the baseline, one manipulation against another) is formed example by
 * example. Switch pairs are grouped by their source country (the capitals prompt), which is the unit there.
 * The method is chosen by {@link Contrasts} from the data (binary or continuous scores).
 *
 * <p>Every method takes the two-sided alpha of the interval, or a one-sided error per end; the judge chooses them
 * per claim so that a wrong verdict has probability at most alpha (see {@link ClaimJudge}).
 */
public final class ScoreIntervals {

    private final double alpha;

    /** @param alpha the level of the pointwise intervals drawn in plots ({@link #meanScore(SweepResult)}) */
    public ScoreIntervals(double alpha) {
        this.alpha = alpha;
    }

    /** Per swept k: the mean score with a pointwise (1 - alpha) interval, for plots. */
    public Estimate[] meanScore(SweepResult r) {
        Estimate[] out = new Estimate[r.layers().length];
        for (int i = 0; i < out.length; i++) {
            out[i] = meanScore(r, i, alpha);
        }
        return out;
    }

    /** Per swept k of {@code s}: the share of pairs with outcome {@code code}, pointwise (1 - alpha), for plots. */
    public Estimate[] switchShare(SwitchResult s, int code) {
        Estimate[] out = new Estimate[s.layers().length];
        for (int i = 0; i < out.length; i++) {
            out[i] = switchShare(s, i, code, alpha);
        }
        return out;
    }

    /** The mean baseline with a (1 - alpha) interval, for plots. */
    public Estimate baseline(SweepResult r) {
        return baseline(r, alpha);
    }

    public Estimate meanScore(SweepResult r, int kIndex, double alpha) {
        Units u = new Units(new double[][] {seedMeans(r, kIndex)}, binary(r));
        return Estimate.of(Contrasts.mean(u, new double[] {1}, 0, alpha));
    }

    public Estimate baseline(SweepResult r, double alpha) {
        Units u = new Units(new double[][] {r.baseline()}, binary(r));
        return Estimate.of(Contrasts.mean(u, new double[] {1}, 0, alpha));
    }

    /**
     * Headroom lost at k: (baseline - score(k)) / (baseline - chance), 0 = no drop, 1 = down to chance. A ratio of
     * paired means; its interval inverts the test of mean(baseline - score(k) - theta (baseline - chance)).
     */
    public Estimate headroomLost(SweepResult r, int kIndex, double alpha) {
        return headroomLost(r, kIndex, alpha / 2, alpha / 2);
    }

    /** As {@link #headroomLost(SweepResult, int, double)} with a one-sided error per end. */
    public Estimate headroomLost(SweepResult r, int kIndex, double lowerAlpha, double upperAlpha) {
        Units u = new Units(new double[][] {seedMeans(r, kIndex), r.baseline()}, binary(r));
        double c = r.chance();
        return Estimate.of(Contrasts.ratio(u, new double[] {-1, 1}, 0, new double[] {0, 1}, -c, lowerAlpha,
                upperAlpha));
    }

    /**
     * (score_a(k) - score_b(k)) / (baseline - chance): how far a stays above b, in shares of the headroom. a and b
     * are two manipulations of the same (model, task) on the same examples (same baseline).
     */
    public Estimate gap(SweepResult a, int kIndexA, SweepResult b, int kIndexB, double alpha) {
        return gap(a, kIndexA, b, kIndexB, alpha / 2, alpha / 2);
    }

    /** As {@link #gap(SweepResult, int, SweepResult, int, double)} with a one-sided error per end. */
    public Estimate gap(SweepResult a, int kIndexA, SweepResult b, int kIndexB, double lowerAlpha,
                        double upperAlpha) {
        if (a.numExamples() != b.numExamples()) {
            throw new IllegalArgumentException("cannot pair " + a.manipulation() + " (" + a.numExamples()
                    + " examples) with " + b.manipulation() + " (" + b.numExamples() + " examples) on " + a.task());
        }
        Units u = new Units(new double[][] {seedMeans(a, kIndexA), seedMeans(b, kIndexB), a.baseline()},
                binary(a) && binary(b));
        double c = a.chance();
        return Estimate.of(Contrasts.ratio(u, new double[] {1, -1, 0}, 0, new double[] {0, 0, 1}, -c, lowerAlpha,
                upperAlpha));
    }

    /** The share of pairs at k with outcome {@code code}, units = source countries (pairs of one country averaged). */
    public Estimate switchShare(SwitchResult s, int kIndex, int code, double alpha) {
        return switchShare(s, kIndex, code, alpha / 2, alpha / 2);
    }

    /** As {@link #switchShare(SwitchResult, int, int, double)} with a one-sided error per end. */
    public Estimate switchShare(SwitchResult s, int kIndex, int code, double lowerAlpha, double upperAlpha) {
        Map<String, List<Integer>> bySource = bySource(s);
        double[] unit = new double[bySource.size()];
        int u = 0;
        for (List<Integer> pairs : bySource.values()) {
            double hits = 0;
            for (int p : pairs) {
                hits += s.outcome()[kIndex][p] == code ? 1 : 0;
            }
            unit[u++] = hits / pairs.size();
        }
        return Estimate.of(Contrasts.mean(new Units(new double[][] {unit}, true), new double[] {1}, 0, lowerAlpha,
                upperAlpha));
    }

    /** Number of independent units of the switch experiment (source countries). */
    public static int switchUnits(SwitchResult s) {
        return bySource(s).size();
    }

    private static Map<String, List<Integer>> bySource(SwitchResult s) {
        Map<String, List<Integer>> out = new LinkedHashMap<>();
        for (int p = 0; p < s.pairs().size(); p++) {
            out.computeIfAbsent(s.source(p), key -> new ArrayList<>()).add(p);
        }
        return out;
    }

    /** Scores of each example at kIndex averaged over seeds. */
    static double[] seedMeans(SweepResult r, int kIndex) {
        double[][] rows = r.scores()[kIndex];
        double[] out = new double[r.numExamples()];
        for (double[] row : rows) {
            for (int e = 0; e < out.length; e++) {
                out[e] += row[e];
            }
        }
        for (int e = 0; e < out.length; e++) {
            out[e] /= rows.length;
        }
        return out;
    }

    /** Every raw score of the sweep (every k, seed, example and the baseline) is 0 or 1. */
    static boolean binary(SweepResult r) {
        for (double b : r.baseline()) {
            if (b != 0 && b != 1) {
                return false;
            }
        }
        for (double[][] k : r.scores()) {
            for (double[] row : k) {
                for (double x : row) {
                    if (x != 0 && x != 1) {
                        return false;
                    }
                }
            }
        }
        return true;
    }
}
