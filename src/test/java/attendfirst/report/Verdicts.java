package attendfirst.report;

import attendfirst.claim.Claim;
import attendfirst.claim.Comparison;
import attendfirst.claim.Estimate;
import attendfirst.claim.LayerRange;
import attendfirst.claim.PointCheck;
import attendfirst.claim.Threshold;
import attendfirst.claim.Verdict;
import java.util.List;

/** SYNTHETIC verdicts for tests of the report writers. */
final class Verdicts {

    private Verdicts() {
    }

    static Verdict of(String claimId, String model, String task, Verdict.Outcome outcome) {
        Threshold eps = new Threshold(0.1, "ours", "test eps");
        Claim claim = new Claim(claimId, "title " + claimId, "random", "words", "random", List.of(task),
                new Comparison.NearBaselineAll(new LayerRange(0.6, 1, "top 40%", "paper", "test"), eps));
        double point = outcome == Verdict.Outcome.REFUTED ? -0.5 : outcome == Verdict.Outcome.HOLDS ? 0 : -0.1;
        PointCheck check = new PointCheck("score(k) - baseline", 20, new Estimate(point, point - 0.05, point + 0.05),
                true, -0.1, eps);
        return new Verdict(claim, model, task, 30, outcome, check, "test explanation", List.of(check),
                new Estimate(0.8, 0.7, 0.9), 0.0);
    }
}
