package attendfirst.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

@Epic("Infrastructure")
@Feature("Verdict tables")
class VerdictTableTest {
    private static final Path REPO = attendfirst.claim.ClaimCatalogue.RepoRoot.find();
    /** The main job's latest committed summary: the README's "Latest verdicts". */
    private static final Path LATEST = REPO.resolve("docs/claims-summary.json");
    /** Issue 19's two example seeds, compared in docs/stability.md. */
    private static final Path SEED0 = REPO.resolve("docs/claims-summary-seed0.json");
    private static final Path SEED7 = REPO.resolve("docs/claims-summary-seed7.json");

    @Test
    void theReadmeShowsTheTableOfTheCommittedSummaryVerbatim() throws IOException {
        // GIVEN the main job's committed summary WHEN tabled THEN the README's "Latest verdicts" is that table
        // (it was made from the same summary, by the script this class replaced): README and summary agree
        String table = VerdictTable.markdown(SummaryFile.read(LATEST));
        assertThat(table).startsWith("| claim | task | gemma3-270m | smollm2-135m-instruct |\n|---|---|---|---|\n")
                .contains("- gemma3-270m: ").contains("Transition layer, per model and task");
        assertThat(Files.readString(REPO.resolve("README.md"))).contains(table);
    }

    @Test
    void theStabilityPageIsTheComparisonOfTheTwoCommittedSeedsVerbatim() throws IOException {
        String page = VerdictTable.compare(SummaryFile.read(SEED0), SummaryFile.read(SEED7), "example seed 0",
                "example seed 7");
        assertThat(page).contains("Same verdict on **70 of 72 cells = 97.2%**")
                .contains("INCONCLUSIVE by a straddling interval on 27 of 56 testable cells (48%)");
        assertThat(Files.readString(REPO.resolve("docs/stability.md"))).contains(page);
    }

    @Test
    void aCellShowsItsDecisiveCheckTransitionSampleAndSolvedShare() {
        String table = VerdictTable.markdown(SummaryFile.read(SEED0));
        // a decided cell: the band's extreme, its interval against the bound, n and the pool's solved share
        assertThat(table).contains("**REFUTED** most violating k=13: 0.85 [0.53, 0.98] (needs <= 0.25) n=20, "
                + "solves 69 of 96");
        // a cell whose model cannot do the task is not judged: it says so and how many it solves
        assertThat(table).contains("**INCONCLUSIVE** (not testable: solves 1 of 60)");
    }

    @Test
    void theConsoleTableHasOneRowPerClaimAndTaskAndOneColumnPerModel() {
        List<JudgedCell> cells = SummaryFile.read(REPO.resolve("src/test/resources/report/claims-summary-2026-11-29.json"))
                .cells();
        List<String> lines = VerdictTable.console(cells).lines().toList();
        assertThat(lines.get(0)).startsWith("claim | task").contains("gemma3-270m").contains("smollm2-135m-instruct");
        long pairs = cells.stream().map(JudgedCell::key).distinct().count();
        assertThat(lines).hasSize((int) pairs + 3); // header, rule, rows, counts
        long holds = cells.stream().filter(c -> c.verdict() == attendfirst.claim.Verdict.Outcome.HOLDS).count();
        long refuted = cells.stream().filter(c -> c.verdict() == attendfirst.claim.Verdict.Outcome.REFUTED).count();
        assertThat(lines.get(lines.size() - 1)).isEqualTo(cells.size() + " verdicts: " + holds + " HOLDS, " + refuted
                + " REFUTED, " + (cells.size() - holds - refuted) + " INCONCLUSIVE");
        assertThat(VerdictTable.findings(cells)).isEqualTo(refuted + " claims refuted, "
                + (cells.size() - holds - refuted) + " inconclusive, " + holds + " hold");
    }

    @Test
    void aModelThatDidNotJudgeARowShowsADash() {
        List<JudgedCell> cells = SummaryFile.read(SEED0).cells();
        List<JudgedCell> oneMissing = cells.subList(1, cells.size());
        JudgedCell gone = cells.get(0);
        String row = VerdictTable.console(oneMissing).lines()
                .filter(l -> l.startsWith(gone.claim() + " " + gone.title() + " | " + gone.task() + " ")).findFirst()
                .orElseThrow();
        assertThat(row.split("\\s{2,}")).contains("-");
    }

    @Test
    void numbersAreRoundedHalfEvenOnTheStoredValueLikePythonsFormat() {
        assertThat(VerdictTable.fixed(0.125, 2)).isEqualTo("0.12");   // an exact tie: to even
        assertThat(VerdictTable.fixed(0.375, 2)).isEqualTo("0.38");
        assertThat(VerdictTable.fixed(0.145, 2)).isEqualTo("0.14");   // 0.14499999... as stored
        assertThat(VerdictTable.fixed(-0.001, 2)).isEqualTo("-0.00");
        assertThat(VerdictTable.fixed(-10.0, 2)).isEqualTo("-10.00");
        assertThat(VerdictTable.percent(27.0 / 56, 0)).isEqualTo("48%");
        assertThat(VerdictTable.percent(70.0 / 72, 1)).isEqualTo("97.2%");
    }
}
