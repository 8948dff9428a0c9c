package attendfirst.claim.stats;

/**
 * A point estimate with an interval and the method that made it. Each end has its own one-sided error:
 * P(lower > truth) <= lowerAlpha and P(upper < truth) <= upperAlpha; a two-sided (1 - alpha) interval has both
 * at alpha / 2.
 */
public record Interval(double point, double lower, double upper, IntervalMethod method, double lowerAlpha,
                       double upperAlpha) {

    public Interval {
        if (!(lower <= upper)) {
            throw new IllegalArgumentException("interval reversed: [" + lower + ", " + upper + "]");
        }
    }

    /** The same interval widened (never narrowed) to contain its point, as every reported interval does. */
    Interval containingPoint() {
        return new Interval(point, Math.min(lower, point), Math.max(upper, point), method, lowerAlpha, upperAlpha);
    }
}
