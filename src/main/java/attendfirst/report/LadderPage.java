package attendfirst.report;

import static attendfirst.report.Html.esc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The report's ladder page (ladder.html beside the front page): what the points show in sentences generated
 * from the data, the figure ({@link LadderPlot}), and one table row per point with its model's size, depth,
 * verdict, layer and fraction of depth with the 95% interval, the paper's numbers beside them, and where every
 * model's numbers come from. Every point's row carries {@code data-point="model|claim|task"}.
 */
public final class LadderPage {

    /** The page's file name in the report folder. */
    public static final String PAGE = "ladder.html";
    /** The figure, relative to the page. */
    public static final String FIGURE = "figures/ladder.png";

    private LadderPage() {
    }

    /** The page and its figure into a report folder; rows link to the model pages the folder has. */
    public static void write(Path report, Ladder ladder) {
        Set<String> pages = new LinkedHashSet<>();
        for (Ladder.Model m : ladder.models()) {
            if (Files.isRegularFile(report.resolve(ReportLinks.modelPage(m.model())))) {
                pages.add(m.model());
            }
        }
        writeFigure(report.resolve(FIGURE), ladder);
        AtomicFiles.write(report.resolve(PAGE), html(ladder, pages));
    }

    /** The ladder's figure alone (the README's copy). */
    public static void writeFigure(Path file, Ladder ladder) {
        AtomicFiles.write(file, LadderPlot.png(ladder, 1200, 760));
    }

