package attendfirst.report;

import static attendfirst.report.Html.esc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The report's front page: the claims x models matrix (a row per claim grouped by family, a column per model and
 * task, each judged cell its verdict colour and word, the decisive number with interval and bound, and a link to
 * the case's Allure page), the paper's statement and numbers beside every claim, and what changed against the
 * committed baseline and the previous report. Every judged cell appears exactly once and carries
 * {@code data-id="claim|model|task"} so that tests and scripts can find it.
 */
public final class FrontPage {

    /** Everything the page shows. */
    public record Input(List<JudgedCell> cells, AllureCases cases, List<ChangeList.Change> baselineChanges,
                        List<ChangeList.Change> previousChanges, String previousNote, Map<String, String> paperWords,
                        Map<String, List<String>> familyFigures, List<String> sources, List<String> notes) {
    }

    private FrontPage() {
    }

    public static String html(Input in) {
        List<JudgedCell> cells = in.cells();
        Set<String> models = new LinkedHashSet<>();
        Map<String, Set<String>> tasksOf = new LinkedHashMap<>();
        Set<String> taskOrder = new LinkedHashSet<>();
        cells.forEach(c -> taskOrder.add(c.task()));
        cells.forEach(c -> models.add(c.model()));
        for (String m : models) {
            Set<String> ts = new LinkedHashSet<>();
            for (String t : taskOrder) {
                if (cells.stream().anyMatch(c -> c.model().equals(m) && c.task().equals(t))) {
                    ts.add(t);
                }
            }
            tasksOf.put(m, ts);
        }
        Map<String, Map<String, List<JudgedCell>>> byFamily = new LinkedHashMap<>();
        for (JudgedCell c : cells) {
            byFamily.computeIfAbsent(c.family(), f -> new LinkedHashMap<>())
                    .computeIfAbsent(c.claim(), k -> new ArrayList<>()).add(c);
        }
        Map<String, ChangeList.Change> changedCell = new LinkedHashMap<>();
        for (ChangeList.Change ch : in.baselineChanges()) {
            changedCell.putIfAbsent(ch.id(), ch);
        }
        for (ChangeList.Change ch : in.previousChanges()) {
            changedCell.putIfAbsent(ch.id(), ch);
        }

        StringBuilder sb = new StringBuilder(Html.head("Claims × models: Attend First, Consolidate Later"));
        sb.append("<h1>Attend First, Consolidate Later: which claims hold on which model</h1>\n");
        long holds = cells.stream().filter(c -> c.verdict() == attendfirst.claim.Verdict.Outcome.HOLDS).count();
        long refuted = cells.stream().filter(c -> c.verdict() == attendfirst.claim.Verdict.Outcome.REFUTED).count();
        sb.append("<p class=\"sub\">").append(cells.size()).append(" judged cells on ").append(models.size())
                .append(models.size() == 1 ? " model" : " models").append(": ").append(holds).append(" HOLDS, ")
                .append(refuted).append(" REFUTED, ").append(cells.size() - holds - refuted)
                .append(" INCONCLUSIVE. Each cell: verdict, the decisive number with its 95% interval and the bound it "
                        + "was held to; click it for the case in Allure. ")
                .append(changeHeadline(in)).append("</p>\n");
        sb.append("<p class=\"nav\"><a href=\"").append(ReportLinks.ALLURE_PAGE)
                .append("\">Full Allure report</a>");
        for (String m : models) {
            sb.append("<a href=\"").append(ReportLinks.modelPage(m)).append("\">model page: ").append(esc(m))
                    .append("</a>");
        }
        sb.append("<a href=\"#changes\">what changed</a><a href=\"#paper\">the paper beside us</a>")
                .append("<a href=\"").append(LadderPage.PAGE).append("\">model ladder: transition layer by size</a></p>\n");
        sb.append("<p class=\"legend\"><span class=\"HOLDS\"><b>HOLDS</b> interval on the claim's side of the bound"
                + "</span><span class=\"REFUTED\"><b>REFUTED</b> interval on the wrong side</span>"
                + "<span class=\"INCONCLUSIVE\"><b>INCONCLUSIVE</b> interval straddles the bound, or baseline too "
                + "close to chance</span><span class=\"changed\">outlined: verdict changed</span></p>\n");

        // the matrix
        sb.append("<table class=\"matrix\">\n<tr><th rowspan=\"2\">claim</th><th rowspan=\"2\">the paper says</th>");
        for (String m : models) {
            sb.append("<th colspan=\"").append(tasksOf.get(m).size()).append("\"><a href=\"")
                    .append(ReportLinks.modelPage(m)).append("\">").append(esc(m)).append("</a>")
                    .append(layersOf(cells, m)).append("</th>");
        }
        sb.append("</tr>\n<tr>");
        for (String m : models) {
            for (String t : tasksOf.get(m)) {
                sb.append("<th>").append(esc(t)).append("</th>");
            }
        }
        sb.append("</tr>\n");
        int columns = 2 + tasksOf.values().stream().mapToInt(Set::size).sum();
        for (Map.Entry<String, Map<String, List<JudgedCell>>> fam : byFamily.entrySet()) {
            String familyNumbers = PaperReference.numbersFor(fam.getKey());
            sb.append("<tr class=\"family\"><th colspan=\"").append(columns).append("\">").append(esc(fam.getKey()));
            if (!familyNumbers.isEmpty()) {
                sb.append(" <span class=\"paperline\">").append(esc(familyNumbers)).append("</span>");
            }
            if (in.familyFigures().containsKey(fam.getKey())) {
                sb.append(" <a href=\"#paper-").append(esc(fam.getKey())).append("\">paper vs. our curves</a>");
            }
            sb.append("</th></tr>\n");
            for (Map.Entry<String, List<JudgedCell>> claim : fam.getValue().entrySet()) {
                List<JudgedCell> row = claim.getValue();
                JudgedCell first = row.get(0);
                Set<String> claimTasks = new LinkedHashSet<>();
                row.forEach(c -> claimTasks.add(c.task()));
                sb.append("<tr id=\"claim-").append(esc(first.claim())).append("\"><td class=\"claim\"><span class=\"id\">")
                        .append(esc(first.claim())).append("</span> ").append(esc(first.title()));
                String quantity = mainQuantity(row);
                if (quantity != null) {
                    sb.append("<br><span class=\"muted\">number: ").append(esc(quantity)).append("</span>");
                }
                if (first.rule() != null) {
                    sb.append("<br><span class=\"muted rule\">").append(esc(first.rule())).append("</span>");
                }
                sb.append("</td><td class=\"paper\">").append(esc(paperWords(first, in.paperWords())));
                sb.append("</td>");
                for (String m : models) {
                    Set<String> ts = tasksOf.get(m);
                    if (claimTasks.size() == 1 && ts.size() > 1) {
                        // a claim on one task only (the switch): one cell across the model's task columns
                        JudgedCell c = find(row, m, claimTasks.iterator().next());
                        cell(sb, c, ts.size(), in, changedCell, true, quantity);
                    } else {
                        for (String t : ts) {
                            cell(sb, find(row, m, t), 1, in, changedCell, false, quantity);
                        }
                    }
                }
                sb.append("</tr>\n");
            }
        }
        sb.append("</table>\n");

        changes(sb, "changes", "What changed against the committed baseline", in.baselineChanges(),
                "no committed expectations for these models, or none differs", in);
        changes(sb, "changes-previous", "What changed against the previous report", in.previousChanges(),
                in.previousNote(), in);

        sb.append("<h2 id=\"paper\">The paper beside us</h2>\n<p class=\"sub\">Our curves of every model on one x axis, "
                + "k/L (fraction of depth), so a 30-layer and an 18-layer model compare with the paper's 32-layer "
                + "models. y is the share of the model's headroom above chance that is kept: (score − chance) / "
                + "(baseline − chance), so 1 is the model's baseline and 0 is chance; the paper's references are the "
                + "dashed lines and open diamonds. Models whose baseline is within 0.05 of chance on a task are left "
                + "out of that task's figure (nothing to keep).</p>\n");
        for (Map.Entry<String, List<String>> f : in.familyFigures().entrySet()) {
            sb.append("<h3 id=\"paper-").append(esc(f.getKey())).append("\">").append(esc(f.getKey())).append("</h3>\n")
                    .append("<p class=\"sub\">").append(esc(PaperReference.numbersFor(f.getKey()))).append("</p>\n");
            for (String img : f.getValue()) {
                sb.append("<figure><img src=\"").append(esc(img)).append("\" width=\"620\" alt=\"")
                        .append(esc(img)).append("\"></figure>\n");
            }
        }
        sb.append("<h2>Sources</h2>\n<ul>");
        for (String s : in.sources()) {
            sb.append("<li>").append(esc(s)).append("</li>");
        }
        for (String n : in.notes()) {
            sb.append("<li class=\"muted\">").append(esc(n)).append("</li>");
        }
        sb.append("</ul>\n");
        return sb.append(Html.tail()).toString();
    }

