package attendfirst.claim;

/** A point estimate with its bootstrap percentile interval [lower, upper]. */
public record Estimate(double point, double lower, double upper) {

    public Estimate {
        if (!(lower <= upper)) {
            throw new IllegalArgumentException("estimate interval reversed: [" + lower + ", " + upper + "]");
        }
    }

    @Override
    public String toString() {
        return String.format("%.3f [%.3f, %.3f]", point, lower, upper);
    }
}
