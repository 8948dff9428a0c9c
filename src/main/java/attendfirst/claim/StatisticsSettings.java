package attendfirst.claim;

/**
 * How verdicts are reached, read from the catalogue so that every number a verdict depends on sits in one place.
 *
 * @param confidence family-wise confidence of a verdict (0.95: at most 5% of verdicts on claims that hold, or
 *                   fail, by the catalogue's thresholds come out the wrong way)
 * @param maxLooks   the most times a (claim, model, task) cell may be judged as examples arrive in rounds; every
 *                   look spends alpha / maxLooks (see {@link attendfirst.claim.stats.SequentialDesign}). 1 = one
 *                   look at the full sample.
 * @param why        provenance (these are the project's choices, not the paper's)
 */
public record StatisticsSettings(double confidence, int maxLooks, String why) {

    public StatisticsSettings {
        if (!(confidence > 0.5 && confidence < 1)) {
            throw new IllegalArgumentException("statistics confidence must be in (0.5, 1), got " + confidence);
        }
        if (maxLooks < 1) {
            throw new IllegalArgumentException("statistics maxLooks must be >= 1, got " + maxLooks);
        }
        if (why == null || why.isBlank()) {
            throw new IllegalArgumentException("statistics need a non-blank 'why'");
        }
    }

    /** 1 - confidence: the family-wise error a verdict may have over all its looks. */
    public double alpha() {
        return 1 - confidence;
    }
}
