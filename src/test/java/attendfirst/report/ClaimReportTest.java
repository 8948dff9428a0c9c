package attendfirst.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated front page and model pages, built from the real summary of the last main job of both default
 * models (docs/claims-summary.json) into a report folder laid out as "allure generate" leaves it: one
 * data/test-cases/&lt;uid&gt;.json per claim case (labels and parameters as AllureClaimReport sets them, uids made
 * up here, as Allure makes them up at generation), Allure's index.html and its executors widget.
 */
@Epic("Attend First, Consolidate Later (Ben-Artzy & Schwartz 2024)")
@Feature("claim report")
class ClaimReportTest {

    private static final Path REPO = attendfirst.claim.ClaimCatalogue.RepoRoot.find();
    // a frozen summary of a real main job (both default models, 2026-11-28): the tests plant changes against it
    private static final Path SUMMARY = REPO.resolve("src/test/resources/report/claims-summary-2026-11-28.json");
    private static final Pattern CELL = Pattern.compile("<td class=\"cell (HOLDS|REFUTED|INCONCLUSIVE)[^\"]*\"[^>]*"
            + "data-id=\"([^\"]+)\"[^>]*><a href=\"([^\"]+)\">");

    @TempDir
    Path tmp;
    private Path report;
    private final Map<String, String> uidById = new HashMap<>();

    @BeforeEach
    void anAllureReportOfTheSummarysCases() throws IOException {
        report = tmp.resolve("report");
        Files.createDirectories(report.resolve("data/test-cases"));
        Files.createDirectories(report.resolve("widgets"));
        Files.writeString(report.resolve("index.html"), "<html><body><div id=\"content\"></div>"
                + "<script src=\"app.js\"></script></body></html>");
        Files.writeString(report.resolve("widgets/executors.json"), "[{\"name\":\"x\",\"buildName\":\"claims 1\"}]");
        int i = 0;
        for (JudgedCell c : SummaryFile.read(SUMMARY).cells()) {
            String uid = String.format("%016x", 0x9e3779b97f4a7c15L * ++i);
            uidById.put(c.id(), uid);
            Files.writeString(report.resolve("data/test-cases/" + uid + ".json"), testCase(uid, c));
        }
        // a case that is not a claim case must not disturb the matrix
        Files.writeString(report.resolve("data/test-cases/zzzz.json"), "{\"uid\":\"zzzz\",\"name\":\"other\"}");
    }

    @Test
    void matrixHoldsEveryJudgedCellExactlyOnceWithTheLinkToItsCase() throws IOException {
        // GIVEN the real summary of 66 judged cells, WHEN the pages are built
        build(List.of(), null, null);
        String front = Files.readString(report.resolve("index.html"));
        // THEN each cell is in the matrix once, coloured by its verdict and linked to its own Allure case
        List<JudgedCell> cells = SummaryFile.read(SUMMARY).cells();
        assertThat(cells).hasSize(66);
        Matcher m = CELL.matcher(front);
        List<String> seen = new ArrayList<>();
        while (m.find()) {
            seen.add(m.group(2));
            JudgedCell c = cells.stream().filter(x -> x.id().equals(m.group(2))).findFirst().orElseThrow();
            assertThat(m.group(1)).as(c.id()).isEqualTo(c.verdict().name());
            assertThat(m.group(3)).as(c.id()).isEqualTo("allure.html#testresult/" + uidById.get(c.id()));
        }
        assertThat(seen).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(cells.stream().map(JudgedCell::id).toList());
        // AND Allure's app moved aside, the overview's executor links to the front page
        assertThat(Files.readString(report.resolve("allure.html"))).contains("app.js");
        JsonObject executor = JsonParser.parseString(Files.readString(report.resolve("widgets/executors.json")))
                .getAsJsonArray().get(0).getAsJsonObject();
        assertThat(executor.get("buildUrl").getAsString()).isEqualTo("index.html");
        // AND every model has its page, linked from the matrix header
        for (String model : List.of("gemma3-270m", "smollm2-135m-instruct")) {
            assertThat(front).contains("<a href=\"models/" + model + ".html\">" + model + "</a>");
            String page = Files.readString(report.resolve("models/" + model + ".html"));
            assertThat(page).contains("Model card").contains("SHA-256 pinned").contains("<a href=\"../allure.html"
                    + "#testresult/" + uidById.get("C1|" + model + "|capitals") + "\">");
        }
    }

