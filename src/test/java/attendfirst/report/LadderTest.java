package attendfirst.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qameta.allure.Epic;
import io.qameta.allure.Feature;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYAnnotation;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYDataset;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model ladder built from frozen summaries: the real main job of both default models (2026-11-29, the
 * summary behind the README's transition table, with C3 and C5 transition estimates) and a synthetic summary of
 * the two Qwen2.5 models (made-up numbers, marked SYNTHETIC, standing in until their real runs are committed).
 * The assertions are on what a reader sees: rows, intervals, sentences, links, and the figure's points and bars.
 */
@Epic("Attend First, Consolidate Later (Ben-Artzy & Schwartz 2024)")
@Feature("model ladder")
class LadderTest {

    private static final Path REPO = attendfirst.claim.ClaimCatalogue.RepoRoot.find();
    static final Path REAL = REPO.resolve("src/test/resources/report/claims-summary-2026-11-29.json");
    static final Path SYNTHETIC = REPO.resolve("src/test/resources/report/ladder/claims-summary-qwen-synthetic.json");
    /** The default models' counts as their model cards give them (the frozen summary predates recorded counts). */
    private static final Map<String, Long> CARDS = Map.of("smollm2-135m-instruct", 134_515_008L,
            "gemma3-270m", 268_098_176L);

    /** Cards for the default models, the committed configs for the paper's, the fixtures' display names. */
    static LadderReader.Models models() {
        LadderReader.Models fixtures = LadderReader.Models.fixtures(REPO.resolve("fixtures/models"));
        return new LadderReader.Models() {
            @Override
            public ParameterCount.Counted parameters(String model) {
                return CARDS.containsKey(model) ? new ParameterCount.Counted(OptionalLong.of(CARDS.get(model)),
                        "model card (test)") : fixtures.parameters(model);
            }

            @Override
            public String displayName(String model) {
                return fixtures.displayName(model);
            }
        };
    }

    @TempDir
    Path tmp;
    private Ladder ladder;

    @BeforeEach
    void theLadderOfFourModels() {
        ladder = LadderReader.read(List.of(REAL, SYNTHETIC), models());
    }

    @Test
    void everyTransitionEstimateIsAPointOfItsModelOrderedBySize() {
        // THEN four models by size, 8 real points (C3 on 3 tasks per model, C5 on capitals) and 4 synthetic ones
        assertThat(ladder.models()).extracting(Ladder.Model::model).containsExactly("smollm2-135m-instruct",
                "gemma3-270m", "qwen2.5-coder-0.5b-instruct", "qwen2.5-coder-1.5b-instruct");
        assertThat(ladder.models()).extracting(Ladder.Model::parametersFrom)
                .containsExactly("model card (test)", "model card (test)", "the run's summary", "the run's summary");
        assertThat(ladder.points()).hasSize(12);
        assertThat(ladder.claims()).containsExactly("C3", "C5");
        Ladder.Point gemmaSwitch = find("gemma3-270m", "C5", "capitals");
        assertThat(gemmaSwitch.layerText()).isEqualTo("13 [13, none < 18] of 18");
        assertThat(gemmaSwitch.fractionText()).isEqualTo("0.72 [0.67, unbounded]"); // 13 widened to 12: 11 swept before
        assertThat(gemmaSwitch.unbounded()).isTrue();
        assertThat(find("smollm2-135m-instruct", "C3", "capitals").fractionText()).isEqualTo("0.90 [0.80, 0.97]");
        assertThat(find("smollm2-135m-instruct", "C3", "capitals").grid()).isEqualTo("1, 3, 5, …, 29");
        assertThat(find("qwen2.5-coder-0.5b-instruct", "C3", "capitals").grid()).isEqualTo("not in the summary");
        assertThat(find("qwen2.5-coder-1.5b-instruct", "C5", "capitals").fractionText())
                .isEqualTo("not reached [0.93, unbounded]");
        // the paper's models from their committed configs: Llama 2 7B, Mistral 7B, Yi-6B, Llemma 7B
        assertThat(ladder.paperParameters()).containsEntry("llama2-7b", 6_738_415_616L)
                .containsEntry("mistral-7b-v0.1", 7_241_732_096L).containsKeys("yi-6b", "llemma-7b");
    }

    @Test
    void thePageShowsEveryPointWithItsIntervalTheSentencesAndTheLinks() throws IOException {
        // GIVEN a report folder in which only Gemma has a model page
        Path report = tmp.resolve("report");
        Files.createDirectories(report.resolve("models"));
        Files.writeString(report.resolve(ReportLinks.modelPage("gemma3-270m")), "<html></html>");
        // WHEN the ladder is written
        LadderPage.write(report, ladder);
        String html = Files.readString(report.resolve(LadderPage.PAGE));
        // THEN each point has its row with layer and fraction intervals
        for (Ladder.Point p : ladder.points()) {
            String row = row(html, "data-point=\"" + JudgedCell.id(p.claim(), p.model(), p.task()) + "\"");
            assertThat(row).as(p.series() + " " + p.model()).contains(Html.esc(p.layerText()))
                    .contains(Html.esc(p.fractionText())).contains(">" + p.verdict() + "<");
        }
        assertThat(row(html, "data-point=\"C5|gemma3-270m|capitals\"")).contains("13 [13, none &lt; 18] of 18")
                .contains("0.72 [0.67, unbounded]").contains("268M").contains("1, 3, 5, …, 17");
        // the paper beside them: the switch flips at their models' sizes, random's described stretch
        assertThat(row(html, "data-paper=\"mistral-7b-v0.1\"")).contains("7.24B").contains("17 of 32")
                .contains("0.53");
        assertThat(row(html, "data-paper=\"yi-6b\"")).contains("22 of 32").contains("0.69");
        assertThat(row(html, "data-paper=\"random\"")).contains("0.50–0.70").contains("6.06B–7.24B");
        // the sentences: nothing on C5 is monotone, and the small models sit above the paper's flips
        assertThat(html).contains("4 models (135M to 1.78B parameters), 5 claim × task series: none shows a change")
                .contains("C5 on capitals: only smollm2-135m-instruct and qwen2.5-coder-0.5b-instruct, "
                        + "smollm2-135m-instruct and qwen2.5-coder-1.5b-instruct, qwen2.5-coder-0.5b-instruct and "
                        + "qwen2.5-coder-1.5b-instruct differ (intervals apart)")
                .contains("so no monotone trend can be claimed")
                .contains("C3 on capitals-full: the two models&#39; intervals overlap")
                .contains("C3 on squad: one model only");
        // links: back to the front page and Allure, to the model page that exists, none to pages that do not
        assertThat(html).contains("href=\"index.html\"").contains("href=\"allure.html\"")
                .contains("<a href=\"models/gemma3-270m.html\">gemma3-270m</a>")
                .doesNotContain("href=\"models/smollm2-135m-instruct.html\"")
                .contains("<img src=\"figures/ladder.png\"");
        // where each model came from, synthetic ones saying so
        assertThat(row(html, "data-model=\"qwen2.5-coder-0.5b-instruct\"")).contains("630,167,424")
                .contains("run SYNTHETIC-ladder-test");
        BufferedImage png = ImageIO.read(report.resolve(LadderPage.FIGURE).toFile());
        assertThat(png.getWidth()).isEqualTo(1200);
        assertThat(png.getHeight()).isEqualTo(760);
    }

    @Test
    void theFigureDrawsEachPointWithItsBarOnALogAxisAndTheOpenEndsInWords() {
        // WHEN drawn
        JFreeChart chart = LadderPlot.chart(ladder);
        XYPlot plot = chart.getXYPlot();
        // THEN x is the parameter count on a log axis spanning our models and the paper's
        assertThat(plot.getDomainAxis()).isInstanceOf(LogAxis.class);
        assertThat(plot.getDomainAxis().getLowerBound()).isLessThan(134_515_008.0);
        assertThat(plot.getDomainAxis().getUpperBound()).isGreaterThan(7_241_732_096.0);
        // one series per claim × task, each point at its fraction with its interval (open ends up to 1.0)
        YIntervalSeriesCollection data = (YIntervalSeriesCollection) plot.getDataset(0);
        assertThat(data.getSeriesCount()).isEqualTo(5);
        int items = 0;
        for (int s = 0; s < data.getSeriesCount(); s++) {
            String series = (String) data.getSeriesKey(s);
            for (int i = 0; i < data.getItemCount(s); i++) {
                double x = data.getXValue(s, i);
                Ladder.Point p = ladder.points().stream().filter(q -> q.series().equals(series)
                        && Math.abs(Math.log(q.parameters() / x)) < 0.2).findFirst().orElseThrow();
                assertThat(data.getYValue(s, i)).isEqualTo(p.reached() ? p.point() : 1.0);
                assertThat(data.getStartYValue(s, i)).isEqualTo(Math.min(p.lo(), 1.0));
                assertThat(data.getEndYValue(s, i)).isEqualTo(Math.min(p.hi(), 1.0));
                items++;
            }
        }
        assertThat(items).isEqualTo(12);
        // the open ends marked: 3 unbounded (SmolLM2 C3 arithmetic and capitals-full, Gemma C5), 1 not reached
        List<String> words = plot.getAnnotations().stream().filter(a -> a instanceof XYTextAnnotation)
                .map(a -> ((XYTextAnnotation) a).getText()).toList();
        assertThat(words.stream().filter("▲"::equals)).hasSize(3);
        assertThat(words.stream().filter("✕"::equals)).hasSize(1);
        assertThat(words).contains("SmolLM2-135M-Instruct (L=30)", "Mistral-7B flips at 17/32");
        // the paper's flips: three open diamonds at Mistral's, Llama 2's and Yi's sizes
        XYDataset paper = plot.getDataset(1);
        assertThat(paper.getItemCount(0)).isEqualTo(3);
        assertThat(paper.getXValue(0, 0)).isEqualTo(7_241_732_096.0);
        assertThat(paper.getYValue(0, 0)).isEqualTo(17 / 32.0);
        assertThat(((org.jfree.chart.renderer.xy.AbstractXYItemRenderer) plot.getRenderer(0)).getAnnotations())
                .hasSize(1); // random's described stretch, a box
        assertThat(plot.getFixedLegendItems().getItemCount()).isEqualTo(7);
    }

    @Test
    void theReadmeTableHasTheSameRowsAndSentences() {
        String md = LadderMarkdown.render(ladder, "docs/ladder.png");
        assertThat(md).contains("| gemma3-270m | 268M | 18 | C5 | capitals | INCONCLUSIVE | 13 [13, none < 18] of 18 "
                + "| 1, 3, 5, …, 17 | 0.72 [0.67, unbounded] |")
                .contains("| llama2-7b (paper) | 6.74B | 32 | paper: Llama2-7B flips at 18/32 | | | 18 of 32 "
                        + "| as read off the paper | 0.56 |")
                .contains("- C5 against the paper's 0.53–0.69 of depth: 2 of 4 intervals lie wholly above it")
                .contains("![transition layer against model size](docs/ladder.png)");
        assertThat(md.lines().filter(l -> l.startsWith("| ") && !l.contains("(paper)") && !l.contains("paper's 4")
                && !l.startsWith("| model"))).hasSize(12);
    }

    @Test
    void theRealQwenRunJoinsTheLadderWithItsCoarserGrid() {
        // GIVEN the real run of Qwen2.5-Coder-0.5B (issue 21, 2026-12-02: capitals and the switch, every 4th layer)
        Path qwen = REPO.resolve("src/test/resources/report/ladder/"
                + "claims-summary-qwen2.5-coder-0.5b-instruct-2026-12-02.json");
        Ladder real = LadderReader.read(List.of(REAL, qwen), models());
        // THEN its two points, the lower ends widened to its grid (21 judged, 17 swept before it: from 18 of 24)
        Ladder.Point c3 = real.points().stream().filter(p -> p.model().startsWith("qwen") && p.claim().equals("C3"))
                .findFirst().orElseThrow();
        assertThat(c3.layerText()).isEqualTo("21 [21, 23] of 24");
        assertThat(c3.grid()).isEqualTo("1, 5, 9, …, 23");
        assertThat(c3.fractionText()).isEqualTo("0.88 [0.75, 0.96]");
        // and three models whose C3 and C5 intervals on capitals all overlap: no trend can be claimed
        assertThat(real.models()).hasSize(3);
        List<String> said = LadderFinding.sentences(real);
        assertThat(said).anySatisfy(x -> assertThat(x).startsWith("C3 on capitals: the intervals of all 3 models "
                + "overlap").endsWith("no trend can be claimed."));
        assertThat(said).anySatisfy(x -> assertThat(x).startsWith("C5 on capitals: the intervals of all 3 models "
                + "overlap").endsWith("no trend can be claimed."));
        assertThat(LadderFinding.headline(real)).startsWith("3 models (135M to 630M parameters), 5 claim × task "
                + "series: none shows a change");
    }

    @Test
    void theLowerEndIsWidenedToTheLayerAfterThePreviousSweptK() {
        int[] everySecond = {1, 3, 5, 7, 9};
        assertThat(LadderReader.widened(7, everySecond)).isEqualTo(6);
        assertThat(LadderReader.widened(1, everySecond)).isEqualTo(1); // nothing swept below
        assertThat(LadderReader.widened(7, new int[] {1, 2, 3, 4, 5, 6, 7})).isEqualTo(7); // every layer swept
        assertThat(LadderReader.widened(7, null)).isEqualTo(7); // grid unknown: as judged
        assertThat(LadderReader.widened(null, everySecond)).isNull();
        assertThat(LadderReader.gridText(everySecond)).isEqualTo("1, 3, 5, …, 9");
    }

    @Test
    void theNewestSummaryOfAModelWinsAndTheOlderIsNamed() throws IOException {
        // GIVEN an older summary of the same Qwen model with another transition
        String older = Files.readString(SYNTHETIC).replace("2026-12-01T00:00:00Z", "2026-11-01T00:00:00Z")
                .replace("\"k\": 18,", "\"k\": 17,");
        Path file = tmp.resolve("older.json");
        Files.writeString(file, older);
        // WHEN read with the newer one, in either order THEN the newer's points are used and the older is named
        for (List<Path> order : List.of(List.of(file, SYNTHETIC), List.of(SYNTHETIC, file))) {
            Ladder l = LadderReader.read(order, models());
            assertThat(l.points()).hasSize(4);
            assertThat(l.points().stream().filter(p -> p.claim().equals("C3")).map(Ladder.Point::k)).containsOnly(18);
            assertThat(String.join("\n", l.sources())).contains(file.toString());
        }
    }

    @Test
    void readsOlderTransitionFormsAndTreatsKEqualToLAsNotReached() throws IOException {
        // GIVEN a transition as layers point/lower/upper, one with kUpper = L, and one model without a count
        Path file = tmp.resolve("s.json");
        Files.writeString(file, """
                {"generated": "2026-01-01", "verdicts": [
                  {"claim": "C3", "title": "c3", "family": "random", "model": "x", "task": "t", "numLayers": 10,
                   "verdict": "HOLDS", "transition": {"point": 6, "lower": 5, "upper": 8}},
                  {"claim": "C5", "title": "c5", "family": "switch", "model": "x", "task": "capitals", "numLayers": 10,
                   "verdict": "INCONCLUSIVE", "transition": {"k": 7, "kLower": 6, "kUpper": 10}},
                  {"claim": "C5", "title": "c5", "family": "switch", "model": "nocount", "task": "capitals",
                   "numLayers": 10, "verdict": "INCONCLUSIVE", "transition": {"k": 7, "kLower": 6, "kUpper": 9}}],
                 "models": [{"model": "x", "numLayers": 10, "parameters": 1000000, "tasks": []}]}
                """);
        // WHEN read
        Ladder l = LadderReader.read(List.of(file), LadderReader.Models.none());
        // THEN both of x's points, the second unbounded; the model without a count is left off, with the reason
        assertThat(l.points()).extracting(Ladder.Point::fractionText)
                .containsExactly("0.60 [0.50, 0.80]", "0.70 [0.60, unbounded]");
        assertThat(l.models()).extracting(Ladder.Model::model).containsExactly("x");
        assertThat(String.join("\n", l.sources())).contains("nocount: left off the ladder, its parameter count is "
                + "unknown");
    }

    @Test
    void anImpossibleIntervalIsAnErrorNamingFileAndVerdict() throws IOException {
        Path file = tmp.resolve("bad.json");
        Files.writeString(file, """
                {"verdicts": [{"claim": "C3", "title": "c3", "family": "random", "model": "x", "task": "t",
                  "numLayers": 10, "verdict": "HOLDS", "transition": {"k": 4, "kLower": 6, "kUpper": 9}}],
                 "models": [{"model": "x", "numLayers": 10, "parameters": 5, "tasks": []}]}
                """);
        assertThatThrownBy(() -> LadderReader.read(List.of(file), LadderReader.Models.none()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file + ": verdicts[0].transition: needs kLower <= k <= kUpper, got 6 <= 4 <= 9");
    }

    @Test
    void theClaimReportWritesTheLadderAndTheFrontPageLinksIt() throws IOException {
        // GIVEN a report folder without Allure data WHEN the claim pages are built from the real summary
        Path report = tmp.resolve("r");
        Files.createDirectories(report);
        ClaimReport.build(new ClaimReport.Options(report, List.of(REAL), null, null, null,
                REPO.resolve("fixtures/models"), null));
        // THEN the ladder page is there, and the front page and the model pages link to it
        assertThat(report.resolve(LadderPage.PAGE)).exists();
        assertThat(report.resolve(LadderPage.FIGURE)).exists();
        assertThat(Files.readString(report.resolve("index.html"))).contains("<a href=\"ladder.html\">model ladder");
        assertThat(Files.readString(report.resolve(ReportLinks.modelPage("gemma3-270m"))))
                .contains("<a href=\"../ladder.html\">model ladder</a>");
    }

    private Ladder.Point find(String model, String claim, String task) {
        return ladder.points().stream().filter(p -> p.model().equals(model) && p.claim().equals(claim)
                && p.task().equals(task)).findFirst().orElseThrow();
    }

    /** The table row that carries {@code attribute}. */
    private static String row(String html, String attribute) {
        int at = html.indexOf(attribute);
        assertThat(at).as(attribute).isNotNegative();
        int start = html.lastIndexOf("<tr", at);
        return html.substring(start, html.indexOf("</tr>", at));
    }
}
