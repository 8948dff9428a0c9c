package attendfirst.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Epic("Infrastructure")
@Feature("Claims gate")
class ClaimGateTest {
    @TempDir
    Path dir;

    private Path gate() {
        return dir.resolve("claims-gate.properties");
    }

    private static ClaimGate.Report report(int cases, int verdicts, List<String> notes, List<String> problems) {
        return new ClaimGate.Report("20261129T000000Z-abc-plan1234", cases, verdicts,
                "14 claims refuted, 11 inconclusive, 8 hold", "0 regression(s) against x: 33 cell(s) compared", notes,
                problems);
    }

    @Test
    void aCompleteRunWithoutRegressionsPassesPrintingTheFindingsAndConsumesTheFile() throws Exception {
        // GIVEN every case judged, refutations among them, no regression
        ClaimGate.write(gate(), report(33, 33, List.of("new cell: m C9|capitals"), List.of()));
        // WHEN the gate checks THEN it reads as a finding report and passes
        String out = ClaimGate.check(gate());
        assertThat(out).contains("claims run 20261129T000000Z-abc-plan1234: 33 of 33 claim cases judged:"
                        + " 14 claims refuted, 11 inconclusive, 8 hold")
                .contains("0 regression(s)").contains("new cell: m C9|capitals").contains("build passes")
                .doesNotContain("Failures");
        assertThat(gate()).doesNotExist();
    }

    @Test
    void aRegressionFailsTheGateNamingIt() {
        ClaimGate.write(gate(), report(33, 33, List.of(), List.of("REGRESSION m C1|capitals: expected HOLDS, got REFUTED")));
        assertThatThrownBy(() -> ClaimGate.check(gate()))
                .hasMessageContaining("build fails, 1 problem(s)")
                .hasMessageContaining("C1|capitals: expected HOLDS, got REFUTED")
                .hasMessageContaining("14 claims refuted");
    }

    @Test
    void casesWithoutAVerdictFailTheGate() {
        ClaimGate.write(gate(), report(33, 30, List.of(), List.of()));
        assertThatThrownBy(() -> ClaimGate.check(gate()))
                .hasMessageContaining("3 of 33 claim cases produced no verdict");
    }

    @Test
    void aMissingFileMeansTheClaimsRunDidNotFinish() {
        assertThat(Files.exists(gate())).isFalse();
        assertThatThrownBy(() -> ClaimGate.check(gate()))
                .hasMessageContaining("is missing")
                .hasMessageContaining("did not finish")
                .hasMessageContaining("-Dattendfirst.skipClaims=true");
    }

    @Test
    void multiLineProblemsSurviveTheFileRoundTrip() {
        ClaimGate.write(gate(), report(2, 2, List.of(), List.of("first\nsecond line", "back\\slash")));
        assertThatThrownBy(() -> ClaimGate.check(gate()))
                .hasMessageContaining("first\n  second line")
                .hasMessageContaining("back\\slash");
    }
}
