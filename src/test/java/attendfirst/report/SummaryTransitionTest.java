package attendfirst.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The front page missed every transition the run writes (k/kLower/kUpper: SummaryFile only knew the older
 * point/lower/upper form), while the ladder read them: both now read a transition through
 * {@link SummaryTransition}.
 */
@Epic("Infrastructure")
@Feature("Claim report")
class SummaryTransitionTest {

    @TempDir
    Path tmp;

    @Test
    void theFrontPagesReaderAndTheLadderReadTheTransitionTheRunWrites() throws IOException {
        // GIVEN a verdict with a transition as ClaimsSummary writes it (kUpper null: unbounded above)
        Path file = Files.writeString(tmp.resolve("claims-summary.json"), """
                {"generated": "2026-12-02T00:00:00Z", "verdicts": [
                  {"claim": "C5", "title": "switch flips", "family": "switch", "model": "m", "task": "capitals",
                   "numLayers": 18, "verdict": "INCONCLUSIVE", "explanation": "x",
                   "transition": {"definition": "first k where ...", "k": 13, "kLower": 12, "kUpper": null,
                                  "fraction": 0.72, "fractionLower": 0.67, "fractionUpper": null, "confidence": 0.95}}],
                 "models": [{"model": "m", "numLayers": 18, "parameters": 1000, "tasks": []}]}
                """);
        // WHEN the report reads it THEN the cell carries the transition, shown as fractions of depth
        JudgedCell cell = SummaryFile.read(file).cells().get(0);
        assertThat(cell.transition()).isNotNull();
        assertThat(cell.transition().k()).isEqualTo(13);
        assertThat(cell.transition().kUpper()).isNull();
        assertThat(cell.transition().fractionText()).isEqualTo("0.72 [0.67, unbounded] L");
        assertThat(cell.transition().definition()).isEqualTo("first k where ...");
        // and the ladder reads the same layers
        Ladder.Point p = LadderReader.read(List.of(file), LadderReader.Models.none()).points().get(0);
        assertThat(List.of(p.k(), p.kLower())).containsExactly(cell.transition().k(), cell.transition().kLower());
        assertThat(p.kUpper()).isNull();
    }

    @Test
    void anOlderFormAsFractionsIsReadAsLayers() throws IOException {
        Path file = Files.writeString(tmp.resolve("old.json"), """
                {"verdicts": [{"claim": "C3", "title": "t", "family": "random", "model": "m", "task": "capitals",
                   "numLayers": 10, "verdict": "HOLDS", "transition": {"point": 0.6, "lower": 0.5, "upper": 0.8}}]}
                """);
        SummaryTransition t = SummaryFile.read(file).cells().get(0).transition();
        assertThat(List.of(t.k(), t.kLower(), t.kUpper())).containsExactly(6, 5, 8);
        assertThat(t.fractionText()).isEqualTo("0.60 [0.50, 0.80] L");
    }
}
