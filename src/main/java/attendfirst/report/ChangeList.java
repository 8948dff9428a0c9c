package attendfirst.report;

import attendfirst.claim.Verdict;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cells whose verdict changed, against two references:
 * <ul>
 * <li>the committed baseline, fixtures/expectations/&lt;plan&gt;/&lt;model&gt;.json (verdicts only; the old numbers come
 * from a committed baseline summary when one is given and agrees on the verdict);</li>
 * <li>the previous report: its merged summary, which {@link ClaimReport} leaves in the report's history/ folder
 * so that it travels with Allure's history, or, for a report made before that, Allure's own history.json
 * (status per case, keyed by the case's history id = SHA-256 of its name; its message carries the numbers of
 * a refuted or inconclusive case).</li>
 * </ul>
 * A cell that is new, or no longer judged, is listed too ("not judged").
 */
public final class ChangeList {
    /** A run id's leading UTC time, e.g. 20261129T180334Z. */
    private static final java.util.regex.Pattern RUN_TIME = java.util.regex.Pattern.compile("\\d{8}T\\d{6}Z");

    /** One changed cell. {@code against} names the reference ("baseline", "previous report"). */
    public record Change(String against, String model, String claim, String task, State oldVerdict,
                         String oldNumbers, State newVerdict, String newNumbers, JudgedCell now) {

        /** The changed cell's key, claim|model|task ({@link JudgedCell#id}). */
        public String id() {
            return JudgedCell.id(claim, model, task);
        }
    }

    /** A cell's verdict on one side of a change: an outcome, not judged there, or (Allure history) an error. */
    public enum State {
        HOLDS("HOLDS"), REFUTED("REFUTED"), INCONCLUSIVE("INCONCLUSIVE"), NOT_JUDGED("not judged"), ERROR("error");

        private final String label;

        State(String label) {
            this.label = label;
        }

        public static State of(Verdict.Outcome outcome) {
            return valueOf(outcome.name());
        }