    @Test
    void theLinksEveryCaseDescriptionCarriesLeadToPagesOfTheBuiltReport() throws IOException {
        // GIVEN the Markdown line AllureClaimReport.describe appends to every case's description
        String markdown = ReportLinks.descriptionMarkdown("gemma3-270m");
        // WHEN the report is built
        build(List.of(), null, null);
        // THEN each link target, taken relative to allure.html (the report folder), is a page that exists
        Matcher links = Pattern.compile("\\]\\(([^)]+)\\)").matcher(markdown);
        List<String> targets = new ArrayList<>();
        while (links.find()) {
            targets.add(links.group(1));
        }
        assertThat(targets).containsExactly("index.html", "models/gemma3-270m.html");
        assertThat(report.resolve(ReportLinks.ALLURE_PAGE)).exists();
        targets.forEach(t -> assertThat(report.resolve(t)).exists());
    }

    @Test
    void anExecutorLinkedToItsCiBuildKeepsItAndTheFrontPageGetsAnEntryOfItsOwn() throws IOException {
        // GIVEN an executor whose build name links to the CI job
        Files.writeString(report.resolve("widgets/executors.json"),
                "[{\"name\":\"GitHub\",\"buildName\":\"run 7\",\"buildUrl\":\"https://ci.example/7\"}]");
        // WHEN the pages are built
        build(List.of(), null, null);
        // THEN the overview lists both links
        JsonArray executors = JsonParser.parseString(Files.readString(report.resolve("widgets/executors.json")))
                .getAsJsonArray();
        assertThat(executors).hasSize(2);
        assertThat(executors.get(0).getAsJsonObject().get("buildUrl").getAsString()).isEqualTo("https://ci.example/7");
        assertThat(executors.get(1).getAsJsonObject().get("buildUrl").getAsString()).isEqualTo("index.html");
    }