    /** {@code modelPages}: models whose page exists in this report (linked from their rows). */
    public static String html(Ladder ladder, Set<String> modelPages) {
        StringBuilder sb = new StringBuilder(Html.head("Model ladder: transition layer against model size"));
        sb.append("<p class=\"nav\"><a href=\"").append(ReportLinks.FRONT_PAGE).append("\">← claims × models</a>")
                .append("<a href=\"").append(ReportLinks.ALLURE_PAGE).append("\">Allure report</a></p>\n");
        sb.append("<h1>Model ladder: where the transition layer sits, by model size</h1>\n");
        sb.append("<p class=\"sub\">The transition layer as a fraction of depth (k/L) with its 95% simultaneous "
                + "interval, against the parameter count, one point per model and claim × task, beside the paper's "
                + "7B numbers. C3: the first k from which random costs at most half the headroom; C5: the first k "
                + "from which the switch is ignored by at least half of the pairs. The statistics judge these on the "
                + "swept k (every second layer, say); the layer they stand for may lie after the previous swept k, so "
                + "the lower end of each fraction's interval is widened to that layer. Two sizes differ only where "
                + "these intervals are apart.</p>\n");
        sb.append("<h2>What the points show</h2>\n<p class=\"finding headline\" style=\"font-weight: 600\">")
                .append(esc(LadderFinding.headline(ladder))).append("</p>\n<ul class=\"findings\">");
        for (String s : LadderFinding.sentences(ladder)) {
            sb.append("<li>").append(esc(s)).append("</li>");
        }
        sb.append("</ul>\n");
        sb.append("<figure><img src=\"").append(FIGURE).append("\" width=\"1000\" alt=\"transition layer against "
                + "parameter count\"><figcaption>Bars: 95% intervals; ▲: the interval is unbounded above (the "
                + "transition may lie past the last layer; the bar stops at k/L = 1); ✕: the transition is not "
                + "reached inside the model. Tasks of one model are set slightly apart. Paper: the switch flips of its models (open diamonds) and the depth from which "
                + "random costs little (shaded box), at the paper models' sizes.</figcaption></figure>\n");

        sb.append("<h2>Points</h2>\n<table class=\"ladder\"><tr><th>model</th><th>parameters</th><th>L</th>"
                + "<th>claim</th><th>task</th><th>verdict</th><th>k [95% interval] as judged</th><th>swept k</th>"
                + "<th>fraction of depth [95% interval, lower end widened to the swept grid]</th></tr>\n");
        for (Ladder.Point p : ladder.points()) {
            sb.append("<tr data-point=\"").append(esc(JudgedCell.id(p.claim(), p.model(), p.task()))).append("\"><td>");
            if (modelPages.contains(p.model())) {
                sb.append("<a href=\"").append(esc(ReportLinks.modelPage(p.model()))).append("\">")
                        .append(esc(p.model())).append("</a>");
            } else {
                sb.append(esc(p.model()));
            }
            sb.append("</td><td class=\"num\">").append(ParameterCount.shortForm(p.parameters())).append("</td><td>")
                    .append(p.numLayers()).append("</td><td>").append(esc(p.claim())).append("</td><td>")
                    .append(esc(p.task())).append("</td><td class=\"").append(p.verdict()).append("\">")
                    .append(p.verdict()).append("</td><td class=\"num\">").append(esc(p.layerText()))
                    .append("</td><td class=\"num\">").append(esc(p.grid()))
                    .append("</td><td class=\"num\">").append(esc(p.fractionText())).append("</td></tr>\n");
        }
        for (String family : ladder.points().stream().map(Ladder.Point::family).distinct().sorted().toList()) {
            PaperReference.Range range = PaperReference.transitionRange(family);
            for (PaperReference.Mark m : PaperReference.transitionMarks(family)) {
                Long n = ladder.paperParameters().get(m.model());
                sb.append("<tr class=\"paper\" data-paper=\"").append(esc(m.model())).append("\"><td>")
                        .append(esc(m.model())).append("</td><td class=\"num\">")
                        .append(n == null ? "unknown" : ParameterCount.shortForm(n)).append("</td><td>")
                        .append(PaperReference.PAPER_LAYERS).append("</td><td colspan=\"3\">")
                        .append(esc(m.label())).append("</td><td class=\"num\">")
                        .append(Math.round(m.at() * PaperReference.PAPER_LAYERS)).append(" of ")
                        .append(PaperReference.PAPER_LAYERS).append("</td><td>as read off the paper</td>"
                                + "<td class=\"num\">").append(Ladder.f(m.at())).append("</td></tr>\n");
            }
            if (range != null && PaperReference.transitionMarks(family).isEmpty()) {
                sb.append("<tr class=\"paper\" data-paper=\"").append(esc(family)).append("\"><td>")
                        .append(esc(String.join(", ", ladder.paperParameters().keySet()))).append("</td><td class=\"num\">")
                        .append(paperSizes(ladder)).append("</td><td>").append(PaperReference.PAPER_LAYERS)
                        .append("</td><td colspan=\"5\">").append(esc(range.label())).append("</td><td class=\"num\">")
                        .append(Ladder.f(range.from())).append("–").append(Ladder.f(range.to()))
                        .append("</td></tr>\n");
            }
        }
        sb.append("</table>\n");

        sb.append("<h2>Models and sources</h2>\n<table><tr><th>model</th><th>parameters</th><th>counted from</th>"
                + "<th>L</th><th>summary</th></tr>\n");
        for (Ladder.Model m : ladder.models()) {
            sb.append("<tr data-model=\"").append(esc(m.model())).append("\"><td>").append(esc(m.displayName()))
                    .append("</td><td class=\"num\">").append(String.format(java.util.Locale.ROOT, "%,d",
                            m.parameters())).append("</td><td>").append(esc(m.parametersFrom())).append("</td><td>")
                    .append(m.numLayers()).append("</td><td>").append(esc(m.summary())).append("</td></tr>\n");
        }
        sb.append("</table>\n<ul>");
        for (String s : ladder.sources()) {
            sb.append("<li class=\"muted\">").append(esc(s)).append("</li>");
        }
        sb.append("</ul>\n");
        return sb.append(Html.tail()).toString();
    }

    static String paperSizes(Ladder ladder) {
        long lo = ladder.paperParameters().values().stream().mapToLong(Long::longValue).min().orElse(0);
        long hi = ladder.paperParameters().values().stream().mapToLong(Long::longValue).max().orElse(0);
        return lo == 0 ? "unknown" : ParameterCount.shortForm(lo) + "–" + ParameterCount.shortForm(hi);
    }
}
