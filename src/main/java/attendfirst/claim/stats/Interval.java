package attendfirst.claim.stats;

/** A point estimate with a two-sided interval at level 1 - alpha, and the method that made it. */
public record Interval(double point, double lower, double upper, IntervalMethod method, double alpha) {

    public Interval {
        if (!(lower <= upper)) {
            throw new IllegalArgumentException("interval reversed: [" + lower + ", " + upper + "]");
        }
    }

    /** The same interval widened (never narrowed) to contain its point, as every reported interval does. */
    Interval containingPoint() {
        return new Interval(point, Math.min(lower, point), Math.max(upper, point), method, alpha);
    }
}
