package attendfirst.report;

import attendfirst.claim.Verdict;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The verdict tables of claims summaries, the one generator of them: one row per (claim, task) in first-seen
 * order, one column per model.
 * <ul>
 *   <li>{@link #console}: the run's closing table, verdicts only, aligned for a terminal;</li>
 *   <li>{@link #markdown}: the README's table, each cell with its decisive check, transition, n and solved share,
 *       then the counts per model and the transition layers;</li>
 *   <li>{@link #compare}: two runs side by side with their agreement and straddling shares (docs/stability.md).</li>
 * </ul>
 * Numbers are rounded half-even on the value as stored (as Python's format does), so that tables made before this
 * class by tools/verdict_tables.py, whose output it reproduces, stay the same.
 */
public final class VerdictTable {
    static final String PAPER_TRANSITION = "paper: switch flips at k=17-22 of 32 (0.53-0.69 L); random costs little "
            + "from 0.5-0.7 L";
    private static final Pattern SOLVES = Pattern.compile("solves (\\d+) of (\\d+) \\(([^;)]*(?:\\([^)]*\\))?[^;)]*)\\)");
    private static final Pattern NOT_TESTABLE = Pattern.compile("not testable: (solves \\d+ of \\d+)");

    /** How an INCONCLUSIVE cell came about, or the decided outcome. */
    enum Kind { HOLDS, REFUTED, STRADDLES, UNTESTABLE, OTHER }

    private VerdictTable() {
    }

    /** Plain text for the console: verdicts only ("-" where a model did not judge a row), then the counts. */
    public static String console(List<JudgedCell> cells) {
        Set<String> models = new LinkedHashSet<>();
        Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        for (JudgedCell c : cells) {
            models.add(c.model());
            rows.computeIfAbsent(c.claim() + " " + c.title() + " | " + c.task(), r -> new LinkedHashMap<>())
                    .put(c.model(), c.verdict().name());
        }
        List<List<String>> table = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("claim | task"));
        header.addAll(models);
        table.add(header);
        rows.forEach((row, byModel) -> {
            List<String> line = new ArrayList<>(List.of(row));
            models.forEach(m -> line.add(byModel.getOrDefault(m, "-")));
            table.add(line);
        });
        int[] widths = new int[header.size()];
        table.forEach(line -> {
            for (int i = 0; i < line.size(); i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        });
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < table.size(); r++) {
            List<String> line = table.get(r);
            for (int i = 0; i < line.size(); i++) {
                sb.append(i == 0 ? "" : "  ").append(String.format("%-" + widths[i] + "s", line.get(i)));
            }
            sb.append('\n');
            if (r == 0) {
                sb.append("-".repeat(java.util.Arrays.stream(widths).sum() + 2 * (widths.length - 1))).append('\n');
            }
        }
        long holds = count(cells, Verdict.Outcome.HOLDS);
        long refuted = count(cells, Verdict.Outcome.REFUTED);
        sb.append(String.format("%d verdicts: %d HOLDS, %d REFUTED, %d INCONCLUSIVE%n", cells.size(), holds, refuted,
                cells.size() - holds - refuted));
        return sb.toString();
    }

    /** "14 claims refuted, 11 inconclusive, 8 hold": the run's findings in words. */
    public static String findings(List<JudgedCell> cells) {
        return count(cells, Verdict.Outcome.REFUTED) + " claims refuted, "
                + count(cells, Verdict.Outcome.INCONCLUSIVE) + " inconclusive, "
                + count(cells, Verdict.Outcome.HOLDS) + " hold";
    }

    private static long count(List<JudgedCell> cells, Verdict.Outcome outcome) {
        return cells.stream().filter(c -> c.verdict() == outcome).count();
    }

    /** The README's Markdown table of one summary, with per-model counts and the transition layers. */
    public static String markdown(SummaryFile s) {
        List<Row> all = rows(s);
        Set<String> models = new TreeSet<>();
        all.forEach(r -> models.add(r.cell.model()));
        Map<String, Row> byKey = byKey(all);
        List<String> lines = new ArrayList<>();
        lines.add("| claim | task | " + String.join(" | ", models) + " |");
        lines.add("|---|---|" + "---|".repeat(models.size()));
        for (String pair : pairs(all)) {
            String[] ct = pair.split("\\|", 2);
            List<String> cells = new ArrayList<>();
            for (String m : models) {
                Row r = byKey.get(JudgedCell.id(ct[0], m, ct[1]));
                cells.add(r == null ? "(not run)" : r.markdown());
            }
            lines.add("| " + title(all, ct[0]) + " | " + ct[1] + " | " + String.join(" | ", cells) + " |");
        }
        lines.add("");
        for (String m : models) {
            Map<Kind, Integer> n = new TreeMap<>();
            all.stream().filter(r -> r.cell.model().equals(m)).forEach(r -> n.merge(r.kind(), 1, Integer::sum));
            int total = n.values().stream().mapToInt(Integer::intValue).sum();
            int straddles = n.getOrDefault(Kind.STRADDLES, 0);
            int untestable = n.getOrDefault(Kind.UNTESTABLE, 0);
            int testable = total - untestable;
            lines.add("- " + m + ": " + n.getOrDefault(Kind.HOLDS, 0) + " HOLDS, " + n.getOrDefault(Kind.REFUTED, 0)
                    + " REFUTED, " + (straddles + untestable + n.getOrDefault(Kind.OTHER, 0)) + " INCONCLUSIVE ("
                    + straddles + " straddling a bound, " + untestable + " not testable); straddling: " + straddles
                    + " of " + testable + " testable cells = " + percent(testable == 0 ? 0 : (double) straddles / testable, 0));
        }
        long decided = all.stream().filter(r -> r.cell.verdict() != Verdict.Outcome.INCONCLUSIVE).count();
        lines.add("");
        lines.add("Error across the table: each cell's verdict is wrong with probability at most alpha = 0.05 "
                + "(family-wise over its band's k and its looks); nothing is controlled across cells, so of the "
                + decided + " decided cells about " + fixed(0.05 * decided, 1) + " may be wrong in expectation (at most).");
        List<Row> transitions = all.stream().filter(r -> r.transition() != null).toList();
        if (!transitions.isEmpty()) {
            lines.add("");
            lines.add("Transition layer, per model and task (" + PAPER_TRANSITION + "):");
            lines.add("");
            lines.add("| model | claim | task | k [95% interval] | fraction of depth [95% interval] |");
            lines.add("|---|---|---|---|---|");
            Map<String, String> definitions = new TreeMap<>();
            for (Row r : transitions) {
                JsonObject t = r.transition();
                definitions.put(r.cell.claim(), Json.optString(t, "definition"));
                int nl = r.cell.numLayers();
                String head = "| " + r.cell.model() + " | " + r.cell.claim() + " | " + r.cell.task() + " | ";
                if (isNull(t, "k")) {
                    lines.add(head + "not reached within " + nl + " layers | |");
                } else if (isNull(t, "kUpper")) {
                    lines.add(head + "undetermined: point " + integer(t, "k") + ", interval [" + layer(t, "kLower", nl)
                            + ", unbounded] of " + nl + " | |");
                } else {
                    lines.add(head + integer(t, "k") + " [" + layer(t, "kLower", nl) + ", " + layer(t, "kUpper", nl)
                            + "] of " + nl + " | " + fixed(t.get("fraction").getAsDouble(), 2) + " ["
                            + fraction(t, "fractionLower") + ", " + fraction(t, "fractionUpper") + "] |");
                }
            }
            lines.add("");
            definitions.forEach((claim, definition) -> lines.add("- " + claim + ": " + definition));
        }
        return String.join("\n", lines);
    }

    /**
     * Two summaries of the same plan (e.g. two example seeds): both tables, the share of cells with the same
     * verdict, testability changes, straddling shares and the list of changed cells.
     */
    public static String compare(SummaryFile a, SummaryFile b, String labelA, String labelB) {
        List<Row> ra = rows(a);
        List<Row> rb = rows(b);
        Map<String, Row> ia = byKey(ra);
        Map<String, Row> ib = byKey(rb);
        List<String> common = ia.keySet().stream().filter(ib::containsKey).toList();
        List<String> same = common.stream().filter(k -> ia.get(k).cell.verdict() == ib.get(k).cell.verdict()).toList();
        Map<String, List<String>> changes = new TreeMap<>();
        for (String k : common) {
            Row x = ia.get(k);
            Row y = ib.get(k);
            if (x.cell.verdict() != y.cell.verdict()) {
                changes.computeIfAbsent(x.cell.verdict() + " -> " + y.cell.verdict(), c -> new ArrayList<>())
                        .add(x.cell.model() + " " + x.cell.claim() + "/" + x.cell.task());
            }
        }
        List<String> out = new ArrayList<>(List.of("## " + labelA + ": run " + runText(a), "", markdown(a), "",
                "## " + labelB + ": run " + runText(b), "", markdown(b), "", "## Agreement", ""));
        double share = common.isEmpty() ? 0 : (double) same.size() / common.size();
        out.add("Same verdict on **" + same.size() + " of " + common.size() + " cells = " + percent(share, 1)
                + "** (cells only in one run: " + (ia.size() - common.size()) + " in " + labelA + ", "
                + (ib.size() - common.size()) + " in " + labelB + ").");
        List<String> both = common.stream().filter(k -> ia.get(k).kind() != Kind.UNTESTABLE
                && ib.get(k).kind() != Kind.UNTESTABLE).toList();
        long agree = both.stream().filter(k -> ia.get(k).cell.verdict() == ib.get(k).cell.verdict()).count();
        long testability = common.stream().filter(k -> ia.get(k).cell.verdict() != ib.get(k).cell.verdict()
                && (ia.get(k).kind() == Kind.UNTESTABLE) != (ib.get(k).kind() == Kind.UNTESTABLE)).count();
        out.add("- cells testable in both runs: " + agree + " of " + both.size() + " agree ("
                + percent(both.isEmpty() ? 0 : (double) agree / both.size(), 1) + "); " + testability + " of the "
                + (common.size() - same.size()) + " changes are a cell testable in one run only (clean score too "
                + "close to chance in the other)");
        for (Map.Entry<String, List<Row>> run : List.of(Map.entry(labelA, ra), Map.entry(labelB, rb))) {
            List<Row> rows = run.getValue();
            long testable = rows.stream().filter(r -> r.kind() != Kind.UNTESTABLE).count();
            long straddling = rows.stream().filter(r -> r.kind() == Kind.STRADDLES).count();
            out.add("- " + run.getKey() + ": INCONCLUSIVE by a straddling interval on " + straddling + " of "
                    + testable + " testable cells (" + percent(testable == 0 ? 0 : (double) straddling / testable, 0)
                    + ")");
        }
        if (!changes.isEmpty()) {
            out.add("");
            out.add("| change | cells |");
            out.add("|---|---|");
            changes.forEach((change, cells) -> out.add("| " + change + " | " + String.join(", ", cells) + " |"));
        }
        return String.join("\n", out);
    }

    /** One judged cell with the summary's JSON of it (for the fields only the tables print). */
    private record Row(JudgedCell cell, JsonObject json) {
        Kind kind() {
            if (cell.verdict() != Verdict.Outcome.INCONCLUSIVE) {
                return Kind.valueOf(cell.verdict().name());
            }
            String text = explanation();
            if (text.startsWith("inconclusive: an interval straddles")) {
                return Kind.STRADDLES;
            }
            return text.startsWith("not testable") ? Kind.UNTESTABLE : Kind.OTHER;
        }

        String explanation() {
            return cell.explanation() == null ? "" : cell.explanation();
        }

        String rule() {
            return cell.rule() == null ? "" : cell.rule();
        }

        /** The transition object as stored, null when absent or empty. */
        JsonObject transition() {
            JsonElement t = json.get("transition");
            return t != null && t.isJsonObject() && !t.getAsJsonObject().isEmpty() ? t.getAsJsonObject() : null;
        }

        /** What the decisive value is: the band's extreme the verdict turns on (see ClaimJudge). */
        String extreme() {
            String relation = json.getAsJsonObject("decisive").get("relation").getAsString();
            if (cell.claim().startsWith("C3") || rule().contains("t1")) {
                return "at the best split";
            }
            if (rule().contains("for some k")) {
                return ">=".equals(relation) ? "band max" : "band min";
            }
            if (cell.verdict() == Verdict.Outcome.REFUTED) {
                return "most violating";
            }
            return "<=".equals(relation) ? "band max" : "band min";
        }

        String markdown() {
            if (kind() == Kind.UNTESTABLE) {
                Matcher m = NOT_TESTABLE.matcher(explanation());
                return m.lookingAt() ? "**INCONCLUSIVE** (not testable: " + m.group(1) + ")"
                        : "**INCONCLUSIVE** (" + explanation().substring(0, Math.min(80, explanation().length())) + ")";
            }
            StringBuilder out = new StringBuilder("**" + cell.verdict() + "**");
            if (json.has("decisive") && json.get("decisive").isJsonObject()) {
                JsonObject d = json.getAsJsonObject("decisive");
                JsonObject m = d.getAsJsonObject("measured");
                out.append(' ').append(extreme()).append(" k=").append(text(d.get("k"))).append(": ")
                        .append(fixed(m.get("point").getAsDouble(), 2)).append(" [")
                        .append(fixed(m.get("lower").getAsDouble(), 2)).append(", ")
                        .append(fixed(m.get("upper").getAsDouble(), 2)).append("] (needs ")
                        .append(d.get("relation").getAsString()).append(' ')
                        .append(fixed(d.get("bound").getAsDouble(), 2)).append(')');
                if ("1".equals(text(d.get("k"))) && cell.verdict() == Verdict.Outcome.HOLDS
                        && rule().contains("for some k")) {
                    out.append(" (at k=1: only layer 0 attends to the true context)");
                }
            }
            JsonObject t = transition();
            if (t != null && !isNull(t, "k")) {
                int nl = cell.numLayers();
                if (isNull(t, "kUpper")) {
                    out.append("; transition undetermined (interval [").append(layer(t, "kLower", nl))
                            .append(", unbounded])");
                } else {
                    out.append("; transition k=").append(integer(t, "k")).append(" [").append(layer(t, "kLower", nl))
                            .append(", ").append(layer(t, "kUpper", nl)).append("] = ")
                            .append(fixed(t.get("fraction").getAsDouble(), 2)).append(" [")
                            .append(fraction(t, "fractionLower")).append(", ").append(fraction(t, "fractionUpper"))
                            .append("] L");
                }
            } else if (t != null) {
                out.append("; no transition reached");
            }
            if (json.has("n")) {
                out.append(" n=").append(text(json.get("n")));
            }
            String examples = Json.optString(json, "examples");
            Matcher solved = SOLVES.matcher(examples == null || examples.isEmpty() ? explanation() : examples);
            if (solved.find()) {
                out.append(", solves ").append(solved.group(1)).append(" of ").append(solved.group(2));
            }
            JsonElement needed = json.get("examplesNeeded");
            if (cell.verdict() == Verdict.Outcome.INCONCLUSIVE && needed != null && !needed.isJsonNull()
                    && needed.getAsLong() != 0) {
                out.append(", needs ~").append(needed.getAsLong());
            }
            return out.toString();
        }
    }

    private static List<Row> rows(SummaryFile s) {
        List<Row> out = new ArrayList<>();
        for (int i = 0; i < s.cells().size(); i++) {
            out.add(new Row(s.cells().get(i), s.verdictJson().get(i)));
        }
        return out;
    }

    /** claim|model|task -> row, in the summary's order. */
    private static Map<String, Row> byKey(List<Row> rows) {
        Map<String, Row> out = new LinkedHashMap<>();
        rows.forEach(r -> out.put(r.cell.id(), r));
        return out;
    }

    /** claim|task in first-seen order. */
    private static Set<String> pairs(List<Row> rows) {
        Set<String> out = new LinkedHashSet<>();
        rows.forEach(r -> out.add(r.cell.key()));
        return out;
    }

    private static String title(List<Row> rows, String claim) {
        return rows.stream().filter(r -> r.cell.claim().equals(claim)).findFirst()
                .map(r -> (claim + " " + r.cell.title()).strip()).orElse(claim);
    }

    private static String runText(SummaryFile s) {
        return s.runText() == null ? "not recorded" : s.runText();
    }

    private static boolean isNull(JsonObject o, String key) {
        return !o.has(key) || o.get(key).isJsonNull();
    }

    private static String integer(JsonObject o, String key) {
        return text(o.get(key));
    }

    /** A transition layer bound; null means "not reached within the model's layers". */
    private static String layer(JsonObject t, String key, int numLayers) {
        return isNull(t, key) ? "none < " + numLayers : integer(t, key);
    }

    private static String fraction(JsonObject t, String key) {
        return isNull(t, key) ? "1.00+" : fixed(t.get(key).getAsDouble(), 2);
    }

    /** A whole number as written (13, not 13.0); other values as their JSON text. */
    private static String text(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return "None";
        }
        BigDecimal d = e.getAsBigDecimal();
        return d.stripTrailingZeros().scale() <= 0 ? d.toBigInteger().toString() : e.getAsString();
    }

    /** x with {@code digits} decimals, rounded half-even on the exact double (Python's format). */
    static String fixed(double x, int digits) {
        if (!Double.isFinite(x)) {
            return Double.isNaN(x) ? "nan" : x > 0 ? "inf" : "-inf";
        }
        String text = new BigDecimal(x).setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
        return Math.copySign(1.0, x) < 0 && !text.startsWith("-") ? "-" + text : text; // -0.00, as Python prints it
    }

    /** x as a percentage with {@code digits} decimals ("48%", "97.2%"). */
    static String percent(double x, int digits) {
        return fixed(x * 100, digits) + "%";
    }
}
