package attendfirst.claim;

/**
 * One interval compared with one bound (the interval is simultaneous over the claim's family of checks): "at k=20, score(k) - baseline = -0.03 [-0.08, 0.01] must be >= -0.10".
 * SATISFIED when the whole interval is on the required side, VIOLATED when the whole interval is on the wrong
 * side, UNCLEAR when it straddles the bound.
 *
 * @param quantity  what was measured, e.g. "score(k) - baseline"
 * @param k         the layer, or -1 for a check not tied to a layer (the testability check)
 * @param estimate  point and interval
 * @param atLeast   true for "quantity >= bound", false for "quantity <= bound"
 * @param bound     the bound in the quantity's units (e.g. -eps, chance + delta)
 * @param threshold the catalogue threshold the bound derives from
 */
public record PointCheck(String quantity, int k, Estimate estimate, boolean atLeast, double bound,
                         Threshold threshold) {

    public enum Status { SATISFIED, UNCLEAR, VIOLATED }

    public Status status() {
        if (atLeast) {
            return estimate.lower() >= bound ? Status.SATISFIED : estimate.upper() < bound ? Status.VIOLATED : Status.UNCLEAR;
        }
        return estimate.upper() <= bound ? Status.SATISFIED : estimate.lower() > bound ? Status.VIOLATED : Status.UNCLEAR;
    }

    /** How far the interval sits inside the required side (negative when it reaches across the bound). */
    public double margin() {
        return atLeast ? estimate.lower() - bound : bound - estimate.upper();
    }

    /** "at k=20: score(k) - baseline = -0.031 [-0.080, 0.012], required >= -0.100 (ours: ...)" */
    public String describe() {
        return (k >= 0 ? "at k=" + k + ": " : "") + quantity + " = " + estimate
                + (estimate.method().isEmpty() ? "" : " (" + estimate.method() + ")") + ", required "
                + (atLeast ? ">= " : "<= ") + String.format("%.3f", bound) + " from threshold " + threshold.cite();
    }
}
