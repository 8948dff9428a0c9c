package attendfirst.report;

import attendfirst.claim.Verdict;
import java.util.Locale;

/**
 * One judged (claim, model, task) as read back from a claims summary: what a cell of the front page shows.
 *
 * @param paperWords the paper's statement (null in summaries written before it was recorded)
 * @param rule       the rule in symbols (null in older summaries)
 * @param range      the claim's band in k for this model, "top 30% = k 13..17 of L=18" (null in older summaries)
 * @param decisive   the check that decided
 * @param transition the estimated transition layer with its interval, when the summary has one (else null)
 */
public record JudgedCell(String claim, String title, String family, String paperWords, String rule, String range,
                         String model, String task, int numLayers, Verdict.Outcome verdict, String explanation,
                         Decisive decisive, SummaryTransition transition) {

    /** The decisive check: measured estimate against a bound. {@code k} is -1 when not tied to a layer. */
    public record Decisive(String quantity, int k, double point, double lower, double upper, String relation,
                           double bound, String provenance) {

        /** "-0.900 [-1.000, -0.767] ≥ -0.100" */
        public String numbers() {
            return String.format(Locale.ROOT, "%.3f [%.3f, %.3f] %s %.3f", point, lower, upper,
                    ">=".equals(relation) ? "≥" : "≤", bound);
        }
    }

    /** "C1|capitals", the key of fixtures/expectations. */
    public String key() {
        return claim + "|" + task;
    }

    /** claim|model|task: the one spelling of a cell's key in the report (pages, changes, Allure cases). */
    public String id() {
        return id(claim, model, task);
    }

    /** claim|model|task, the key {@link #id()} spells. */
    public static String id(String claim, String model, String task) {
        return claim + "|" + model + "|" + task;
    }

    /** The Allure case name (see ClaimCase.name()), whose SHA-256 is the case's Allure history id. */
    public String caseName() {
        return claim + " " + title + " | " + model + " | " + task;
    }

    /** "k=22 (0.73 L): score(k) - baseline = -0.900 [-1.000, -0.767] ≥ -0.100 (ours)" */
    public String numbers() {
        if (decisive == null) {
            return "";
        }
        String at = decisive.k() >= 0 ? String.format(Locale.ROOT, "k=%d (%.2f L): ", decisive.k(),
                decisive.k() / (double) numLayers) : "";
        return at + decisive.quantity() + " = " + decisive.numbers() + " (" + decisive.provenance() + ")";
    }
}
