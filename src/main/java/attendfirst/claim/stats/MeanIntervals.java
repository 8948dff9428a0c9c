package attendfirst.claim.stats;

import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Two-sided (1 - alpha) intervals for the mean of n per-unit values. Each method is one formula (see
 * {@link IntervalMethod}); the caller picks the method from the data.
 */
public final class MeanIntervals {

    private MeanIntervals() {
    }

    /**
     * Clopper-Pearson: lower = Beta(alpha/2; s, n - s + 1), upper = Beta(1 - alpha/2; s + 1, n - s), with the
     * conventions lower = 0 at s = 0 and upper = 1 at s = n. 0 of 30 at alpha 0.05 gives [0, 0.116].
     */
    public static double[] clopperPearson(double successes, int n, double alpha) {
        checkAlpha(alpha);
        if (n < 1 || successes < 0 || successes > n) {
            throw new IllegalArgumentException("Clopper-Pearson needs 0 <= successes <= n, n >= 1; got "
                    + successes + " of " + n);
        }
        double lower = successes <= 0 ? 0 : new BetaDistribution(null, successes, n - successes + 1)
                .inverseCumulativeProbability(alpha / 2);
        double upper = successes >= n ? 1 : new BetaDistribution(null, successes + 1, n - successes)
                .inverseCumulativeProbability(1 - alpha / 2);
        return new double[] {lower, upper};
    }

    /** Student t: mean +- t(n-1, 1 - alpha/2) * sd / sqrt(n), clipped to [min, max] (the values' possible range). */
    public static double[] studentT(double[] v, double alpha, double min, double max) {
        checkAlpha(alpha);
        int n = v.length;
        if (n < 2) {
            throw new IllegalArgumentException("a t interval needs at least 2 units, got " + n);
        }
        double mean = mean(v);
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        double half = tQuantile(n - 1, alpha) * Math.sqrt(ss / (n - 1) / n);
        return new double[] {Math.max(min, mean - half), Math.min(max, mean + half)};
    }

    /**
     * Adjusted t (see {@link IntervalMethod#ADJUSTED_T}): the sample plus pseudo-units {@code corners}, each of
     * weight 2 / corners.length; centre = augmented mean, variance with the augmented size as divisor, quantile
     * t(n - 1). Clipped to [min, max].
     */
    public static double[] adjustedT(double[] v, double[] corners, double alpha, double min, double max) {
        checkAlpha(alpha);
        int n = v.length;
        if (n < 2) {
            throw new IllegalArgumentException("an adjusted t interval needs at least 2 units, got " + n);
        }
        double w = 2.0 / corners.length;
        double size = n + 2.0;
        double sum = 0;
        for (double x : v) {
            sum += x;
        }
        for (double c : corners) {
            sum += w * c;
        }
        double centre = sum / size;
        double ss = 0;
        for (double x : v) {
            ss += (x - centre) * (x - centre);
        }
        for (double c : corners) {
            ss += w * (c - centre) * (c - centre);
        }
        double half = tQuantile(n - 1, alpha) * Math.sqrt(ss / size / size);
        return new double[] {Math.max(min, centre - half), Math.min(max, centre + half)};
    }

    /** The (1 - alpha/2) quantile of Student's t with df degrees of freedom. */
    public static double tQuantile(int df, double alpha) {
        // the judge asks for the same few (df, alpha) pairs thousands of times while inverting ratio tests
        return T_QUANTILES.computeIfAbsent(new Quantile(df, alpha),
                key -> new TDistribution(null, df).inverseCumulativeProbability(1 - alpha / 2));
    }

    private record Quantile(int df, double alpha) {
    }

    private static final java.util.Map<Quantile, Double> T_QUANTILES = new java.util.concurrent.ConcurrentHashMap<>();

    static double mean(double[] v) {
        double sum = 0;
        for (double x : v) {
            sum += x;
        }
        return sum / v.length;
    }

    private static void checkAlpha(double alpha) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
        }
    }
}
