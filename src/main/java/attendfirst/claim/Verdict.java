package attendfirst.claim;

import java.util.List;

/**
 * The judgement of one claim on one (model, task).
 *
 * @param claim          the claim
 * @param model          model name
 * @param task           task name ("capitals" for switch claims)
 * @param numLayers      L of the model
 * @param outcome        HOLDS / REFUTED / INCONCLUSIVE
 * @param decisive       the check that decided (the worst k for "every k", the best k for "some k", the
 *                       testability check when the model is too close to chance)
 * @param explanation    one line for humans
 * @param checks         every check made, in k order (empty when the testability check decided)
 * @param baseline       the baseline estimate (null for switch claims)
 * @param chance         the task's chance score (NaN for switch claims)
 * @param alpha          the family-wise error allowed to this verdict (this look's share of the catalogue's alpha)
 * @param familySize     the number of checks of the claim (k of its band)
 * @param errorControl   how alpha is spent over the checks, one line for the message (see {@link ClaimJudge})
 * @param transition     C3 / switch: where the curve changes regime, with its interval; null otherwise
 * @param examplesNeeded INCONCLUSIVE: about how many units (examples; source countries for the switch) would
 *                       move the decisive interval off its bound if the observed effect is the true one
 *                       ({@link #UNREACHABLE} when the estimate sits on the bound); -1 when decided
 */
public record Verdict(Claim claim, String model, String task, int numLayers, Outcome outcome, PointCheck decisive,
                      String explanation, List<PointCheck> checks, Estimate baseline, double chance, double alpha,
                      int familySize, String errorControl, Transition transition, int examplesNeeded) {

    public enum Outcome { HOLDS, REFUTED, INCONCLUSIVE }

    /** examplesNeeded when no finite sample would do: the point estimate is (nearly) on the bound. */
    public static final int UNREACHABLE = Integer.MAX_VALUE;

    public Verdict {
        checks = List.copyOf(checks);
    }

    /** A verdict without statistics details (given numbers, e.g. in report tests). */
    public Verdict(Claim claim, String model, String task, int numLayers, Outcome outcome, PointCheck decisive,
                   String explanation, List<PointCheck> checks, Estimate baseline, double chance) {
        this(claim, model, task, numLayers, outcome, decisive, explanation, checks, baseline, chance, Double.NaN,
                Math.max(1, checks.size()), "", null, -1);
    }

    /**
     * The full message: claim, outcome, measured number with interval and method, bound with provenance,
     * explanation, the statistics used. Category regexes in categories.json match its start ("Claim C1 REFUTED",
     * "Claim C1 INCONCLUSIVE").
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
        if (!Double.isNaN(alpha)) {
            sb.append(String.format("%n  statistics: wrong-verdict probability <= alpha %.4f over %d check(s); %s",
                    alpha, familySize, errorControl));
        }
        if (transition != null) {
            sb.append("\n  transition: ").append(transition.describe());
        }
        if (examplesNeeded == UNREACHABLE) {
            sb.append("\n  examples needed: no finite number (the estimate sits on the bound)");
        } else if (examplesNeeded >= 0) {
            sb.append("\n  examples needed: about ").append(examplesNeeded)
                    .append(" to clear the bound if the observed effect is the true one");
        }
        return sb.toString();
    }
}