    @Test
    void plantedChangeAgainstTheBaselineIsListedWithOldAndNewNumbers() throws IOException {
        // GIVEN expectations that hold every cell of the summary, except smollm2's C2|capitals stored as REFUTED
        // (it HOLDS in the summary)
        Path expectations = tmp.resolve("expectations");
        Files.createDirectories(expectations);
        CellPlan plan = new CellPlan(2, 2, "test", false, 0, 0);
        List<JudgedCell> cells = SummaryFile.read(SUMMARY).cells();
        assertThat(cells).filteredOn(c -> c.id().equals("C2|smollm2-135m-instruct|capitals"))
                .extracting(JudgedCell::verdict).containsExactly(attendfirst.claim.Verdict.Outcome.HOLDS);
        for (String model : cells.stream().map(JudgedCell::model).distinct().toList()) {
            Expectations.write(Expectations.file(expectations, model), model, cells.stream()
                    .filter(c -> c.model().equals(model))
                    .map(c -> Expectations.converted(c.claim() + "|" + c.task(),
                            c.id().equals("C2|smollm2-135m-instruct|capitals") ? "REFUTED" : c.verdict().name(), plan, "test"))
                    .toList());
        }
        // and a baseline summary with numbers for that planted old verdict
        Path baselineSummary = tmp.resolve("baseline-summary.json");
        Files.writeString(baselineSummary, plantVerdict(Files.readString(SUMMARY), "C2", "smollm2-135m-instruct",
                "capitals", "REFUTED", 0.42));
        // WHEN the pages are built
        build(List.of("--expectations", expectations.toString(), "--baseline-summary", baselineSummary.toString()),
                null, null);
        String front = Files.readString(report.resolve("index.html"));
        // THEN exactly that cell is listed as changed, with the old verdict and numbers and the new ones
        List<String> rows = changeRows(front, "changes");
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).contains("data-change=\"C2|smollm2-135m-instruct|capitals\"")
                .contains(">REFUTED<").contains("0.420 [0.420, 0.420]")
                .contains("allure.html#testresult/" + uidById.get("C2|smollm2-135m-instruct|capitals"))
                .contains("score(k) = 0.000 [0.000, 0.000] ≤ 0.055");
        // AND its matrix cell is outlined with its old verdict
        assertThat(front).containsPattern("<td class=\"cell HOLDS changed\"[^>]*data-id=\"C2\\|smollm2-135m-instruct"
                + "\\|capitals\"[^>]*>.*?was REFUTED");
    }

    @Test
    void plantedChangeAgainstThePreviousReportComesFromItsHistoryFolder() throws IOException {
        // GIVEN the previous report's history/ holding its summary, where gemma's C6|squad was HOLDS
        Path previous = tmp.resolve("previous-history");
        Files.createDirectories(previous);
        Files.writeString(previous.resolve(ClaimReport.HISTORY_SUMMARY), plantVerdict(Files.readString(SUMMARY),
                "C6", "gemma3-270m", "squad", "HOLDS", 0.01));
        // WHEN the pages are built
        build(List.of(), previous, null);
        // THEN that one cell is listed against the previous report
        List<String> rows = changeRows(Files.readString(report.resolve("index.html")), "changes-previous");
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).contains("data-change=\"C6|gemma3-270m|squad\"").contains(">HOLDS<")
                .contains(">INCONCLUSIVE<").contains("0.010 [0.010, 0.010]");
        // AND this report leaves its own summary in history/ for the next one
        assertThat(SummaryFile.read(report.resolve("history").resolve(ClaimReport.HISTORY_SUMMARY)).cells())
                .hasSize(66);
    }

    @Test
    void withoutOwnSummaryThePreviousVerdictsComeFromAllureHistory() throws IOException {
        // GIVEN only Allure's history.json of the previous report, where one refuted case had passed
        JudgedCell cell = SummaryFile.read(SUMMARY).cells().stream()
                .filter(c -> c.id().equals("C1|gemma3-270m|capitals")).findFirst().orElseThrow();
        Path previous = tmp.resolve("allure-history");
        Files.createDirectories(previous);
        Files.writeString(previous.resolve("history.json"), "{\"" + ChangeList.sha256(cell.caseName())
                + "\":{\"statistic\":{},\"items\":[{\"uid\":\"a\",\"status\":\"passed\"}]}}");
        // WHEN / THEN
        List<ChangeList.Change> changes = ChangeList.againstAllureHistory(SummaryFile.read(SUMMARY).cells(),
                previous.resolve("history.json"));
        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.oldVerdict()).isEqualTo(ChangeList.State.HOLDS);
            assertThat(c.newVerdict()).isEqualTo(ChangeList.State.REFUTED);
            assertThat(c.newNumbers()).contains("-0.900 [-1.000, -0.767] ≥ -0.100");
        });
    }

    @Test
    void summariesFromTwoRunnersMergeByModelTheNewerWinning() throws IOException {
        // GIVEN runner A judged both models, runner B (later) re-judged gemma only, with C1|capitals now HOLDS
        String all = Files.readString(SUMMARY);
        Path a = tmp.resolve("a.json");
        Files.writeString(a, all);
        JsonObject b = JsonParser.parseString(plantVerdict(all, "C1", "gemma3-270m", "capitals", "HOLDS", 0.0))
                .getAsJsonObject();
        JsonArray gemmaOnly = new JsonArray();
        b.getAsJsonArray("verdicts").forEach(v -> {
            if (v.getAsJsonObject().get("model").getAsString().equals("gemma3-270m")) {
                gemmaOnly.add(v);
            }
        });
        b.add("verdicts", gemmaOnly);
        b.addProperty("generated", "2099-01-01T00:00:00Z");
        Path bFile = tmp.resolve("b.json");
        Files.writeString(bFile, b.toString());
        // WHEN merged
        SummaryFile merged = SummaryFile.merge(List.of(a, bFile));
        // THEN every cell once, gemma's from B, smollm2's from A, and a note says so
        assertThat(merged.cells()).hasSize(66);
        assertThat(merged.cells()).filteredOn(c -> c.id().equals("C1|gemma3-270m|capitals"))
                .singleElement().extracting(JudgedCell::verdict).isEqualTo(attendfirst.claim.Verdict.Outcome.HOLDS);
        assertThat(merged.notes()).singleElement().asString().contains("gemma3-270m").contains("newer");
    }

    @Test
    void aSummaryWithoutVerdictsIsRejectedNamingTheFile() throws IOException {
        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, "{\"generated\":\"x\"}");
        assertThatThrownBy(() -> SummaryFile.read(bad)).hasMessageContaining("bad.json")
                .hasMessageContaining("'verdicts'");
    }

    private void build(List<String> extra, Path previous, Path unused) {
        List<String> args = new ArrayList<>(List.of("--report", report.toString(), "--summary", SUMMARY.toString(),
                "--models", REPO.resolve("fixtures/models").toString()));
        args.addAll(extra);
        if (previous != null) {
            args.addAll(List.of("--previous", previous.toString()));
        }
        ClaimReport.build(attendfirst.run.ClaimReportMain.options(args.toArray(String[]::new)));
    }

    /** The summary with one cell's verdict and measured numbers replaced. */
    static String plantVerdict(String summary, String claim, String model, String task, String verdict, double value) {
        JsonObject root = JsonParser.parseString(summary).getAsJsonObject();
        int found = 0;
        for (var e : root.getAsJsonArray("verdicts")) {
            JsonObject v = e.getAsJsonObject();
            if (v.get("claim").getAsString().equals(claim) && v.get("model").getAsString().equals(model)
                    && v.get("task").getAsString().equals(task)) {
                v.addProperty("verdict", verdict);
                JsonObject measured = v.getAsJsonObject("decisive").getAsJsonObject("measured");
                measured.addProperty("point", value);
                measured.addProperty("lower", value);
                measured.addProperty("upper", value);
                found++;
            }
        }
        assertThat(found).as("planted cell " + claim + "|" + model + "|" + task).isEqualTo(1);
        return root.toString();
    }

    private static List<String> changeRows(String html, String sectionId) {
        int start = html.indexOf("<h2 id=\"" + sectionId + "\">");
        assertThat(start).as("section " + sectionId).isGreaterThanOrEqualTo(0);
        int end = html.indexOf("<h2", start + 4);
        String section = html.substring(start, end < 0 ? html.length() : end);
        return section.lines().filter(l -> l.startsWith("<tr data-change=")).toList();
    }

    private static String testCase(String uid, JudgedCell c) {
        JsonObject o = new JsonObject();
        o.addProperty("uid", uid);
        o.addProperty("name", c.caseName());
        JsonArray labels = new JsonArray();
        labels.add(pair("feature", c.family()));
        labels.add(pair("story", c.claim() + " " + c.title()));
        o.add("labels", labels);
        JsonArray params = new JsonArray();
        params.add(pair("model", c.model()));
        params.add(pair("task", c.task()));
        o.add("parameters", params);
        return o.toString();
    }

    private static JsonObject pair(String name, String value) {
        JsonObject o = new JsonObject();
        o.addProperty("name", name);
        o.addProperty("value", value);
        return o;
    }
}
