package attendfirst.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import attendfirst.claim.ScoreIntervals;
import attendfirst.claim.Estimate;
import attendfirst.claim.Verdict;
import attendfirst.sweep.RunEnvironment;
import attendfirst.sweep.SweepResult;
import attendfirst.sweep.SwitchResult;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the run plots travels in claims-summary.json to the model pages and comes back unchanged. */
@Epic("Attend First, Consolidate Later (Ben-Artzy & Schwartz 2024)")
@Feature("claim report")
class ModelDigestTest {

    @TempDir
    Path tmp;

    @Test
    void curvesCardAndSwitchSharesSurviveTheSummaryRoundTrip() {
        // GIVEN a run that plotted two manipulations of one task and the switch of model m (SYNTHETIC sweeps)
        SweepFigures figures = new SweepFigures(new ScoreIntervals(0.05));
        double[] base = {1, 1, 0, 1};
        double[][][] scores = {{{0, 0, 0, 0}}, {{1, 0, 0, 1}}, {{1, 1, 0, 1}}};
        figures.scorePlot(List.of(new SweepResult("m", 6, "capitals", "exact", "freeze", new int[] {1, 3, 5},
                new long[] {0}, scores, base, 0.01, "x"), new SweepResult("m", 6, "capitals", "exact", "random",
                new int[] {0, 3, 5}, new long[] {0}, scores, base, 0.01, "x")), null);
        figures.switchHeatMap(new SwitchResult("m", 6, new int[] {0, 5}, List.of("Spain->Italy", "Chile->Peru"),
                new int[][] {{1, 1}, {0, 2}}));
        RunEnvironment env = new RunEnvironment(List.of(new RunEnvironment.ModelFile("m", "m.gguf", "abc123")),
                "float32", "cpu()", "0.36.0", "PyTorch 2.7.1", "17", Map.of());
        List<ModelDigest> digests = figures.digests().stream().map(d -> d.withRun(env)).toList();
        // WHEN written with the verdicts and read back
        Path file = tmp.resolve("claims-summary.json");
        ClaimsSummary.write(file, List.of(Verdicts.of("C1", "m", "capitals", Verdict.Outcome.HOLDS)), null, java.util.Map.of(), digests);
        ModelDigest back = SummaryFile.read(file).models().get("m");
        // THEN the card, the curves in the paper's order (random before freeze) and the switch shares are there
        assertThat(back.files()).containsEntry("m.gguf", "abc123");
        assertThat(back.dtype()).isEqualTo("float32");
        assertThat(back.device()).isEqualTo("cpu()");
        assertThat(back.numLayers()).isEqualTo(6);
        ModelDigest.TaskDigest t = back.tasks().get(0);
        assertThat(t.task()).isEqualTo("capitals");
        assertThat(t.chance()).isEqualTo(0.01);
        assertThat(t.baseline().point()).isEqualTo(0.75);
        assertThat(t.curves()).extracting(Curve::label).containsExactly("random", "freeze");
        assertThat(t.curves().get(1).ks()).containsExactly(1, 3, 5);
        assertThat(t.curves().get(1).estimates()).extracting(Estimate::point).containsExactly(0.0, 0.5, 0.75);
        assertThat(back.switchShares().ignored()).extracting(Estimate::point).containsExactly(0.0, 0.5);
        assertThat(back.switchShares().conformed()).extracting(Estimate::point).containsExactly(1.0, 0.0);
        assertThat(back.switchShares().pairs()).isEqualTo(2);
        // AND the cell keeps the claim's paper words and rule for the front page
        JudgedCell cell = SummaryFile.read(file).cells().get(0);
        assertThat(cell.paperWords()).isEqualTo("words");
        assertThat(cell.rule()).startsWith("(baseline - score(k)) / (baseline - chance) <= 0.1");
    }

    @Test
    void aCurveWithMismatchedArraysNamesWhereItIs() throws IOException {
        Path file = tmp.resolve("s.json");
        Files.writeString(file, "{\"verdicts\":[],\"models\":[{\"model\":\"m\",\"numLayers\":4,\"tasks\":[{\"task\":\"t\","
                + "\"metric\":\"exact\",\"chance\":0,\"baseline\":{\"point\":1,\"lower\":1,\"upper\":1},\"curves\":"
                + "[{\"manipulation\":\"random\",\"k\":[0,1],\"score\":{\"point\":[0,1],\"lower\":[0],"
                + "\"upper\":[0,1]}}]}]}]}");
        assertThatThrownBy(() -> SummaryFile.read(file)).hasMessageContaining("s.json")
                .hasMessageContaining("models[m].tasks[t].curves[random].score")
                .hasMessageContaining("2/1/2");
    }
}
