package attendfirst.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import attendfirst.claim.Verdict;
import attendfirst.claim.Verdict.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExpectationsTest {

    @TempDir
    Path dir;

    private final List<Verdict> run = List.of(Verdicts.of("C1", "m", "capitals", Outcome.HOLDS),
            Verdicts.of("C2", "m", "capitals", Outcome.REFUTED), Verdicts.of("C1", "other", "capitals", Outcome.HOLDS));

    @Test
    void acceptedVerdictsShowNoRegressionOnTheSameRun() {
        Path file = Expectations.accept(dir, "m", run);
        assertThat(file).isEqualTo(dir.resolve("m.json"));
        assertThat(Expectations.read(file)).containsEntry("C1|capitals", "HOLDS").containsEntry("C2|capitals", "REFUTED")
                .hasSize(2);
        assertThat(Expectations.compare(dir, "m", run)).isEmpty();
    }

    @Test
    void changedMissingAndNewVerdictsAreRegressions() {
        Expectations.accept(dir, "m", run);
        List<Verdict> next = List.of(Verdicts.of("C1", "m", "capitals", Outcome.INCONCLUSIVE),
                Verdicts.of("C3", "m", "capitals", Outcome.HOLDS));
        assertThat(Expectations.compare(dir, "m", next)).extracting(Object::toString).containsExactlyInAnyOrder(
                "m C1|capitals: expected HOLDS, got INCONCLUSIVE",
                "m C2|capitals: expected REFUTED, got not judged",
                "m C3|capitals: expected not expected, got HOLDS");
    }

    @Test
    void noExpectationsFileMeansNothingToCompare() {
        assertThat(Expectations.compare(dir, "m", run)).isEmpty();
    }

    @Test
    void malformedExpectationNamesFileAndKey() throws IOException {
        Files.writeString(dir.resolve("m.json"), "{\"model\":\"m\",\"verdicts\":{\"C1|capitals\":\"PASSES\"}}");
        assertThatThrownBy(() -> Expectations.compare(dir, "m", run)).hasMessageContaining("m.json")
                .hasMessageContaining("verdicts.C1|capitals").hasMessageContaining("PASSES");
    }

    @Test
    void strictModeFailsOnEveryRefutation() {
        assertThat(Expectations.strictFailures(run)).containsExactly("m C2|capitals: REFUTED");
    }

    @Test
    void verdictTableHasOneRowPerClaimAndTaskAndOneColumnPerModel() {
        String table = VerdictTable.render(run);
        List<String> lines = table.lines().toList();
        assertThat(lines.get(0)).startsWith("claim | task").contains("m").contains("other");
        assertThat(lines).anyMatch(l -> l.startsWith("C1 title C1 | capitals") && l.contains("HOLDS"));
        assertThat(lines).anyMatch(l -> l.startsWith("C2 title C2 | capitals") && l.contains("REFUTED")
                && l.trim().endsWith("-"));
        assertThat(lines.get(lines.size() - 1)).isEqualTo("3 verdicts: 2 HOLDS, 1 REFUTED, 0 INCONCLUSIVE");
    }
}
