package attendfirst.report;

import attendfirst.claim.ClaimCatalogue;
import attendfirst.fixture.ModelFixture;
import attendfirst.fixture.ModelFixtures;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the claim pages into a report folder that "allure generate" has just written: moves Allure's app aside
 * to allure.html, writes the front page (index.html), one page per model (models/), their figures, and the
 * merged summary into history/ (so the next report, which receives this report's history/, can say what
 * changed), and the model ladder (ladder.html). Points the overview's Executors widget at the front page when the executor has no build link.
 *
 * <pre>
 * java attendfirst.run.ClaimReportMain --report allure-report.partial --summary target/claims-summary.json
 *      [--summary other-runner/claims-summary.json ...] [--expectations fixtures/expectations/main]
 *      [--baseline-summary docs/claims-summary.json] [--previous allure-results/history]
 *      [--models fixtures/models] [--catalogue fixtures/claims/catalogue.json]
 * </pre>
 */
public final class ClaimReport {

    /** The merged summary left in history/ for the next report. */
    public static final String HISTORY_SUMMARY = "claims-summary.json";

    /** The report's inputs (attendfirst.run.ClaimReportMain reads them from the command line). */
    public record Options(Path report, List<Path> summaries, Path expectations, Path baselineSummary, Path previous,
                          Path models, Path catalogue) {
    }

    private ClaimReport() {
    }

    public static void build(Options o) {
        Path report = o.report();
        SummaryFile summary = SummaryFile.merge(o.summaries());
        List<String> notes = new ArrayList<>(summary.notes());
        moveAllureAside(report);
        AllureCases cases;
        if (Files.isDirectory(report.resolve("data").resolve("test-cases"))) {
            cases = AllureCases.read(report);
        } else {
            cases = AllureCases.none();
            notes.add(report + " has no Allure data: cells are not linked to cases");
        }
        List<JudgedCell> cells = summary.cells();
        long unlinked = cells.stream().filter(c -> cases.uid(c) == null).count();
        if (unlinked > 0) {
            notes.add(unlinked + " judged cells have no case in this Allure report");
        }

        List<ChangeList.Change> baselineChanges = List.of();
        if (o.expectations() != null && Files.isDirectory(o.expectations())) {
            List<JudgedCell> numbers = o.baselineSummary() != null && Files.isRegularFile(o.baselineSummary())
                    ? SummaryFile.read(o.baselineSummary()).cells() : List.of();
            baselineChanges = ChangeList.againstBaseline(cells, o.expectations(), numbers);
            notes.add("baseline: " + o.expectations() + (numbers.isEmpty() ? "" : ", old numbers from "
                    + o.baselineSummary()));
        }
        List<ChangeList.Change> previousChanges = List.of();
        String previousNote;
        Path prevSummary = o.previous() == null ? null : o.previous().resolve(HISTORY_SUMMARY);
        Path prevHistory = o.previous() == null ? null : o.previous().resolve("history.json");
        if (prevSummary != null && Files.isRegularFile(prevSummary)) {
            previousChanges = ChangeList.againstPrevious(cells, SummaryFile.read(prevSummary).cells());
            previousNote = "compared with the previous report's summary " + prevSummary;
        } else if (prevHistory != null && Files.isRegularFile(prevHistory)) {
            previousChanges = ChangeList.againstAllureHistory(cells, prevHistory);
            previousNote = "compared with the previous report's Allure history " + prevHistory;
        } else {
            previousNote = "there is no previous report to compare with";
        }

        // front-page figures: every model on k/L beside the paper
        Map<String, List<String>> familyFigures = new LinkedHashMap<>();
        PaperFigures.acrossModels(summary.models().values()).forEach((family, byTask) -> byTask.forEach((task, spec) -> {
            String file = "figures/paper-" + family + "-" + ReportLinks.slug(task) + ".png";
            AtomicFiles.write(report.resolve(file), ScorePlot.png(spec, 900, 600));
            familyFigures.computeIfAbsent(family, f -> new ArrayList<>()).add(file);
        }));

        Map<String, String> paperWords = new LinkedHashMap<>();
        if (o.catalogue() != null && Files.isRegularFile(o.catalogue())) {
            ClaimCatalogue.load(o.catalogue()).claims().forEach(c -> paperWords.put(c.id(), c.paperWords()));
        }
        AtomicFiles.write(report.resolve(ReportLinks.FRONT_PAGE), FrontPage.html(new FrontPage.Input(cells, cases,
                baselineChanges, previousChanges, previousNote, paperWords, familyFigures, summary.sources(), notes)));

        ModelFixtures fixtures = o.models() != null && Files.isDirectory(o.models()) ? ModelFixtures.load(o.models())
                : null;
        for (String model : cells.stream().map(JudgedCell::model).distinct().toList()) {
            ModelDigest digest = summary.models().get(model);
            Map<String, String> figures = new LinkedHashMap<>();
            String slug = ReportLinks.slug(model);
            if (digest != null) {
                for (ModelDigest.TaskDigest t : digest.tasks()) {
                    String file = slug + "-" + ReportLinks.slug(t.task()) + ".png";
                    AtomicFiles.write(report.resolve("models").resolve(file),
                            ScorePlot.png(PaperFigures.task(model, digest.numLayers(), t), 900, 600));
                    figures.put(t.task(), file);
                }
                if (digest.switchShares() != null) {
                    AtomicFiles.write(report.resolve("models").resolve(slug + "-switch.png"),
                            SwitchHeatMap.png(digest.switchShares()));
                    figures.put("switch", slug + "-switch.png");
                    AtomicFiles.write(report.resolve("models").resolve(slug + "-switch-shares.png"),
                            ScorePlot.png(PaperFigures.switchShares(digest.switchShares()), 900, 560));
                    figures.put("switch-shares", slug + "-switch-shares.png");
                }
            }
            ModelFixture fixture = fixtures != null && fixtures.names().contains(model) ? fixtures.get(model) : null;
            List<JudgedCell> own = cells.stream().filter(c -> c.model().equals(model)).toList();
            AtomicFiles.write(report.resolve(ReportLinks.modelPage(model)),
                    ModelPage.html(new ModelPage.Input(model, digest, fixture, own, cases, figures)));
        }
        // the model ladder of the models in these summaries (scripts/claim-report.sh --ladder adds more)
        LadderReader.Models ladderModels = o.models() != null && Files.isDirectory(o.models())
                ? LadderReader.Models.fixtures(o.models()) : LadderReader.Models.none();
        LadderPage.write(report, LadderReader.read(o.summaries(), ladderModels));
        ClaimsSummary.writeMerged(report.resolve("history").resolve(HISTORY_SUMMARY), summary);
        linkExecutor(report);
    }

