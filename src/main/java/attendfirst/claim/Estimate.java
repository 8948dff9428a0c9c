package attendfirst.claim;

import attendfirst.claim.stats.Interval;

/**
 * A point estimate with its interval [lower, upper].
 *
 * @param method how the interval was made and at which level ("Clopper-Pearson exact, 99.44%", or one level per
 *               end when the ends carry different one-sided errors); empty when the numbers were given rather
 *               than computed
 */
public record Estimate(double point, double lower, double upper, String method) {

    public Estimate {
        if (!(lower <= upper)) {
            throw new IllegalArgumentException("estimate interval reversed: [" + lower + ", " + upper + "]");
        }
        method = method == null ? "" : method;
    }

    public Estimate(double point, double lower, double upper) {
        this(point, lower, upper, "");
    }

    public static Estimate of(Interval i) {
        String levels = i.lowerAlpha() == i.upperAlpha()
                ? level(1 - 2 * i.lowerAlpha()) + "%"
                : "lower end " + level(1 - i.lowerAlpha()) + "%, upper end " + level(1 - i.upperAlpha()) + "% one-sided";
        return new Estimate(i.point(), i.lower(), i.upper(), i.method().label() + ", " + levels);
    }

    private static String level(double confidence) {
        String s = String.format("%.2f", 100 * confidence);
        // 95.00 -> 95, 99.44 stays
        return s.replaceAll("\\.?0+$", "");
    }

    @Override
    public String toString() {
        return String.format("%.3f [%.3f, %.3f]", point, lower, upper);
    }
}
