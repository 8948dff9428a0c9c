package attendfirst.claim;

/**
 * Whether a (model, task) can be judged at all, decided once before any sweep from the clean-only passes over its
 * pool and never again per look or per claim: testable when the clean model solves at least {@code minSolved}
 * pool examples and its solved share (the pool's point estimate) is at least chance + margin. A task the model
 * cannot do says so once ("not testable: solves 3 of 400") and costs no sweep.
 *
 * @param testable  the (model, task) is swept and judged
 * @param solved    pool examples the clean model solves (by {@code rule})
 * @param evaluated pool examples run clean
 * @param rule      what "solved" means for the task ("exact match", "ROUGE-L >= 0.35", ...)
 * @param reason    one line: why (not) testable, with the numbers and thresholds
 */
public record Testability(boolean testable, int solved, int evaluated, String rule, String reason) {

    /**
     * The pool of a (model, task) as the clean-only passes found it.
     *
     * @param solved    examples solved by the clean model
     * @param evaluated examples run clean
     * @param chance    the task's chance level (fixed before judging)
     * @param rule      what "solved" means
     * @param knownOnly the sweep runs on solved examples only (else on every drawn example: the full-set measure)
     * @param numLayers L of the model
     */
    public record Pool(int solved, int evaluated, double chance, String rule, boolean knownOnly, int numLayers) {
    }

    public static Testability decide(Pool pool, Threshold minSolved, Threshold margin) {
        double share = pool.evaluated() == 0 ? 0 : pool.solved() / (double) pool.evaluated();
        boolean enough = pool.solved() >= minSolved.value();
        boolean clear = share >= pool.chance() + margin.value();
        String numbers = String.format("solves %d of %d (%s; clean share %.3f, chance %.3f)", pool.solved(),
                pool.evaluated(), pool.rule(), share, pool.chance());
        String reason;
        if (enough && clear) {
            reason = "testable: " + numbers;
        } else if (!enough) {
            reason = String.format("not testable: %s; fewer than the %d solved examples a verdict needs (minSolved, %s)",
                    numbers, (int) minSolved.value(), minSolved.provenance());
        } else {
            reason = String.format("not testable: %s; the clean share is not clear of chance + %.2f (%s)", numbers,
                    margin.value(), margin.provenance());
        }
        return new Testability(enough && clear, pool.solved(), pool.evaluated(), pool.rule(), reason);
    }

    /** "solves 53 of 188 (exact match)" */
    public String share() {
        return "solves " + solved + " of " + evaluated + " (" + rule + ")";
    }
}
