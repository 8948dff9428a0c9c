package attendfirst.run;

import attendfirst.report.Ladder;
import attendfirst.report.LadderFinding;
import attendfirst.report.LadderMarkdown;
import attendfirst.report.LadderPage;
import attendfirst.report.LadderReader;
import java.nio.file.Path;
import java.util.List;

/**
 * Builds the model ladder from run summaries, without running anything (scripts/claim-report.sh --ladder): the
 * page (REPORT/ladder.html with its figure), and on request the figure and the README's Markdown on their own.
 *
 * <pre>
 * java attendfirst.run.LadderMain --summary docs/claims-summary.json [--summary ...] [--report allure-report]
 *      [--models fixtures/models] [--figure docs/ladder.png] [--markdown target/ladder/ladder.md]
 * </pre>
 */
public final class LadderMain {

    private static final List<String> OPTIONS = List.of(ReportArgs.SUMMARY, "--report", "--models", "--figure",
            "--markdown");

    private LadderMain() {
    }

    public static void main(String[] args) {
        ReportArgs o = ReportArgs.parse(args, OPTIONS, "LadderMain --summary FILE [--summary FILE ...] "
                + "[--report DIR] [--models DIR] [--figure PNG] [--markdown FILE]");
        Path report = o.path("--report", null);
        Path figure = o.path("--figure", null);
        Path markdown = o.path("--markdown", null);
        Ladder ladder = LadderReader.read(o.summaries(),
                LadderReader.Models.fixtures(o.path("--models", Path.of("fixtures", "models"))));
        ladder.sources().forEach(s -> System.out.println("ladder: " + s));
        if (report != null) {
            LadderPage.write(report, ladder);
            System.out.println("ladder: page " + report.resolve(LadderPage.PAGE));
        }
        if (figure != null) {
            LadderPage.writeFigure(figure, ladder);
            System.out.println("ladder: figure " + figure);
        }
        if (markdown != null) {
            LadderMarkdown.write(markdown, ladder, figure == null ? null : figure.toString());
            System.out.println("ladder: Markdown " + markdown);
        }
        System.out.println("ladder: " + LadderFinding.headline(ladder));
        LadderFinding.sentences(ladder).forEach(s -> System.out.println("  - " + s));
    }
}
