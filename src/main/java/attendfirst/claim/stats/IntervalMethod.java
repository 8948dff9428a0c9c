package attendfirst.claim.stats;

/**
 * How an interval for the mean of per-unit values was made. Units are examples (scores averaged over seeds
 * first, since examples are the independent units) or, for the switch, source countries.
 */
public enum IntervalMethod {

    /**
     * Binary scores, one column: Clopper-Pearson on s = sum of unit means out of n units (exact when each unit is
     * one 0/1 score; with seeds averaged, s is fractional and the interval is the Beta-quantile extension, which
     * is conservative because a [0,1] mean varies no more than a 0/1 one).
     */
    CLOPPER_PEARSON("Clopper-Pearson exact"),

    /** Continuous scores: Student t on the unit values, n - 1 degrees of freedom. */
    STUDENT_T("Student t"),

    /**
     * A linear contrast of binary scores (paired differences, headroom shares) or of degenerate continuous data
     * (no spread): Agresti-Min-style adjusted interval. Half a pseudo-unit is added at each corner of the 0/1
     * table of the contrast's columns (2 pseudo-units in all), then a t interval on the augmented sample with
     * the variance's population divisor, as Agresti and Min (2005) do for paired proportions. Never zero width.
     */
    ADJUSTED_T("Agresti-Min adjusted t"),

    /**
     * Headroom lost on a sample with a constant baseline b (every example solved by the clean model):
     * (b - score(k)) / (b - chance) is a fixed affine map of mean score(k), so its interval is the Clopper-Pearson
     * interval of that one mean mapped through it (exact for 0/1 units; for seed-averaged or continuous [0,1]
     * units the Beta-quantile extension, whose coverage at the levels used is simulated in
     * ProcedureCalibrationTest).
     */
    EXACT_SHARE("Clopper-Pearson on score(k), baseline constant"),

    /**
     * A ratio or difference of several means (baseline not constant, or a gap between two manipulations): each
     * mean gets a Clopper-Pearson interval at the end's error divided by the number of means (Bonferroni), and the
     * quantity's end is its extreme over that box (the quantity is monotone in each mean on the box). Conservative.
     */
    CLOPPER_PEARSON_BOX("Clopper-Pearson box (Bonferroni over the means)");

    private final String label;

    IntervalMethod(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
