package attendfirst.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import attendfirst.claim.Verdict;
import attendfirst.claim.Verdict.Outcome;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Expectations keyed by (claim, model, task, plan), on SYNTHETIC verdicts; the real-model replay is in ClaimRunOnRealModelTest. */
@Epic("Infrastructure")
@Feature("Expectations")
class ExpectationsTest {

    @TempDir
    Path dir;

    static final CellPlan CAPITALS_16 = new CellPlan(3, 2, "capitals:16:0", true, 0, 0);
    static final CellPlan CAPITALS_4 = new CellPlan(10, 1, "capitals:4:0", true, 0, 0);

    private static Expectations.Judged judged(String claim, String model, Outcome outcome, CellPlan plan) {
        return new Expectations.Judged(Verdicts.of(claim, model, "capitals", outcome), plan);
    }

    private final List<Expectations.Judged> full = List.of(judged("C1", "m", Outcome.HOLDS, CAPITALS_16),
            judged("C2", "m", Outcome.REFUTED, CAPITALS_16), judged("C3", "m", Outcome.INCONCLUSIVE, CAPITALS_16),
            judged("C1", "other", Outcome.HOLDS, CAPITALS_16));

    @Test
    void acceptedVerdictsShowNoRegressionOnTheSameRun() {
        Expectations.Merge m = Expectations.accept(dir, "m", full, false, "run-1");
        assertThat(m.file()).isEqualTo(dir.resolve("m.json"));
        assertThat(m.added()).isEqualTo(3);
        assertThat(Expectations.read(m.file()).cells()).extracting(Expectations.Cell::verdict)
                .containsExactly(Outcome.HOLDS, Outcome.REFUTED, Outcome.INCONCLUSIVE);
        Expectations.Comparison c = Expectations.compare(dir, "m", full);
        assertThat(c.regressions()).isEmpty();
        assertThat(c.compared()).isEqualTo(3);
        assertThat(c.uncovered()).isEmpty();
    }

    @Test
    void aChangedVerdictUnderTheSamePlanIsARegressionGivingBothIntervalsAndBounds() {
        Expectations.accept(dir, "m", full, false, "run-1");
        List<Expectations.Judged> next = List.of(judged("C1", "m", Outcome.REFUTED, CAPITALS_16));
        Expectations.Comparison c = Expectations.compare(dir, "m", next);
        assertThat(c.regressions()).hasSize(1);
        String message = c.regressions().get(0).toString();
        assertThat(message).contains("C1|capitals [stride 3, 2 seeds, capitals:16:0 known-only]")
                .contains("expected HOLDS, got REFUTED")
                .contains("before: at k=20: score(k) - baseline = 0.000 [-0.050, 0.050], required >= -0.100 (run run-1)")
                .contains("now:    at k=20: score(k) - baseline = -0.500 [-0.550, -0.450], required >= -0.100");
        // the cells this run did not judge are counted, not failed
        assertThat(c.uncovered()).hasSize(2);
    }

    @Test
    void aVerdictUnderAnotherPlanIsAChangedPlanNotARegression() {
        Expectations.accept(dir, "m", full, false, "run-1");
        Expectations.Comparison c = Expectations.compare(dir, "m",
                List.of(judged("C1", "m", Outcome.REFUTED, CAPITALS_4)));
        assertThat(c.regressions()).isEmpty();
        assertThat(c.compared()).isZero();
        assertThat(c.planChanges()).singleElement().asString().contains("judged REFUTED under [stride 10, 1 seed,"
                + " capitals:4:0 known-only]").contains("HOLDS under [stride 3, 2 seeds, capitals:16:0 known-only]")
                .contains("changed plan or sample, not compared");
        assertThat(c.uncovered()).hasSize(3);
    }

    @Test
    void aPartialAcceptIsRefusedLeavingTheFileAsItWasUnlessAskedFor() throws IOException {
        Path file = Expectations.accept(dir, "m", full, false, "run-1").file();
        byte[] before = Files.readAllBytes(file);
        List<Expectations.Judged> partial = List.of(judged("C1", "m", Outcome.REFUTED, CAPITALS_16));
        assertThatThrownBy(() -> Expectations.accept(dir, "m", partial, false, "run-2"))
                .isInstanceOf(Expectations.PartialRunException.class)
                .hasMessageContaining("judged 1 (claim, task) cells").hasMessageContaining("holds 3")
                .hasMessageContaining("[C2|capitals, C3|capitals]").hasMessageContaining("--accept-partial");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        // WHEN asked for THEN only the judged cell changes; the other lines stay byte for byte
        Expectations.Merge m = Expectations.accept(dir, "m", partial, true, "run-2");
        assertThat(m.replaced()).isEqualTo(1);
        assertThat(m.kept()).isEqualTo(2);
        assertThat(m.diff()).anySatisfy(d -> assertThat(d).contains("C1|capitals").contains("HOLDS -> REFUTED")
                .contains("[-0.550, -0.450]"));
        List<String> old = Files.readAllLines(file.resolveSibling("m.json"));
        List<String> beforeLines = new String(before).lines().toList();
        assertThat(old).filteredOn(l -> !l.contains("\"claim\":\"C1\""))
                .containsExactlyElementsOf(beforeLines.stream().filter(l -> !l.contains("\"claim\":\"C1\"")).toList());
    }

    @Test
    void noExpectationsFileMeansEveryCellIsNew() {
        Expectations.Comparison c = Expectations.compare(dir, "m", full);
        assertThat(c.regressions()).isEmpty();
        assertThat(c.newCells()).hasSize(3);
    }

    @Test
    void theVerdictOnlyFormatIsRefusedWithHowToConvert() throws IOException {
        Files.writeString(dir.resolve("m.json"), "{\"model\":\"m\",\"verdicts\":{\"C1|capitals\":\"HOLDS\"}}");
        assertThatThrownBy(() -> Expectations.compare(dir, "m", full)).hasMessageContaining("m.json")
                .hasMessageContaining("without the plan").hasMessageContaining("ConvertExpectations");
    }

    @Test
    void malformedCellNamesFileCellAndValue() throws IOException {
        Files.writeString(dir.resolve("m.json"), "{\"format\":2,\"model\":\"m\",\"cells\":[{\"claim\":\"C1\","
                + "\"task\":\"capitals\",\"plan\":{\"layerStride\":3,\"seeds\":2,\"examples\":\"capitals:16:0\","
                + "\"knownOnly\":true},\"verdict\":\"PASSES\"}]}");
        assertThatThrownBy(() -> Expectations.compare(dir, "m", full)).hasMessageContaining("m.json: cells[0]")
                .hasMessageContaining("C1|capitals").hasMessageContaining("'PASSES'");
    }

    @Test
    void strictModeFailsOnEveryRefutation() {
        assertThat(Expectations.strictFailures(full.stream().map(Expectations.Judged::verdict).toList()))
                .containsExactly("m C2|capitals: REFUTED");
    }
}
