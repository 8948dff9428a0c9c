package attendfirst.claim;

import java.util.List;

/**
 * The judgement of one claim on one (model, task).
 *
 * @param claim       the claim
 * @param model       model name
 * @param task        task name ("capitals" for switch claims)
 * @param numLayers   L of the model
 * @param outcome     HOLDS / REFUTED / INCONCLUSIVE
 * @param decisive    the check that decided (the worst k for "every k", the best k for "some k", the
 *                    testability check when the model is too close to chance)
 * @param explanation one line for humans
 * @param checks      every check made, in k order (empty when the testability check decided)
 * @param baseline    the baseline estimate (null for switch claims)
 * @param chance      the task's chance score (NaN for switch claims)
 */
public record Verdict(Claim claim, String model, String task, int numLayers, Outcome outcome, PointCheck decisive,
                      String explanation, List<PointCheck> checks, Estimate baseline, double chance) {

    public enum Outcome { HOLDS, REFUTED, INCONCLUSIVE }

    public Verdict {
        checks = List.copyOf(checks);
    }

    /**
     * The full message: claim, outcome, measured number with interval, bound with provenance, explanation.
     * Category regexes in categories.json match its start ("Claim C1 REFUTED", "Claim C1 INCONCLUSIVE").
     */
    public String message() {
        StringBuilder sb = new StringBuilder();
        sb.append("Claim ").append(claim.id()).append(' ').append(outcome).append(" on ").append(model).append(" | ")
                .append(task).append(": ").append(explanation).append("\n  decisive: ").append(decisive.describe())
                .append("\n  rule: ").append(claim.comparison().rule()).append(" (").append(claim.comparison().range()
                        .describe(numLayers)).append(", range ").append(claim.comparison().range().provenance())
                .append(": ").append(claim.comparison().range().why()).append(')');
        if (baseline != null) {
            sb.append("\n  baseline ").append(baseline).append(", chance ").append(String.format("%.3f", chance));
        }
        return sb.toString();
    }
}
