package attendfirst.report;

import attendfirst.claim.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Plain-text table for the console: one row per (claim, task), one column per model, cells HOLDS / REFUTED /
 * INCONCLUSIVE (or "-" when that combination was not judged). Rows and columns keep first-seen order.
 */
public final class VerdictTable {

    private VerdictTable() {
    }

    public static String render(List<Verdict> verdicts) {
        Set<String> models = new LinkedHashSet<>();
        Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        for (Verdict v : verdicts) {
            models.add(v.model());
            rows.computeIfAbsent(v.claim().label() + " | " + v.task(), r -> new LinkedHashMap<>())
                    .put(v.model(), v.outcome().name());
        }
        List<String> header = new ArrayList<>();
        header.add("claim | task");
        header.addAll(models);
        List<List<String>> table = new ArrayList<>();
        table.add(header);
        for (Map.Entry<String, Map<String, String>> row : rows.entrySet()) {
            List<String> line = new ArrayList<>();
            line.add(row.getKey());
            for (String m : models) {
                line.add(row.getValue().getOrDefault(m, "-"));
            }
            table.add(line);
        }
        int[] widths = new int[header.size()];
        for (List<String> line : table) {
            for (int i = 0; i < line.size(); i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < table.size(); r++) {
            List<String> line = table.get(r);
            for (int i = 0; i < line.size(); i++) {
                sb.append(i == 0 ? "" : "  ").append(String.format("%-" + widths[i] + "s", line.get(i)));
            }
            sb.append('\n');
            if (r == 0) {
                int total = 0;
                for (int w : widths) {
                    total += w;
                }
                sb.append("-".repeat(total + 2 * (widths.length - 1))).append('\n');
            }
        }
        long holds = count(verdicts, Verdict.Outcome.HOLDS);
        long refuted = count(verdicts, Verdict.Outcome.REFUTED);
        sb.append(String.format("%d verdicts: %d HOLDS, %d REFUTED, %d INCONCLUSIVE%n", verdicts.size(), holds, refuted,
                verdicts.size() - holds - refuted));
        return sb.toString();
    }

    /** "14 claims refuted, 11 inconclusive, 8 hold": the run's findings in words, for the console. */
    public static String findings(List<Verdict> verdicts) {
        return count(verdicts, Verdict.Outcome.REFUTED) + " claims refuted, "
                + count(verdicts, Verdict.Outcome.INCONCLUSIVE) + " inconclusive, "
                + count(verdicts, Verdict.Outcome.HOLDS) + " hold";
    }

    static long count(List<Verdict> verdicts, Verdict.Outcome outcome) {
        return verdicts.stream().filter(v -> v.outcome() == outcome).count();
    }
}
