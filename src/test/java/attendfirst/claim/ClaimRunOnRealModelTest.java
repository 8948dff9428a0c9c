package attendfirst.claim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import attendfirst.fixture.ModelFixtures;
import attendfirst.fixture.Project;
import attendfirst.report.ClaimGate;
import attendfirst.run.ClaimRun;
import attendfirst.run.RunConfig;
import attendfirst.run.RunFolder;
import attendfirst.run.RunWiring;
import com.google.gson.JsonParser;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The baseline workflow replayed on the REAL default model with a small plan (capitals, 4 known examples from
 * an 8-country table, k in {0, 10, 20, 29}, one seed; claims C1 and C6): the cases of issue 10. The sweeps are
 * computed once and shared by the runs of each test; every run writes into a temporary directory (expectations,
 * summary, run folders, Allure results), starting from a copy of the committed reduced baseline.
 */
@Epic("Infrastructure")
@Feature("Baseline workflow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClaimRunOnRealModelTest {
    static final String MODEL = "smollm2-135m-instruct";
    static final Path COMMITTED = Project.root().resolve("fixtures/expectations/reduced/" + MODEL + ".json");

    private CachingSweepProvider sweeps;
    private Path table;
    private Path catalogue;
    private Path dir;

    @BeforeAll
    void loadTheModelOnce(@TempDir Path shared) throws IOException {
        ModelFixtures fixtures = ModelFixtures.load();
        Path weights = Project.modelCache().resolve(fixtures.get(MODEL).source().file());
        assumeTrue(Files.isRegularFile(weights), () -> "weights of " + MODEL + " are not at " + weights
                + "; fetch them with: python3 scripts/fetch_models.py " + MODEL);
        table = Files.writeString(shared.resolve("capitals.tsv"), PlantedClaimsOnRealModelTest.TABLE);
        // the committed catalogue with minSolved 2: the 8-country table gives only a handful of known examples
        com.google.gson.JsonObject json = com.google.gson.JsonParser.parseString(Files.readString(
                Project.root().resolve("fixtures/claims/catalogue.json"))).getAsJsonObject();
        json.getAsJsonObject("minSolved").addProperty("value", 2);
        catalogue = Files.writeString(shared.resolve("catalogue.json"), json.toString());
        sweeps = RunWiring.engineProvider(config(shared, false, false), new PrintStream(OutputStream.nullOutputStream()));
    }

    @AfterAll
    void close() throws Exception {
        if (sweeps != null && sweeps.delegate() instanceof AutoCloseable c) {
            c.close();
        }
    }

    @BeforeEach
    void freshDirectoryWithTheCommittedBaseline(@TempDir Path tmp) throws IOException {
        dir = tmp;
        Files.createDirectories(dir.resolve("expectations"));
        Files.copy(COMMITTED, dir.resolve("expectations").resolve(MODEL + ".json"));
    }

    private RunConfig config(Path base, boolean accept, boolean partial) {
        Properties p = new Properties();
        p.setProperty("attendfirst.models", MODEL);
        p.setProperty("attendfirst.claimIds", "C1,C6");
        p.setProperty("attendfirst.tasks", "capitals:4:0:" + table);
        p.setProperty("attendfirst.claims", catalogue.toString());
        p.setProperty("attendfirst.layerStride", "10");
        p.setProperty("attendfirst.seeds", "1");
        p.setProperty("attendfirst.acceptExpectations", Boolean.toString(accept));
        p.setProperty("attendfirst.acceptPartial", Boolean.toString(partial));
        p.setProperty("attendfirst.expectations", base.resolve("expectations").toString());
        p.setProperty("attendfirst.summary", base.resolve("target/claims-summary.json").toString());
        p.setProperty("attendfirst.gate", base.resolve("target/claims-gate.properties").toString());
        p.setProperty("attendfirst.runs", base.resolve("target/claims-runs").toString());
        p.setProperty("allure.results.directory", base.resolve("allure-results").toString());
        return RunConfig.from(p);
    }

    /** One whole run: judge every case, finish; the gate's report. */
    private ClaimGate.Report run(boolean accept, boolean partial) {
        RunConfig config = config(dir, accept, partial);
        ClaimRun run = new ClaimRun(config, () -> sweeps, new PrintStream(OutputStream.nullOutputStream()));
        config.cases().forEach(run::judge);
        return run.finish();
    }

    private Path expectations() {
        return dir.resolve("expectations").resolve(MODEL + ".json");
    }

    /** How many (claim, task) pairs the committed reduced baseline holds (cells of several plans share a pair). */
    private static long committedPairs() {
        try {
            return Files.readAllLines(COMMITTED, StandardCharsets.UTF_8).stream().filter(l -> l.contains("\"claim\""))
                    .map(l -> l.replaceAll(".*\"claim\":\"([^\"]+)\",\"task\":\"([^\"]+)\".*", "$1|$2")).distinct().count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** How many cells the committed reduced baseline holds (it grows when a run judges new cells). */
    private static int committedCells() {
        try {
            return (int) Files.readAllLines(COMMITTED, StandardCharsets.UTF_8).stream()
                    .filter(l -> l.contains("\"claim\"")).count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aPartialAcceptIsRefusedWithoutBeingAskedForAndLeavesTheBaselineByteForByte() throws IOException {
        byte[] before = Files.readAllBytes(expectations());
        // WHEN a two-claim run is accepted without --accept-partial
        ClaimGate.Report r = run(true, false);
        // THEN the merge is refused, naming what the run did not judge, and the file is untouched
        assertThat(r.problems()).singleElement().asString().contains("refusing to accept " + MODEL)
                .contains("this run judged 2 (claim, task) cells").contains("holds " + committedPairs())
                .contains("--accept-partial");
        // and the console's baseline line says nothing was merged (not "merged: 0 replaced ... commit")
        assertThat(r.baseline()).contains("NOT merged").contains(MODEL).contains("nothing was written")
                .doesNotContain("commit");
        assertThat(Files.readAllBytes(expectations())).isEqualTo(before);
    }

    @Test
    void aPartialAcceptKeepsEveryOtherCellByteForByteAndPrintsTheDiff() throws IOException {
        List<String> before = Files.readAllLines(expectations(), StandardCharsets.UTF_8);
        // WHEN the partial run is accepted with --accept-partial
        ClaimGate.Report r = run(true, true);
        // THEN the stored cells keep their lines exactly; the two judged cells are added under their own plan
        assertThat(r.problems()).isEmpty();
        List<String> after = Files.readAllLines(expectations(), StandardCharsets.UTF_8);
        List<String> oldCells = before.stream().filter(l -> l.contains("\"claim\"")).map(ClaimRunOnRealModelTest::cell)
                .toList();
        assertThat(oldCells).hasSize(committedCells());
        assertThat(after.stream().map(ClaimRunOnRealModelTest::cell).toList()).containsAll(oldCells);
        assertThat(after.stream().filter(l -> l.contains("\"claim\"")).count()).isEqualTo(committedCells() + 2);
        assertThat(r.notes()).anySatisfy(n -> assertThat(n).contains("+ C1|capitals [stride 10, 1 seed, capitals:4:0:")
                .contains("at k="));
        assertThat(r.notes()).anySatisfy(n -> assertThat(n)
                .contains(committedCells() + " stored cell(s) not judged by this run, kept"));
        assertThat(Files.readString(expectations())).contains("\"run\":\"" + r.runId() + "\"");
    }

    @Test
    void aPartialRunWithoutAcceptPassesTheGateComparingOnlyWhatItJudgedAndCountingTheRest() throws IOException {
        // GIVEN a baseline that also holds C1 under this small plan
        run(true, true);
        Files.writeString(expectations(), Files.readString(expectations()).replaceAll(
                "\\{\"claim\":\"C6\",\"task\":\"capitals\",\"plan\":\\{\"layerStride\":10[^\\n]*\\n", ""));
        Files.writeString(expectations(), Files.readString(expectations()).replace("},\n  ]", "}\n  ]"));
        // WHEN the same partial run is judged without --accept
        ClaimGate.Report r = run(false, false);
        // THEN nothing fails: C1 compared; C6, stored only under the reduced plan, reported as a changed plan (not a
        // regression); the cells stored under the reduced plan counted as not covered
        assertThat(r.problems()).isEmpty();
        assertThat(r.baseline()).startsWith("0 regression(s)").contains("1 cell(s) compared")
                .contains(committedCells() + " stored cell(s) not covered").contains("1 judged under a changed plan");
        assertThat(r.notes()).anySatisfy(n -> assertThat(n).startsWith("changed plan: " + MODEL + " C6|capitals")
                .contains("[stride 3, 2 seeds, capitals:16:0 known-only]"));
        assertThat(r.notes()).anySatisfy(n -> assertThat(n).contains(committedCells() + " stored cell(s) of " + MODEL));
    }

    @Test
    void aChangedVerdictUnderTheSamePlanIsARegressionWithBothIntervalsAndBounds() throws IOException {
        // GIVEN the small plan's cells accepted, then C1's stored verdict and numbers edited to the opposite
        run(true, true);
        String stored = Files.readString(expectations());
        String c1 = stored.lines().filter(l -> l.contains("\"claim\":\"C1\"") && l.contains("\"layerStride\":10"))
                .findFirst().orElseThrow();
        String verdict = c1.replaceAll(".*\"verdict\":\"([A-Z]+)\".*", "$1");
        String flipped = verdict.equals("HOLDS") ? "REFUTED" : "HOLDS";
        Files.writeString(expectations(), stored.replace(c1, c1.replace("\"verdict\":\"" + verdict + "\"",
                "\"verdict\":\"" + flipped + "\"")));
        // WHEN judged again under the same plan
        ClaimGate.Report r = run(false, false);
        // THEN the regression names the cell, both verdicts, and both intervals with their bounds
        assertThat(r.problems()).singleElement().asString().contains("REGRESSION " + MODEL + " C1|capitals [stride 10")
                .contains("expected " + flipped + ", got " + verdict)
                .containsPattern("before: at k=\\d+: headroom lost = -?\\d+\\.\\d{3} \\[-?\\d+\\.\\d{3}, -?\\d+\\.\\d{3}\\],"
                        + " required <= -?\\d\\.\\d{3}")
                .containsPattern("now: +at k=\\d+: headroom lost = -?\\d+\\.\\d{3} \\[");
    }

    @Test
    void aFinishedRunSaysWhatItIsInSummaryEnvironmentExecutorAndFolder() throws IOException {
        ClaimGate.Report r = run(false, false);
        // summary: in place, with the run id and status
        var summary = JsonParser.parseString(Files.readString(dir.resolve("target/claims-summary.json")))
                .getAsJsonObject().getAsJsonObject("run");
        assertThat(summary.get("id").getAsString()).isEqualTo(r.runId());
        assertThat(summary.get("status").getAsString()).isEqualTo("finished");
        assertThat(RunFolder.statusOf(dir.resolve("target/claims-runs").resolve(r.runId()))).isEqualTo("finished");
        // environment: written at the end, with what was really loaded
        Properties env = new Properties();
        try (Reader in = Files.newBufferedReader(dir.resolve("allure-results/environment.properties"))) {
            env.load(in);
        }
        assertThat(env.getProperty("model." + MODEL)).isEqualTo("SmolLM2-135M-Instruct.Q4_1.gguf sha256="
                + "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53");
        assertThat(env).containsEntry("dtype", "float32").containsEntry("device", "cpu()")
                .containsEntry("djl", "0.36.0").containsEntry("engine", "PyTorch 2.7.1")
                .containsEntry("run", r.runId()).containsEntry("run.status", "finished");
        assertThat(env.getProperty("threads")).startsWith("intra-op ");
        assertThat(env.getProperty("plan")).contains("layerStride=10 seeds=1");
        assertThat(Files.readString(dir.resolve("allure-results/executor.json"))).contains(r.runId());
        assertThat(r.runId()).matches("\\d{8}T\\d{6}Z-[0-9a-f]{10}(\\+dirty)?-plan[0-9a-f]{8}");
    }

    /** A cell line without the trailing comma (the last cell has none). */
    private static String cell(String line) {
        return line.endsWith(",") ? line.substring(0, line.length() - 1) : line;
    }
}
