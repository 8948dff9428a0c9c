package attendfirst.claim.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * Intervals for means of linear contrasts of paired per-unit columns, v_i = sum_j a_j x_ji + c, and for ratios
 * of two such means (by inverting the contrast test, Fieller's construction). The method follows the data:
 * <ul>
 *   <li>binary scores and one column: Clopper-Pearson (exact);</li>
 *   <li>binary scores and several columns (paired differences, headroom shares): Agresti-Min adjusted t;</li>
 *   <li>continuous scores: Student t on v_i, or the adjusted t when the v_i have no spread at all (a sample
 *       without spread says nothing about the spread, and a zero-width interval would claim certainty).</li>
 * </ul>
 */
public final class Contrasts {

    /** Ratios are reported inside [-LIMIT, LIMIT]: beyond ten times the headroom the number means nothing. */
    public static final double LIMIT = 10;

    private Contrasts() {
    }

    /** The mean of v_i = sum_j a[j] * columns[j][i] + c, with a two-sided (1 - alpha) interval. */
    public static Interval mean(Units u, double[] a, double c, double alpha) {
        return mean(u, a, c, alpha / 2, alpha / 2);
    }

    /**
     * As {@link #mean(Units, double[], double, double)} with one-sided errors per end: the lower end is that of the
     * two-sided (1 - 2 lowerAlpha) interval, the upper end that of the two-sided (1 - 2 upperAlpha) interval.
     */
    public static Interval mean(Units u, double[] a, double c, double lowerAlpha, double upperAlpha) {
        Interval lo = mean2(u, a, c, 2 * lowerAlpha);
        Interval hi = upperAlpha == lowerAlpha ? lo : mean2(u, a, c, 2 * upperAlpha);
        return new Interval(lo.point(), lo.lower(), hi.upper(), lo.method(), lowerAlpha, upperAlpha);
    }

    private static Interval mean2(Units u, double[] a, double c, double alpha) {
        if (a.length != u.columns().length) {
            throw new IllegalArgumentException("contrast has " + a.length + " coefficients for " + u.columns().length
                    + " columns");
        }
        int n = u.n();
        double[] v = values(u, a, c);
        double point = MeanIntervals.mean(v);
        double min = c;
        double max = c;
        List<Integer> used = new ArrayList<>();
        for (int j = 0; j < a.length; j++) {
            if (a[j] != 0) {
                used.add(j);
                min += Math.min(a[j], 0);
                max += Math.max(a[j], 0);
            }
        }
        if (used.isEmpty()) {
            return new Interval(c, c, c, IntervalMethod.STUDENT_T, alpha / 2, alpha / 2);
        }
        if (u.binary() && used.size() == 1) {
            int j = used.get(0);
            double s = 0;
            for (double x : u.columns()[j]) {
                s += x;
            }
            double[] p = MeanIntervals.clopperPearson(Math.min(n, Math.max(0, s)), n, alpha);
            double lo = a[j] * p[0] + c;
            double hi = a[j] * p[1] + c;
            return new Interval(point, Math.min(lo, hi), Math.max(lo, hi), IntervalMethod.CLOPPER_PEARSON, alpha / 2, alpha / 2)
                    .containingPoint();
        }
        if (!u.binary() && spread(v, point) > 0) {
            double[] t = MeanIntervals.studentT(v, alpha, min, max);
            return new Interval(point, t[0], t[1], IntervalMethod.STUDENT_T, alpha / 2, alpha / 2).containingPoint();
        }
        double[] t = MeanIntervals.adjustedT(v, corners(a, c, used), alpha, min, max);
        return new Interval(point, t[0], t[1], IntervalMethod.ADJUSTED_T, alpha / 2, alpha / 2).containingPoint();
    }

    /**
     * The ratio mean(num) / mean(den) with num_i = aNum . x_i + cNum and den_i = aDen . x_i + cDen. Its interval
     * is the set of theta for which the interval of mean(num - theta * den) holds 0, found by bisection on each
     * side of the point, clamped to [-LIMIT, LIMIT]. Needs mean(den) > 0 (the judge checks testability first).
     * So "ratio <= theta0" is decided by the same test as "mean(num - theta0 * den) <= 0".
     */
    public static Interval ratio(Units u, double[] aNum, double cNum, double[] aDen, double cDen, double alpha) {
        return ratio(u, aNum, cNum, aDen, cDen, alpha / 2, alpha / 2);
    }

    /**
     * The ratio with one-sided errors per end: the lower end inverts the lower ends of the contrast intervals at
     * lowerAlpha, the upper end their upper ends at upperAlpha.
     */
    public static Interval ratio(Units u, double[] aNum, double cNum, double[] aDen, double cDen, double lowerAlpha,
                                 double upperAlpha) {
        double den = MeanIntervals.mean(values(u, aDen, cDen));
        if (!(den > 0)) {
            throw new IllegalArgumentException("ratio needs a positive mean denominator, got " + den);
        }
        double point = MeanIntervals.mean(values(u, aNum, cNum)) / den;
        double clamped = Math.max(-LIMIT, Math.min(LIMIT, point));
        // lower end: the smallest theta whose test interval still reaches down to 0
        double lo = bisect(u, aNum, cNum, aDen, cDen, lowerAlpha, -LIMIT, clamped, true);
        double hi = bisect(u, aNum, cNum, aDen, cDen, upperAlpha, clamped, LIMIT, false);
        IntervalMethod method = at(u, aNum, cNum, aDen, cDen, point, lowerAlpha).method();
        return new Interval(point, Math.min(lo, clamped), Math.max(hi, clamped), method, lowerAlpha, upperAlpha);
    }

    private static double bisect(Units u, double[] aNum, double cNum, double[] aDen, double cDen, double alpha,
                                 double from, double to, boolean lowerEnd) {
        // lowerEnd: find the boundary where lower(v(theta)) crosses 0 going up in theta (v falls as theta rises)
        if (lowerEnd && at(u, aNum, cNum, aDen, cDen, from, alpha).lower() <= 0) {
            return from;
        }
        if (!lowerEnd && at(u, aNum, cNum, aDen, cDen, to, alpha).upper() >= 0) {
            return to;
        }
        double a = from;
        double b = to;
        for (int i = 0; i < 50 && b - a > 1e-7; i++) {
            double mid = (a + b) / 2;
            Interval iv = at(u, aNum, cNum, aDen, cDen, mid, alpha);
            boolean inside = lowerEnd ? iv.lower() <= 0 : iv.upper() >= 0;
            if (lowerEnd == inside) {
                b = mid;
            } else {
                a = mid;
            }
        }
        return lowerEnd ? a : b;
    }

    /** The interval of mean(num - theta * den), each end at one-sided error {@code alpha}. */
    private static Interval at(Units u, double[] aNum, double cNum, double[] aDen, double cDen, double theta,
                               double alpha) {
        double[] a = new double[aNum.length];
        for (int j = 0; j < a.length; j++) {
            a[j] = aNum[j] - theta * aDen[j];
        }
        return mean2(u, a, cNum - theta * cDen, 2 * alpha);
    }

    private static double[] values(Units u, double[] a, double c) {
        int n = u.n();
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            double x = c;
            for (int j = 0; j < a.length; j++) {
                if (a[j] != 0) {
                    x += a[j] * u.columns()[j][i];
                }
            }
            v[i] = x;
        }
        return v;
    }

    /** The contrast at every corner of {0,1}^used: the cells of the 0/1 table, for the Agresti-Min adjustment. */
    private static double[] corners(double[] a, double c, List<Integer> used) {
        int m = used.size();
        double[] out = new double[1 << m];
        for (int mask = 0; mask < out.length; mask++) {
            double x = c;
            for (int b = 0; b < m; b++) {
                if ((mask & (1 << b)) != 0) {
                    x += a[used.get(b)];
                }
            }
            out[mask] = x;
        }
        return out;
    }

    private static double spread(double[] v, double mean) {
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        return ss;
    }
}