    /**
     * Allure's app becomes allure.html so that index.html, the page a browser opens first, is the matrix. The
     * app loads its data by relative URLs, so it runs the same under either name.
     */
    static void moveAllureAside(Path report) {
        Path index = report.resolve(ReportLinks.FRONT_PAGE);
        Path allure = report.resolve(ReportLinks.ALLURE_PAGE);
        try {
            if (Files.isRegularFile(index) && Files.readString(index, StandardCharsets.UTF_8).contains("app.js")) {
                Files.move(index, allure, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move Allure's " + index + " to " + allure, e);
        }
    }

    /** The overview's Executors widget links the build name to buildUrl: make it the front page if unset. */
    static void linkExecutor(Path report) {
        Path widget = report.resolve("widgets").resolve("executors.json");
        if (!Files.isRegularFile(widget)) {
            return;
        }
        try {
            JsonElement e = JsonParser.parseString(Files.readString(widget, StandardCharsets.UTF_8));
            JsonArray list = e.isJsonArray() ? e.getAsJsonArray() : new JsonArray();
            if (list.isEmpty()) {
                JsonObject o = new JsonObject();
                o.addProperty("name", "attend-first claims harness");
                o.addProperty("type", "maven");
                list.add(o);
            }
            boolean linked = false;
            for (JsonElement x : list) {
                JsonObject o = x.getAsJsonObject();
                if (!o.has("buildUrl") || o.get("buildUrl").isJsonNull()) {
                    o.addProperty("buildUrl", ReportLinks.FRONT_PAGE);
                    String name = o.has("buildName") && !o.get("buildName").isJsonNull()
                            ? o.get("buildName").getAsString() + ": " : "";
                    o.addProperty("buildName", name + "claims × models matrix");
                }
                linked |= ReportLinks.FRONT_PAGE.equals(o.get("buildUrl").getAsString());
            }
            if (!linked) {
                // the executor links to its CI build; the front page gets an entry of its own
                JsonObject o = new JsonObject();
                o.addProperty("name", "claim report");
                o.addProperty("type", "maven");
                o.addProperty("buildName", "claims × models matrix");
                o.addProperty("buildUrl", ReportLinks.FRONT_PAGE);
                list.add(o);
            }
            AtomicFiles.write(widget, new GsonBuilder().setPrettyPrinting().create().toJson(list));
        } catch (IOException | RuntimeException ex) {
            throw new IllegalStateException("cannot add the front-page link to " + widget + ": " + ex.getMessage(), ex);
        }
    }
}
