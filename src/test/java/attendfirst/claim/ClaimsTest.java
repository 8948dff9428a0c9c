package attendfirst.claim;

import static org.assertj.core.api.Assertions.fail;

import attendfirst.run.AllureClaimReport;
import attendfirst.run.ClaimRun;
import attendfirst.run.RunConfig;
import io.qameta.allure.Allure;
import io.qameta.allure.Epic;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The paper's claims, judged on real sweeps: catalogue x models x tasks. HOLDS passes, REFUTED fails with the
 * measured numbers and the bound's provenance, INCONCLUSIVE aborts with the reason. The run is configured by
 * {@link attendfirst.run.RunConfig} (read once by {@link SweepProviderExtension}) and its sweeps come from the
 * engine, wired in {@link attendfirst.run.RunWiring}. After the last case the run writes
 * target/claims-summary.json and compares with (or merges into) the expectations (see {@link attendfirst.run.ClaimRun#finish()}).
 */
@Epic("Attend First, Consolidate Later (Ben-Artzy & Schwartz 2024)")
@Tag("claims") // the claims execution's selection (pom.xml), which -Dtest cannot widen
@ExtendWith(SweepProviderExtension.class)
class ClaimsTest {

    /** The cases of this run's configuration (resolved by {@link SweepProviderExtension} from its root store). */
    static Stream<Arguments> claimCases(RunConfig config) {
        return config.cases().stream()
                .map(c -> Arguments.argumentSet(c.name(), c));
    }

    @ParameterizedTest(name = "{argumentSetName}")
    @MethodSource("claimCases")
    void claimHoldsOnModelAndTask(ClaimCase claimCase, ClaimRun run) {
        // GIVEN the claim, the model and the task
        AllureClaimReport.describe(claimCase, run.id().toString());
        // WHEN the claim is judged on the model's sweep
        Verdict verdict = Allure.step("judge " + claimCase.name(), () -> run.judge(claimCase));
        Allure.step("attach plots, sweep CSV and verdict", () -> AllureClaimReport.attach(verdict, run));
        // THEN it holds (the case passes); a refutation fails (in the build's claims execution it is recorded as a
        // finding: red in the report, reported by the gate), an untestable or straddling case aborts
        switch (verdict.outcome()) {
            case HOLDS -> {
            }
            case REFUTED -> {
                if (run.config().refutedAsTestFailure()) {
                    fail(verdict.message());
                }
                AllureClaimReport.recordRefutation(verdict);
            }
            case INCONCLUSIVE -> Assumptions.abort(verdict.message());
        }
    }
}
