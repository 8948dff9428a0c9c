package attendfirst.claim;

import attendfirst.claim.stats.Contrasts;
import attendfirst.claim.stats.Interval;
import attendfirst.claim.stats.IntervalMethod;
import attendfirst.claim.stats.MeanIntervals;
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
public class ScoreIntervals {

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
     * Headroom lost at k: (baseline - score(k)) / (baseline - chance), 0 = no drop, 1 = down to chance.
     * Two-sided (1 - alpha).
     */
    public Estimate headroomLost(SweepResult r, int kIndex, double alpha) {
        return headroomLost(r, kIndex, alpha / 2, alpha / 2);
    }

    /**
     * As {@link #headroomLost(SweepResult, int, double)} with a one-sided error per end. With a constant baseline
     * b (a sample of examples the clean model solves: b = 1) the quantity is (b - mean score(k)) / (b - chance), a
     * fixed map of one mean: the Clopper-Pearson interval of mean score(k) mapped through it
     * ({@link IntervalMethod#EXACT_SHARE}). Otherwise (the full-set measure) both means get Clopper-Pearson ends at
     * half the end's error and the ratio's end is its extreme over that box
     * ({@link IntervalMethod#CLOPPER_PEARSON_BOX}); a box whose baseline end reaches chance has no finite end
     * (reported as +-{@link Contrasts#LIMIT}).
     */
    public Estimate headroomLost(SweepResult r, int kIndex, double lowerAlpha, double upperAlpha) {
        double[] s = unitScores(r, seedMeans(r, kIndex), "score(k)");
        double[] b = unitScores(r, r.baseline(), "baseline");
        double c = r.chance();
        if (constant(b) && b[0] > c) {
            double b0 = b[0];
            double lo = (b0 - cpUpper(s, lowerAlpha)) / (b0 - c);
            double hi = (b0 - cpLower(s, upperAlpha)) / (b0 - c);
            double point = (b0 - mean(s)) / (b0 - c);
            return Estimate.of(new Interval(point, Math.min(lo, point), Math.max(hi, point), IntervalMethod.EXACT_SHARE,
                    lowerAlpha, upperAlpha));
        }
        double[][] lowBox = {{cpLower(b, lowerAlpha / 2), cpUpper(b, lowerAlpha / 2)},
                {cpLower(s, lowerAlpha / 2), cpUpper(s, lowerAlpha / 2)}};
        double[][] highBox = {{cpLower(b, upperAlpha / 2), cpUpper(b, upperAlpha / 2)},
                {cpLower(s, upperAlpha / 2), cpUpper(s, upperAlpha / 2)}};
        java.util.function.ToDoubleFunction<double[]> lost = x -> (x[0] - x[1]) / (x[0] - c);
        return box(mean(b) > c ? lost.applyAsDouble(new double[] {mean(b), mean(s)}) : Contrasts.LIMIT,
                lowBox, highBox, lost, c, lowerAlpha, upperAlpha);
    }

    /**
     * (score_a(k) - score_b(k)) / (baseline - chance): how far a stays above b, in shares of the headroom. a and b
     * are two manipulations of the same (model, task) on the same examples (same baseline).
     */
    public Estimate gap(SweepResult a, int kIndexA, SweepResult b, int kIndexB, double alpha) {
        return gap(a, kIndexA, b, kIndexB, alpha / 2, alpha / 2);
    }

    /**
     * As {@link #gap(SweepResult, int, SweepResult, int, double)} with a one-sided error per end: a Clopper-Pearson
     * box over mean score_a(k), mean score_b(k) and (when it is not constant) the mean baseline, each end's error
     * split evenly over the means ({@link IntervalMethod#CLOPPER_PEARSON_BOX}).
     */
    public Estimate gap(SweepResult a, int kIndexA, SweepResult b, int kIndexB, double lowerAlpha,
                        double upperAlpha) {
        if (a.numExamples() != b.numExamples()) {
            throw new IllegalArgumentException("cannot pair " + a.manipulation() + " (" + a.numExamples()
                    + " examples) with " + b.manipulation() + " (" + b.numExamples() + " examples) on " + a.task());
        }
        double[] sa = unitScores(a, seedMeans(a, kIndexA), "score(k)");
        double[] sb = unitScores(b, seedMeans(b, kIndexB), "score(k)");
        double[] base = unitScores(a, a.baseline(), "baseline");
        double c = a.chance();
        // a constant baseline at or below chance (a look's prefix of the full set with no solved example) falls
        // through to the box, whose baseline end at chance leaves the quantity unbounded
        boolean fixed = constant(base) && base[0] > c;
        int means = fixed ? 2 : 3;
        double[][] lowBox = new double[3][];
        double[][] highBox = new double[3][];
        double[][] cols = {base, sa, sb};
        for (int j = 0; j < 3; j++) {
            lowBox[j] = j == 0 && fixed ? new double[] {base[0], base[0]}
                    : new double[] {cpLower(cols[j], lowerAlpha / means), cpUpper(cols[j], lowerAlpha / means)};
            highBox[j] = j == 0 && fixed ? new double[] {base[0], base[0]}
                    : new double[] {cpLower(cols[j], upperAlpha / means), cpUpper(cols[j], upperAlpha / means)};
        }
        java.util.function.ToDoubleFunction<double[]> g = x -> (x[1] - x[2]) / (x[0] - c);
        return box(mean(base) > c ? g.applyAsDouble(new double[] {mean(base), mean(sa), mean(sb)}) : 0,
                lowBox, highBox, g, c, lowerAlpha, upperAlpha);
    }

