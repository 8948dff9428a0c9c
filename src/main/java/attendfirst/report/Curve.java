package attendfirst.report;

import attendfirst.claim.Estimate;

/** One manipulation's score against k, with a pointwise interval per k: what a plot line and its band show. */
public record Curve(String label, int[] ks, Estimate[] estimates) {

    public Curve {
        if (ks.length != estimates.length) {
            throw new IllegalArgumentException("curve " + label + ": " + ks.length + " ks but " + estimates.length
                    + " estimates");
        }
    }
}
