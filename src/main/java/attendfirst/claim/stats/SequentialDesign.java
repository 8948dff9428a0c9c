package attendfirst.claim.stats;

/**
 * Sequential sampling with a fixed maximum number of looks: examples arrive in rounds, and after each round the
 * undecided (claim, model, task) cells are judged again. Every look spends alpha / maxLooks (Bonferroni over
 * looks), so the chance that ANY look of a cell gives a wrong HOLDS or REFUTED is at most alpha, whatever rule
 * decides when to stop; a cell stops at the first decided verdict or when its budget is spent. Cheaper than
 * alpha-spending functions to explain and never wrong; the price is that the last look is judged at
 * alpha / maxLooks rather than nearer alpha.
 *
 * @param alpha    family-wise error of a cell over all its looks
 * @param maxLooks the largest number of looks a cell may have
 */
public record SequentialDesign(double alpha, int maxLooks) {

    public SequentialDesign {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
        }
        if (maxLooks < 1) {
            throw new IllegalArgumentException("maxLooks must be >= 1, got " + maxLooks);
        }
    }

    /** The alpha a cell may spend at look {@code look} (1-based); refuses a look beyond the design. */
    public double lookAlpha(int look) {
        if (look < 1 || look > maxLooks) {
            throw new IllegalArgumentException("look " + look + " outside 1.." + maxLooks
                    + " of the sequential design: more looks would spend more than alpha = " + alpha);
        }
        return alpha / maxLooks;
    }

    /**
     * Example counts for the looks: round r (1-based) has ceil(r * max / maxLooks) examples, the last round
     * exactly {@code max}.
     */
    public int[] schedule(int max) {
        if (max < 2) {
            throw new IllegalArgumentException("a schedule needs at least 2 examples, got " + max);
        }
        int[] out = new int[maxLooks];
        for (int r = 1; r <= maxLooks; r++) {
            out[r - 1] = Math.max(2, (int) Math.ceil(r * (double) max / maxLooks));
        }
        return out;
    }

    /** Whether a cell stops after this look: decided, or no look or example left. */
    public boolean stops(boolean decided, int look, int examples, int budget) {
        return decided || look >= maxLooks || examples >= budget;
    }
}