    /**
     * The extreme of f over the corners of a box (f monotone in each coordinate for fixed others): lower end over
     * {@code lowBox}, upper end over {@code highBox}. Coordinate 0 is the baseline: a box whose baseline end
     * reaches chance leaves the quantity unbounded (+-LIMIT).
     */
    private static Estimate box(double point, double[][] lowBox, double[][] highBox,
                                java.util.function.ToDoubleFunction<double[]> f, double chance, double lowerAlpha,
                                double upperAlpha) {
        double lo = lowBox[0][0] <= chance ? -Contrasts.LIMIT : corners(lowBox, f, true);
        double hi = highBox[0][0] <= chance ? Contrasts.LIMIT : corners(highBox, f, false);
        double p = Math.max(-Contrasts.LIMIT, Math.min(Contrasts.LIMIT, point));
        lo = Math.max(-Contrasts.LIMIT, Math.min(lo, p));
        hi = Math.min(Contrasts.LIMIT, Math.max(hi, p));
        return Estimate.of(new Interval(p, lo, hi, IntervalMethod.CLOPPER_PEARSON_BOX, lowerAlpha, upperAlpha));
    }

    private static double corners(double[][] box, java.util.function.ToDoubleFunction<double[]> f, boolean min) {
        int d = box.length;
        double best = min ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        double[] x = new double[d];
        for (int mask = 0; mask < (1 << d); mask++) {
            for (int j = 0; j < d; j++) {
                x[j] = box[j][(mask >> j) & 1];
            }
            double v = f.applyAsDouble(x);
            best = min ? Math.min(best, v) : Math.max(best, v);
        }
        return best;
    }

    /** Whether every example has the same baseline score (a known-only sample: every example solved). */
    public static boolean constantBaseline(SweepResult r) {
        return constant(r.baseline());
    }

    private static boolean constant(double[] v) {
        for (double x : v) {
            if (x != v[0]) {
                return false;
            }
        }
        return v.length > 0;
    }

    private static double[] unitScores(SweepResult r, double[] v, String what) {
        for (double x : v) {
            if (!(x >= 0 && x <= 1)) {
                throw new IllegalArgumentException(r.model() + " | " + r.task() + " | " + r.manipulation() + ": " + what
                        + " " + x + " outside [0, 1]: the intervals need scores in [0, 1]");
            }
        }
        return v;
    }

    private static double mean(double[] v) {
        double sum = 0;
        for (double x : v) {
            sum += x;
        }
        return sum / v.length;
    }

    /** Lower end of the Clopper-Pearson interval of mean(v), one-sided error {@code alpha}. */
    public static double cpLower(double[] v, double alpha) {
        return cp(v, alpha)[0];
    }

    /** Upper end of the Clopper-Pearson interval of mean(v), one-sided error {@code alpha}. */
    public static double cpUpper(double[] v, double alpha) {
        return cp(v, alpha)[1];
    }

    private record CpKey(double sum, int n, double alpha) {
    }

    private static final Map<CpKey, double[]> CP = new java.util.concurrent.ConcurrentHashMap<>();

    private static double[] cp(double[] v, double alpha) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        // seed means are multiples of 1/seeds: round away float noise so equal sums share one cache entry
        double sum = Math.min(v.length, Math.max(0, Math.round(s * 1e9) / 1e9));
        if (Math.abs(sum * 12 - Math.rint(sum * 12)) > 1e-6) {
            // a continuous score's sum (F1, ROUGE): rarely seen twice, not worth a cache entry
            return MeanIntervals.clopperPearson(sum, v.length, 2 * alpha);
        }
        return CP.computeIfAbsent(new CpKey(sum, v.length, alpha),
                key -> MeanIntervals.clopperPearson(key.sum(), key.n(), 2 * key.alpha()));
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
