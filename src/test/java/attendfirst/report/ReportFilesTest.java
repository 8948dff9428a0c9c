package attendfirst.report;

import static org.assertj.core.api.Assertions.assertThat;

import attendfirst.claim.Estimate;
import attendfirst.claim.Verdict;
import attendfirst.sweep.RunEnvironment;
import attendfirst.sweep.SweepResult;
import attendfirst.sweep.SwitchResult;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportFilesTest {

    @TempDir
    Path tmp;

    @Test
    void scorePlotIsAPngOfTheRequestedSize() throws IOException {
        Estimate[] est = {new Estimate(0, 0, 0.1), new Estimate(0.5, 0.4, 0.6), new Estimate(0.8, 0.7, 0.9)};
        byte[] png = ScorePlot.png(ScorePlot.scoreSpec("m | t", 3, List.of(new Curve("random", new int[] {0, 1, 2},
                est)), new Estimate(0.8, 0.75, 0.85), 0.1, new double[] {0.3, 1.0}, "top 70%",
                PaperReference.forTask(List.of("random"))), 640, 400);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(img.getWidth()).isEqualTo(640);
        assertThat(img.getHeight()).isEqualTo(400);
    }

    @Test
    void switchHeatMapColoursAFullShareLightAndAnEmptyShareDark() throws IOException {
        // GIVEN every pair ignores the switch at the only k
        SwitchResult s = new SwitchResult("m", 2, new int[] {1}, List.of("a->b", "c->d"), new int[][] {{0, 0}});
        SwitchShares shares = SwitchShares.of(s, new attendfirst.claim.ScoreIntervals(0.05));
        // WHEN it is drawn
        org.jfree.chart.JFreeChart chart = SwitchHeatMap.chart(shares);
        org.jfree.data.xy.XYZDataset data = (org.jfree.data.xy.XYZDataset) chart.getXYPlot().getDataset();
        // THEN the "original kept" cell (x=0) holds share 1 and is painted the light end of the scale,
        // "conformed" (x=1) share 0 and the dark end
        assertThat(data.getZValue(0, 0)).isEqualTo(1.0);
        assertThat(data.getZValue(0, 1)).isEqualTo(0.0);
        Color kept = (Color) SwitchHeatMap.SCALE.getPaint(data.getZValue(0, 0));
        Color conformed = (Color) SwitchHeatMap.SCALE.getPaint(data.getZValue(0, 1));
        assertThat(brightness(kept)).isGreaterThan(brightness(conformed) + 300);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(SwitchHeatMap.png(shares)));
        assertThat(img.getWidth()).isEqualTo(760);
    }

    @Test
    void sweepCsvHasOneRowPerKSeedExampleAndOnePerBaselineExample() {
        double[] base = {1, 0, 1};
        SweepResult r = new SweepResult("m", 2, "t,with comma", "em", "random", new int[] {0, 1}, new long[] {5, 6},
                new double[][][] {{{0, 0, 0}, {1, 0, 0}}, {{1, 0, 1}, {1, 1, 1}}}, base, 0, "x");
        List<String> lines = SweepCsv.sweeps(List.of(r)).lines().toList();
        assertThat(lines).hasSize(1 + 3 + 2 * 2 * 3);
        assertThat(lines.get(0)).isEqualTo("model,task,metric,manipulation,k,seed,example,score");
        assertThat(lines).contains("m,\"t,with comma\",em,random,1,6,2,1.00000", "m,\"t,with comma\",em,random,baseline,,1,0.00000");
    }

    @Test
    void sweepCsvOfARunCarriesTheRunIdOnEveryRow() {
        SweepResult r = new SweepResult("m", 2, "t", "em", "random", new int[] {0}, new long[] {5},
                new double[][][] {{{0, 1}}}, new double[] {1, 1}, 0, "x");
        List<String> lines = SweepCsv.sweeps(List.of(r), "20261129T000000Z-abc-plan12345678").lines().toList();
        assertThat(lines.get(0)).isEqualTo("model,task,metric,manipulation,k,seed,example,score,run");
        assertThat(lines.subList(1, lines.size())).hasSize(4)
                .allMatch(l -> l.endsWith(",20261129T000000Z-abc-plan12345678"));
        SwitchResult s = new SwitchResult("m", 2, new int[] {1}, List.of("a->b"), new int[][] {{0}});
        assertThat(SweepCsv.switches(s, "run-1").lines()).containsExactly("model,k,pair,outcome,run",
                "m,1,a->b,ignored,run-1");
    }

    @Test
    void resultsOfARunThatHasNotFinishedAreMarkedIncompleteUntilTheEnvironmentIsWritten() throws IOException {
        // GIVEN results of an earlier run, and its history
        Files.writeString(tmp.resolve("old-result.json"), "{}");
        Files.createDirectories(tmp.resolve("history"));
        Files.writeString(tmp.resolve("history/history.json"), "{}");
        AllureResultsFiles files = new AllureResultsFiles(tmp);
        // WHEN a new run starts
        files.clear();
        files.markRunning("run-2");
        // THEN the old results are gone (the history kept) and the run says it has not finished
        assertThat(tmp.resolve("old-result.json")).doesNotExist();
        assertThat(tmp.resolve("history/history.json")).exists();
        assertThat(files.finishedRun()).isFalse();
        assertThat(Files.readString(tmp.resolve("environment.properties"))).contains("run=run-2")
                .contains("run.status=INCOMPLETE");
        assertThat(Files.readString(tmp.resolve("executor.json"))).contains("run-2 (INCOMPLETE");
        // WHEN it finishes THEN the environment says so
        files.writeEnvironment(new RunEnvironment(List.of(), "float32", "cpu()", "0.36.0", "PyTorch 2.7.1", "17",
                Map.of("run", "run-2", "run.status", "finished")));
        assertThat(files.finishedRun()).isTrue();
    }

    @Test
    void categoriesSortRefutedAndInconclusiveVerdictMessagesApart() throws IOException {
        AllureResultsFiles files = new AllureResultsFiles(tmp);
        files.writeCategories();
        JsonArray cats = JsonParser.parseString(Files.readString(tmp.resolve("categories.json"))).getAsJsonArray();
        String refuted = Verdicts.of("C1", "m", "t", Verdict.Outcome.REFUTED).message();
        String inconclusive = Verdicts.of("C1", "m", "t", Verdict.Outcome.INCONCLUSIVE).message();
        assertThat(regex(cats, "Claim refuted").matcher(refuted).matches()).isTrue();
        assertThat(regex(cats, "Claim refuted").matcher(inconclusive).matches()).isFalse();
        assertThat(regex(cats, "Claim inconclusive").matcher(inconclusive).matches()).isTrue();
        assertThat(regex(cats, "Infrastructure error").matcher(refuted).matches()).isFalse();
        assertThat(regex(cats, "Infrastructure error").matcher("java.lang.IllegalStateException: no sweep\nat x")
                .matches()).isTrue();
    }

    @Test
    void environmentPropertiesReadBackAsWritten() throws IOException {
        RunEnvironment env = new RunEnvironment(List.of(new RunEnvironment.ModelFile("smollm2", "S.gguf", "b179c9")),
                "float32", "cpu()", "0.36.0", "PyTorch 2.7.1", "17.0.15", Map.of("note", "a = b: c #d"));
        new AllureResultsFiles(tmp).writeEnvironment(env);
        new AllureResultsFiles(tmp).writeExecutor("build 1", "1");
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(tmp.resolve("environment.properties"))) {
            p.load(in);
        }
        assertThat(p).containsEntry("model.smollm2", "S.gguf sha256=b179c9").containsEntry("device", "cpu()")
                .containsEntry("note", "a = b: c #d").containsEntry("jdk", "17.0.15");
        JsonObject executor = JsonParser.parseString(Files.readString(tmp.resolve("executor.json"))).getAsJsonObject();
        assertThat(executor.get("buildName").getAsString()).isEqualTo("build 1");
        try (var listing = Files.list(tmp)) {
            assertThat(listing.map(f -> f.getFileName().toString())).noneMatch(n -> n.endsWith(".partial"));
        }
    }

    @Test
    void summaryListsEveryVerdictWithItsNumbersAndProvenance() throws IOException {
        Path file = tmp.resolve("target/claims-summary.json");
        ClaimsSummary.write(file, List.of(Verdicts.of("C1", "m", "capitals", Verdict.Outcome.REFUTED)), null);
        JsonObject v = JsonParser.parseString(Files.readString(file)).getAsJsonObject().getAsJsonArray("verdicts")
                .get(0).getAsJsonObject();
        assertThat(v.get("verdict").getAsString()).isEqualTo("REFUTED");
        assertThat(v.getAsJsonObject("decisive").get("k").getAsInt()).isEqualTo(20);
        assertThat(v.getAsJsonObject("decisive").getAsJsonObject("measured").get("point").getAsDouble()).isEqualTo(-0.5);
        assertThat(v.getAsJsonObject("decisive").get("provenance").getAsString()).isEqualTo("ours");
    }

    private static Pattern regex(JsonArray cats, String name) {
        for (var c : cats) {
            if (c.getAsJsonObject().get("name").getAsString().equals(name)) {
                return Pattern.compile(c.getAsJsonObject().get("messageRegex").getAsString());
            }
        }
        throw new AssertionError("no category " + name);
    }

    private static int brightness(Color c) {
        return c.getRed() + c.getGreen() + c.getBlue();
    }
}
