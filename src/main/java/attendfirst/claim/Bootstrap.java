package attendfirst.claim;

import attendfirst.sweep.SweepResult;
import attendfirst.sweep.SwitchResult;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Percentile bootstrap over a sweep. One replicate draws the examples with replacement (the same draw for every k,
 * for the baseline and for a second sweep, so differences are paired by example) and, independently, each
 * sweep's seeds with replacement (random and shuffle have several seeds; a deterministic sweep has {0}, which
 * resamples to itself). Every statistic is computed per swept k from the same replicates, so per-k intervals
 * come from one joint resampling. The interval is the (alpha/2, 1 - alpha/2) quantile pair of the replicates,
 * linearly interpolated; the point is the statistic on the data as observed.
 */
public final class Bootstrap {

    private final BootstrapSettings settings;

    public Bootstrap(BootstrapSettings settings) {
        this.settings = settings;
    }

    /** Per swept k of {@code r}: the mean score over seeds and examples. */
    public Estimate[] meanScore(SweepResult r) {
        return run(r.numExamples(), r, null, (ex, sa, sb) -> {
            double[] out = new double[r.layers().length];
            for (int k = 0; k < out.length; k++) {
                out[k] = mean(r, k, ex, sa);
            }
            return out;
        });
    }

    /** Per swept k of {@code r}: mean score minus mean baseline, paired by example. */
    public Estimate[] minusBaseline(SweepResult r) {
        return run(r.numExamples(), r, null, (ex, sa, sb) -> {
            double base = meanOf(r.baseline(), ex);
            double[] out = new double[r.layers().length];
            for (int k = 0; k < out.length; k++) {
                out[k] = mean(r, k, ex, sa) - base;
            }
            return out;
        });
    }

    /**
     * Per swept k: (baseline - score(k)) / (baseline - chance), the share of the above-chance headroom lost. A
     * replicate whose resampled baseline is not above chance gives 0 (no headroom, nothing lost), which only
     * matters for models the testability check already sets aside.
     */
    public Estimate[] headroomLost(SweepResult r) {
        return run(r.numExamples(), r, null, (ex, sa, sb) -> {
            double base = meanOf(r.baseline(), ex);
            double headroom = base - r.chance();
            double[] out = new double[r.layers().length];
            for (int k = 0; k < out.length; k++) {
                out[k] = headroom > 0 ? (base - mean(r, k, ex, sa)) / headroom : 0;
            }
            return out;
        });
    }

    /** The mean baseline score. */
    public Estimate baseline(SweepResult r) {
        return run(r.numExamples(), r, null, (ex, sa, sb) -> new double[] {meanOf(r.baseline(), ex)})[0];
    }

    /**
     * Per k of {@code ks} (swept by both): score_a(k) - score_b(k), examples paired, seeds drawn independently
     * for each sweep.
     */
    public Estimate[] difference(SweepResult a, SweepResult b, int[] ks) {
        if (a.numExamples() != b.numExamples()) {
            throw new IllegalArgumentException("cannot pair " + a.manipulation() + " (" + a.numExamples()
                    + " examples) with " + b.manipulation() + " (" + b.numExamples() + " examples) on " + a.task());
        }
        int[] ia = new int[ks.length];
        int[] ib = new int[ks.length];
        for (int i = 0; i < ks.length; i++) {
            ia[i] = a.indexOfLayer(ks[i]);
            ib[i] = b.indexOfLayer(ks[i]);
            if (ia[i] < 0 || ib[i] < 0) {
                throw new IllegalArgumentException("k=" + ks[i] + " not swept by both " + a.manipulation()
                        + " and " + b.manipulation());
            }
        }
        return run(a.numExamples(), a, b, (ex, sa, sb) -> {
            double[] out = new double[ks.length];
            for (int i = 0; i < ks.length; i++) {
                out[i] = mean(a, ia[i], ex, sa) - mean(b, ib[i], ex, sb);
            }
            return out;
        });
    }

    /** Per swept k: the share of pairs whose outcome is {@code code}, resampling pairs. */
    public Estimate[] switchShare(SwitchResult s, int code) {
        int n = s.pairs().size();
        return runExamplesOnly(n, ex -> {
            double[] out = new double[s.layers().length];
            for (int k = 0; k < out.length; k++) {
                int count = 0;
                for (int e : ex) {
                    if (s.outcome()[k][e] == code) {
                        count++;
                    }
                }
                out[k] = count / (double) n;
            }
            return out;
        });
    }

    private interface Statistic {
        double[] apply(int[] examples, int[] seedsA, int[] seedsB);
    }

    private Estimate[] run(int n, SweepResult a, SweepResult b, Statistic stat) {
        int sa = a.seeds().length;
        int sb = b == null ? 1 : b.seeds().length;
        double[] point = stat.apply(identity(n), identity(sa), identity(sb));
        SplittableRandom rng = new SplittableRandom(settings.seed());
        double[][] reps = new double[point.length][settings.resamples()];
        int[] ex = new int[n];
        int[] seedA = new int[sa];
        int[] seedB = new int[sb];
        for (int r = 0; r < settings.resamples(); r++) {
            draw(rng, ex);
            draw(rng, seedA);
            draw(rng, seedB);
            double[] v = stat.apply(ex, seedA, seedB);
            for (int i = 0; i < v.length; i++) {
                reps[i][r] = v[i];
            }
        }
        return intervals(point, reps);
    }

    private Estimate[] runExamplesOnly(int n, java.util.function.Function<int[], double[]> stat) {
        double[] point = stat.apply(identity(n));
        SplittableRandom rng = new SplittableRandom(settings.seed());
        double[][] reps = new double[point.length][settings.resamples()];
        int[] ex = new int[n];
        for (int r = 0; r < settings.resamples(); r++) {
            draw(rng, ex);
            double[] v = stat.apply(ex);
            for (int i = 0; i < v.length; i++) {
                reps[i][r] = v[i];
            }
        }
        return intervals(point, reps);
    }

    private Estimate[] intervals(double[] point, double[][] reps) {
        double alpha = 1 - settings.confidence();
        Estimate[] out = new Estimate[point.length];
        for (int i = 0; i < point.length; i++) {
            Arrays.sort(reps[i]);
            double lo = quantile(reps[i], alpha / 2);
            double hi = quantile(reps[i], 1 - alpha / 2);
            // The point is the observed statistic; a skewed replicate distribution can leave it just outside the
            // percentile interval. Widen the interval to contain it so "point in [lower, upper]" always holds.
            out[i] = new Estimate(point[i], Math.min(lo, point[i]), Math.max(hi, point[i]));
        }
        return out;
    }

    /** Linear interpolation between order statistics (Hyndman-Fan type 7). */
    static double quantile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    private static double mean(SweepResult r, int kIndex, int[] examples, int[] seeds) {
        double sum = 0;
        for (int s : seeds) {
            double[] row = r.scores()[kIndex][s];
            for (int e : examples) {
                sum += row[e];
            }
        }
        return sum / (seeds.length * (double) examples.length);
    }

    private static double meanOf(double[] values, int[] examples) {
        double sum = 0;
        for (int e : examples) {
            sum += values[e];
        }
        return sum / examples.length;
    }

    private static void draw(SplittableRandom rng, int[] into) {
        for (int i = 0; i < into.length; i++) {
            into[i] = rng.nextInt(into.length);
        }
    }

    private static int[] identity(int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        return out;
    }
}