        /** As the report prints it (also its CSS class). */
        public String label() {
            return label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private ChangeList() {
    }

    /** Against committed expectations of every model in {@code now}; models without a file are not compared. */
    public static List<Change> againstBaseline(List<JudgedCell> now, Path expectationsDir,
                                               List<JudgedCell> baselineNumbers) {
        Map<String, JudgedCell> numbers = byId(baselineNumbers);
        List<Change> out = new ArrayList<>();
        for (String model : now.stream().map(JudgedCell::model).distinct().toList()) {
            Path file = Expectations.file(expectationsDir, model);
            if (!Files.exists(file)) {
                continue;
            }
            // claim|task -> stored cell; a pair stored under several plans is compared with the newest accepted one
            // (by its run id's UTC time; the file is sorted by plan text, which is no order in time)
            Map<String, Expectations.Cell> stored = new LinkedHashMap<>();
            Expectations.read(file).cells().forEach(cell -> stored.merge(cell.pair(), cell, ChangeList::newer));
            Map<String, State> expected = new LinkedHashMap<>();
            stored.forEach((pair, cell) -> expected.put(pair, State.of(cell.verdict())));
            Map<String, JudgedCell> current = new LinkedHashMap<>();
            now.stream().filter(c -> c.model().equals(model)).forEach(c -> current.put(c.key(), c));
            for (Map.Entry<String, State> e : expected.entrySet()) {
                JudgedCell c = current.get(e.getKey());
                State newVerdict = c == null ? State.NOT_JUDGED : State.of(c.verdict());
                if (newVerdict != e.getValue()) {
                    String[] ct = e.getKey().split("\\|", 2);
                    JudgedCell old = numbers.get(JudgedCell.id(ct[0], model, ct[1]));
                    String oldNumbers = old != null && State.of(old.verdict()) == e.getValue() ? old.numbers()
                            : stored.get(e.getKey()).detail();
                    out.add(new Change("baseline " + file.getFileName(), model, ct[0], ct[1], e.getValue(), oldNumbers,
                            newVerdict, c == null ? "" : c.numbers(), c));
                }
            }
            for (JudgedCell c : current.values()) {
                if (!expected.containsKey(c.key())) {
                    out.add(new Change("baseline " + file.getFileName(), model, c.claim(), c.task(), State.NOT_JUDGED, "",
                            State.of(c.verdict()), c.numbers(), c));
                }
            }
        }
        return out;
    }

    /** The cell accepted later: run ids start with the run's UTC time; a cell without one counts as oldest. */
    static Expectations.Cell newer(Expectations.Cell a, Expectations.Cell b) {
        return acceptedAt(b).compareTo(acceptedAt(a)) >= 0 ? b : a;
    }

    private static String acceptedAt(Expectations.Cell cell) {
        String run = cell.json().has("run") ? cell.json().get("run").getAsString() : "";
        return RUN_TIME.matcher(run).lookingAt() ? run.substring(0, 16) : "";
    }

    /**
     * Against the previous report's summary. Only models judged in both are compared, so a report of one
     * model does not list every cell of another as gone.
     */
    public static List<Change> againstPrevious(List<JudgedCell> now, List<JudgedCell> previous) {
        Map<String, JudgedCell> before = byId(previous);
        Map<String, JudgedCell> after = byId(now);
        List<String> common = now.stream().map(JudgedCell::model).distinct()
                .filter(m -> previous.stream().anyMatch(p -> p.model().equals(m))).toList();
        List<Change> out = new ArrayList<>();
        for (JudgedCell c : now) {
            if (!common.contains(c.model())) {
                continue;
            }
            JudgedCell old = before.get(c.id());
            if (old == null) {
                out.add(new Change("previous report", c.model(), c.claim(), c.task(), State.NOT_JUDGED, "",
                        State.of(c.verdict()), c.numbers(), c));
            } else if (!old.verdict().equals(c.verdict())) {
                out.add(new Change("previous report", c.model(), c.claim(), c.task(), State.of(old.verdict()),
                        old.numbers(), State.of(c.verdict()), c.numbers(), c));
            }
        }
        for (JudgedCell old : previous) {
            if (common.contains(old.model()) && !after.containsKey(old.id())) {
                out.add(new Change("previous report", old.model(), old.claim(), old.task(), State.of(old.verdict()),
                        old.numbers(), State.NOT_JUDGED, "", null));
            }
        }
        return out;
    }

    /**
     * Against Allure's history.json of the previous report: for every current cell with a history entry, the
     * latest earlier status (passed = HOLDS, failed = REFUTED, skipped = INCONCLUSIVE, broken = "error").
     */
    public static List<Change> againstAllureHistory(List<JudgedCell> now, Path historyJson) {
        if (!Files.exists(historyJson)) {
            return List.of();
        }
        JsonObject history = SummaryFile.parse(historyJson);
        List<Change> out = new ArrayList<>();
        for (JudgedCell c : now) {
            JsonElement entry = history.get(sha256(c.caseName()));
            if (entry == null || !entry.isJsonObject() || !entry.getAsJsonObject().has("items")) {
                continue;
            }
            var items = entry.getAsJsonObject().getAsJsonArray("items");
            if (items.isEmpty()) {
                continue;
            }
            // Allure keeps the newest item first
            JsonObject last = items.get(0).getAsJsonObject();
            String status = Json.optString(last, "status");
            State oldVerdict = switch (String.valueOf(status)) {
                case "passed" -> State.HOLDS;
                case "failed" -> State.REFUTED;
                case "skipped" -> State.INCONCLUSIVE;
                default -> State.ERROR;
            };
            if (oldVerdict != State.of(c.verdict())) {
                String details = Json.optString(last, "statusDetails");
                String numbers = (oldVerdict == State.ERROR ? "Allure status " + status + ": " : "")
                        + (details == null ? "" : firstLines(details));
                out.add(new Change("previous report (Allure history)", c.model(), c.claim(), c.task(), oldVerdict,
                        numbers, State.of(c.verdict()), c.numbers(), c));
            }
        }
        return out;
    }

    private static String firstLines(String message) {
        String[] lines = message.split("\n");
        return lines.length > 1 ? lines[1].trim() : lines[0].trim();
    }

    private static Map<String, JudgedCell> byId(List<JudgedCell> cells) {
        Map<String, JudgedCell> out = new LinkedHashMap<>();
        cells.forEach(c -> out.put(c.id(), c));
        return out;
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK without SHA-256", e);
        }
    }
}
