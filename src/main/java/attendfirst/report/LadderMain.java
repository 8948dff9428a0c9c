package attendfirst.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds the model ladder from run summaries, without running anything: the page (REPORT/ladder.html with its
 * figure), and on request the figure and the README's Markdown on their own.
 *
 * <pre>
 * java attendfirst.report.LadderMain --summary docs/claims-summary.json [--summary ...] [--report allure-report]
 *      [--models fixtures/models] [--figure docs/ladder.png] [--markdown target/ladder/ladder.md]
 * </pre>
 */
public final class LadderMain {

    record Options(List<Path> summaries, Path report, Path models, Path figure, Path markdown) {

        static Options parse(String[] args) {
            List<Path> summaries = new ArrayList<>();
            Path report = null;
            Path models = Path.of("fixtures", "models");
            Path figure = null;
            Path markdown = null;
            for (int i = 0; i < args.length; i++) {
                String flag = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + flag + " needs a value");
                }
                Path value = Path.of(args[++i]);
                switch (flag) {
                    case "--summary" -> summaries.add(value);
                    case "--report" -> report = value;
                    case "--models" -> models = value;
                    case "--figure" -> figure = value;
                    case "--markdown" -> markdown = value;
                    default -> throw new IllegalArgumentException("unknown option " + flag + "; expected --summary, "
                            + "--report, --models, --figure, --markdown");
                }
            }
            if (summaries.isEmpty()) {
                throw new IllegalArgumentException("usage: LadderMain --summary FILE [--summary FILE ...] "
                        + "[--report DIR] [--models DIR] [--figure PNG] [--markdown FILE]");
            }
            for (Path s : summaries) {
                if (!Files.isRegularFile(s)) {
                    throw new IllegalArgumentException("claims summary " + s + " does not exist");
                }
            }
            return new Options(summaries, report, models, figure, markdown);
        }
    }

    private LadderMain() {
    }

    public static void main(String[] args) {
        Options o = Options.parse(args);
        Ladder ladder = LadderReader.read(o.summaries(), LadderReader.Models.fixtures(o.models()));
        ladder.sources().forEach(s -> System.out.println("ladder: " + s));
        if (o.report() != null) {
            write(o.report(), ladder);
            System.out.println("ladder: page " + o.report().resolve(LadderPage.PAGE));
        }
        if (o.figure() != null) {
            AtomicFiles.write(o.figure(), LadderPlot.png(ladder, 1200, 760));
            System.out.println("ladder: figure " + o.figure());
        }
        if (o.markdown() != null) {
            String figure = o.figure() == null ? null : o.figure().toString();
            AtomicFiles.write(o.markdown(), LadderMarkdown.render(ladder, figure));
            System.out.println("ladder: Markdown " + o.markdown());
        }
        System.out.println("ladder: " + LadderFinding.headline(ladder));
        LadderFinding.sentences(ladder).forEach(s -> System.out.println("  - " + s));
    }

    /** The page and its figure into a report folder; rows link to the model pages the folder has. */
    static void write(Path report, Ladder ladder) {
        Set<String> pages = new LinkedHashSet<>();
        for (Ladder.Model m : ladder.models()) {
            if (Files.isRegularFile(report.resolve(ReportLinks.modelPage(m.model())))) {
                pages.add(m.model());
            }
        }
        AtomicFiles.write(report.resolve(LadderPage.FIGURE), LadderPlot.png(ladder, 1200, 760));
        AtomicFiles.write(report.resolve(LadderPage.PAGE), LadderPage.html(ladder, pages));
    }
}