    /** The decisive quantity most cells of a claim share, named once in the claim's cell. */
    private static String mainQuantity(List<JudgedCell> row) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (JudgedCell c : row) {
            if (c.decisive() != null && !"baseline".equals(c.decisive().quantity())) {
                counts.merge(c.decisive().quantity(), 1, Integer::sum);
            }
        }
        return counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
    }

    private static String changeHeadline(Input in) {
        int b = in.baselineChanges().size();
        int p = in.previousChanges().size();
        return "<a href=\"#changes\">" + b + (b == 1 ? " cell differs" : " cells differ") + " from the committed "
                + "baseline</a>, <a href=\"#changes-previous\">" + p + " from the previous report</a>.";
    }

    private static String layersOf(List<JudgedCell> cells, String model) {
        return cells.stream().filter(c -> c.model().equals(model)).findFirst()
                .map(c -> " <span class=\"muted\">(L=" + c.numLayers() + ")</span>").orElse("");
    }

    private static String paperWords(JudgedCell c, Map<String, String> fallback) {
        return c.paperWords() != null ? c.paperWords() : fallback.getOrDefault(c.claim(), "");
    }

    private static JudgedCell find(List<JudgedCell> row, String model, String task) {
        return row.stream().filter(c -> c.model().equals(model) && c.task().equals(task)).findFirst().orElse(null);
    }

    private static void cell(StringBuilder sb, JudgedCell c, int span, Input in,
                             Map<String, ChangeList.Change> changed, boolean nameTask, String rowQuantity) {
        String colspan = span > 1 ? " colspan=\"" + span + "\"" : "";
        if (c == null) {
            sb.append("<td class=\"cell none\"").append(colspan).append(">–</td>");
            return;
        }
        ChangeList.Change ch = changed.get(c.id());
        sb.append("<td class=\"cell ").append(c.verdict()).append(ch != null ? " changed" : "").append("\"")
                .append(colspan).append(" data-id=\"").append(esc(c.id())).append("\" title=\"")
                .append(esc(c.explanation())).append("\">");
        String uid = in.cases().uid(c);
        if (uid != null) {
            sb.append("<a href=\"").append(esc(ReportLinks.testResult("", uid))).append("\">");
        }
        sb.append("<span class=\"v\">").append(c.verdict()).append("</span>");
        if (nameTask) {
            sb.append(" <span class=\"muted\">").append(esc(c.task())).append("</span>");
        }
        JudgedCell.Decisive d = c.decisive();
        if (d != null) {
            sb.append("<br><span class=\"num\">").append(String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", d.point(),
                    d.lower(), d.upper())).append("</span><br><span class=\"bound num\">")
                    .append(">=".equals(d.relation()) ? "≥ " : "≤ ").append(String.format(Locale.ROOT, "%.3f", d.bound()))
                    .append(d.k() >= 0 ? " at k=" + d.k() : "").append("</span>");
            if (!d.quantity().equals(rowQuantity)) {
                // a number other than the row's (the testability check: the clean score against chance)
                sb.append("<br><span class=\"muted\">").append(esc(d.quantity())).append("</span>");
            }
        }
        if (c.transition() != null) {
            sb.append("<br><span class=\"num\">transition ").append(c.transition().fractionText()).append("</span>");
        }
        if (ch != null) {
            sb.append("<br><span class=\"badge\">was ").append(esc(ch.oldVerdict().label())).append("</span>");
        }
        if (uid != null) {
            sb.append("</a>");
        }
        sb.append("</td>");
    }

    private static void changes(StringBuilder sb, String id, String heading, List<ChangeList.Change> list,
                                String emptyNote, Input in) {
        sb.append("<h2 id=\"").append(id).append("\">").append(esc(heading)).append("</h2>\n");
        if (list.isEmpty()) {
            sb.append("<p class=\"sub\">No verdict changed").append(emptyNote == null || emptyNote.isEmpty() ? ""
                    : " (" + esc(emptyNote) + ")").append(".</p>\n");
            return;
        }
        sb.append("<table class=\"changes\"><tr><th>model</th><th>claim</th><th>task</th><th>was</th>"
                + "<th>old numbers</th><th>now</th><th>new numbers</th><th>against</th></tr>\n");
        for (ChangeList.Change ch : list) {
            sb.append("<tr data-change=\"").append(esc(ch.id())).append("\">")
                    .append("<td>").append(esc(ch.model())).append("</td><td>").append(esc(ch.claim()))
                    .append("</td><td>").append(esc(ch.task())).append("</td><td class=\"").append(esc(ch.oldVerdict().label()))
                    .append("\">").append(esc(ch.oldVerdict().label())).append("</td><td class=\"num\">")
                    .append(esc(ch.oldNumbers())).append("</td><td class=\"").append(esc(ch.newVerdict().label())).append("\">");
            String uid = ch.now() == null ? null : in.cases().uid(ch.now());
            if (uid != null) {
                sb.append("<a href=\"").append(esc(ReportLinks.testResult("", uid))).append("\">")
                        .append(esc(ch.newVerdict().label())).append("</a>");
            } else {
                sb.append(esc(ch.newVerdict().label()));
            }
            sb.append("</td><td class=\"num\">").append(esc(ch.newNumbers())).append("</td><td>")
                    .append(esc(ch.against())).append("</td></tr>\n");
        }
        sb.append("</table>\n");
    }
}
