package attendfirst.claim;

import static org.assertj.core.api.Assertions.assertThat;

import attendfirst.claim.ProcedureCalibration.Coverage;
import attendfirst.claim.ProcedureCalibration.PlanTask;
import attendfirst.claim.ProcedureCalibration.Row;
import attendfirst.claim.ProcedureCalibration.Scenario;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The production procedure, calibrated end to end on SYNTHETIC sweeps with a known truth ({@link
 * ProcedureCalibration}: pool selection, testability, the looks of SequentialRun with the scheduler, the per-end
 * levels, the plan's sizes, the committed catalogue). Each check is run twice: on the production intervals, where
 * it must pass, and on a deliberately anti-conservative interval (Wald), where the very same check must fail, so
 * the test is shown able to catch a miscalibrated procedure. Replicates are kept small enough for mvn test;
 * {@code ProcedureCalibration.main} runs the BENCHMARKS table with more.
 */
@Epic("Claim harness")
@Feature("Calibration of the production procedure")
class ProcedureCalibrationTest {

    private static final int VERDICT_REPS = 200;
    private static final int COVERAGE_REPS = 3000;

    /** Every (claim, plan task, scenario) row whose wrong-verdict rate exceeds 1.5x its design rate. */
    private static List<Row> tooHigh(ProcedureCalibration cal) {
        List<Row> bad = new ArrayList<>();
        for (PlanTask t : ProcedureCalibration.MAIN) {
            for (String id : ProcedureCalibration.CLAIMS) {
                for (Scenario s : Scenario.values()) {
                    Row r = cal.run(id, t, s, VERDICT_REPS);
                    if (!r.withinTolerance()) {
                        bad.add(r);
                    }
                }
            }
        }
        return bad;
    }

    @Test
    void wrongHoldsAndWrongRefutedStayWithinOneAndAHalfTimesTheirDesignRate() {
        // GIVEN truths on the least favourable side of each claim's bound, at the plan's sizes and looks
        // WHEN the production procedure judges them
        List<Row> bad = tooHigh(new ProcedureCalibration(11));
        // THEN no wrong-verdict rate exceeds 1.5 x alpha/2
        assertThat(bad).extracting(Row::line).isEmpty();
    }

    @Test
    void theSameCheckCatchesAnAntiConservativeInterval() {
        // GIVEN the negative control: headroom lost from Wald intervals, everything else as in production
        // WHEN the same check runs
        List<Row> bad = tooHigh(new ProcedureCalibration(ProcedureCalibration.waldIntervals(), 11));
        // THEN it fails: wrong verdicts well above 1.5 x design
        assertThat(bad).as("the negative control must be caught").isNotEmpty();
        assertThat(bad.stream().mapToDouble(Row::rate).max().orElse(0)).isGreaterThan(0.1);
    }

    private static List<Coverage> coverageFailures(ProcedureCalibration.Ends ends) {
        ProcedureCalibration cal = new ProcedureCalibration(23);
        List<Coverage> bad = new ArrayList<>();
        for (int n : new int[] {8, 24, 60}) {
            for (double level : ProcedureCalibration.levelsUsed(ClaimCatalogue.loadDefault())) {
                for (double q : new double[] {0.5, 0.9}) {
                    for (boolean continuous : new boolean[] {false, true}) {
                        Coverage c = cal.coverage(ends, n, level, q, continuous, continuous ? COVERAGE_REPS / 5 : COVERAGE_REPS);
                        if (!c.withinTolerance()) {
                            bad.add(c);
                        }
                    }
                }
            }
        }
        return bad;
    }

    @Test
    void eachEndCoversAtTheOneSidedLevelsTheJudgeUses() {
        // GIVEN seed-averaged and continuous [0,1] scores of heterogeneous examples, n of the plans, and every
        // one-sided level the judge uses (alpha/(2 looks), alpha/(2 looks m) for each claim's band)
        // WHEN the Clopper-Pearson ends behind headroom lost are computed
        // THEN each end misses the truth at most 1.5x its level
        assertThat(coverageFailures(ProcedureCalibration.CLOPPER_PEARSON)).extracting(Coverage::line).isEmpty();
        // AND the same check fails on Wald ends
        assertThat(coverageFailures(ProcedureCalibration.WALD)).as("the negative control must be caught")
                .isNotEmpty();
    }
}
