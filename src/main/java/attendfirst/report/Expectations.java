package attendfirst.report;

import attendfirst.claim.Estimate;
import attendfirst.claim.PointCheck;
import attendfirst.claim.Verdict;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The committed verdict baseline of one model, {@code <dir>/<model>.json}: one cell per (claim, task, plan),
 * where the plan ({@link CellPlan}) is the layer grid, seeds and sample the verdict was judged under, with the
 * decisive check's numbers. One cell per line, so a merge that keeps a cell keeps its line byte for byte:
 * <pre>
 * {
 *   "format": 2,
 *   "model": "smollm2-135m-instruct",
 *   "cells": [
 *     {"claim":"C1","task":"capitals","plan":{...},"verdict":"REFUTED","decisive":{...},"baseline":{...},"run":"..."},
 *     ...
 *   ]
 * }
 * </pre>
 * {@link #compare} looks only at the cells a run judged: same plan and another verdict is a regression; a cell
 * stored only under other plans is a changed plan, not a regression; stored cells the run did not judge are
 * counted as not covered. {@link #accept} merges: it replaces the cells judged under the same plan, adds new
 * ones and keeps every other cell as it was, and refuses a run that judged fewer (claim, task) cells than the
 * file holds unless a partial merge is asked for.
 */
public final class Expectations {

    public static final int FORMAT = 2;
    private static final Gson LINE = new GsonBuilder().disableHtmlEscaping().create();

    /** A verdict with the plan it was judged under. */
    public record Judged(Verdict verdict, CellPlan plan) {
        String pair() {
            return verdict.claim().id() + "|" + verdict.task();
        }
    }

    /** A stored cell; {@code json} is kept as read so that an untouched cell is written back unchanged. */
    public record Cell(String claim, String task, CellPlan plan, Verdict.Outcome verdict, JsonObject json) {
        String pair() {
            return claim + "|" + task;
        }

        String key() {
            return pair() + " [" + plan.describe() + "]";
        }

        /** The decisive check as stored, or a note that the numbers were not recorded. */
        String detail() {
            JsonObject d = json.has("decisive") && json.get("decisive").isJsonObject() ? json.getAsJsonObject("decisive")
                    : null;
            String run = json.has("run") ? " (run " + json.get("run").getAsString() + ")" : "";
            if (d == null) {
                return "numbers not recorded" + run;
            }
            return (d.has("k") ? "at k=" + d.get("k").getAsInt() + ": " : "") + d.get("quantity").getAsString() + " = "
                    + fmt(d.get("point").getAsDouble()) + " [" + fmt(d.get("lower").getAsDouble()) + ", "
                    + fmt(d.get("upper").getAsDouble()) + "], required " + d.get("relation").getAsString() + " "
                    + fmt(d.get("bound").getAsDouble()) + run;
        }
    }

    /** One model's file. */
    public record Stored(String model, List<Cell> cells) {
    }

    /** A verdict that changed under the same plan: both verdicts with their intervals and bounds. */
    public record Regression(String model, String key, Verdict.Outcome expected, Verdict.Outcome actual, String before,
                             String now) {
        @Override
        public String toString() {
            return model + " " + key + ": expected " + expected + ", got " + actual + "\n    before: " + before
                    + "\n    now:    " + now;
        }
    }

    /**
     * What a run's verdicts say against one model's file.
     *
     * @param compared    judged cells that had a stored cell under the same plan
     * @param regressions of those, the ones whose verdict changed
     * @param planChanges judged cells stored only under other plans (not compared)
     * @param newCells    judged cells with no stored cell at all
     * @param uncovered   stored cells this run did not judge under their plan
     */
    public record Comparison(String model, Path file, int compared, List<Regression> regressions,
                             List<String> planChanges, List<String> newCells, List<String> uncovered) {
    }

    /** The result of a merge: the file, the diff lines and the counts. */
    public record Merge(Path file, List<String> diff, int replaced, int added, int kept) {
    }

    /** A merge refused because the run judged fewer cells than the file holds. */
    public static final class PartialRunException extends IllegalStateException {
        PartialRunException(String message) {
            super(message);
        }
    }

    private Expectations() {
    }

    public static Path file(Path dir, String model) {
        return dir.resolve(model + ".json");
    }

    /** Reads a file; every error names the file and the cell. */
    public static Stored read(Path file) {
        JsonElement root;
        try {
            root = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read expectations " + file, e);
        } catch (com.google.gson.JsonParseException e) {
            throw new IllegalArgumentException(file + ": not valid JSON: " + e.getMessage(), e);
        }
        if (!root.isJsonObject()) {
            throw new IllegalArgumentException(file + ": expected {\"format\": 2, \"model\": ..., \"cells\": [...]}");
        }
        JsonObject o = root.getAsJsonObject();
        if (!o.has("format") && o.has("verdicts")) {
            throw new IllegalArgumentException(file + ": verdicts without the plan they were judged under (the format"
                    + " before 2); convert it with attendfirst.run.ConvertExpectations, giving the plan it was judged under (see"
                    + " fixtures/expectations/README.md)");
        }
        if (!o.has("format") || !o.get("format").isJsonPrimitive() || o.get("format").getAsInt() != FORMAT) {
            throw new IllegalArgumentException(file + ": field format: expected " + FORMAT + ", got " + o.get("format"));
        }
        for (String key : o.keySet()) {
            if (!Set.of("format", "model", "cells").contains(key)) {
                throw new IllegalArgumentException(file + ": unknown field '" + key + "'; accepted: [cells, format, model]");
            }
        }
        if (!o.has("model") || !o.has("cells") || !o.get("cells").isJsonArray()) {
            throw new IllegalArgumentException(file + ": expected fields model and cells (an array)");
        }
        List<Cell> cells = new ArrayList<>();
        Set<String> keys = new TreeSet<>();
        int i = 0;
        for (JsonElement e : o.getAsJsonArray("cells")) {
            String where = file + ": cells[" + i++ + "]";
            if (!e.isJsonObject()) {
                throw new IllegalArgumentException(where + ": expected an object");
            }
            JsonObject c = e.getAsJsonObject();
            for (String key : c.keySet()) {
                if (!Set.of("claim", "task", "plan", "verdict", "decisive", "baseline", "run").contains(key)) {
                    throw new IllegalArgumentException(where + ": unknown field '" + key + "'; accepted: [baseline,"
                            + " claim, decisive, plan, run, task, verdict]");
                }
            }
            if (!c.has("claim") || !c.has("task") || !c.has("verdict") || !c.has("plan") || !c.get("plan").isJsonObject()) {
                throw new IllegalArgumentException(where + ": expected claim, task, plan and verdict, got " + c);
            }
            Verdict.Outcome verdict = outcome(c.get("verdict").getAsString(),
                    where + " (" + c.get("claim").getAsString() + "|" + c.get("task").getAsString() + ")");
            Cell cell = new Cell(c.get("claim").getAsString(), c.get("task").getAsString(),
                    CellPlan.fromJson(c.getAsJsonObject("plan"), where), verdict, c);
            if (!keys.add(cell.key())) {
                throw new IllegalArgumentException(where + ": cell " + cell.key() + " is stored twice");
            }
            cells.add(cell);
        }
        return new Stored(o.get("model").getAsString(), cells);
    }

    /** The run's judged cells of {@code model} against its file (no file: every cell is new). */
    public static Comparison compare(Path dir, String model, List<Judged> judged) {
        Path file = file(dir, model);
        List<Cell> stored = Files.exists(file) ? read(file).cells() : List.of();
        List<Judged> mine = judged.stream().filter(j -> j.verdict().model().equals(model)).toList();
        Map<String, Cell> byKey = new LinkedHashMap<>();
        stored.forEach(c -> byKey.put(c.key(), c));
        List<Regression> regressions = new ArrayList<>();
        List<String> planChanges = new ArrayList<>();
        List<String> newCells = new ArrayList<>();
        Set<String> covered = new TreeSet<>();
        int compared = 0;
        for (Judged j : mine) {
            Cell now = cell(j, "");
            Cell old = byKey.get(now.key());
            if (old != null) {
                compared++;
                covered.add(old.key());
                if (!old.verdict().equals(now.verdict())) {
                    regressions.add(new Regression(model, now.key(), old.verdict(), now.verdict(), old.detail(),
                            now.detail()));
                }
                continue;
            }
            List<Cell> otherPlans = stored.stream().filter(c -> c.pair().equals(j.pair())).toList();
            if (otherPlans.isEmpty()) {
                newCells.add(now.key() + ": " + now.verdict() + " (no stored cell)");
            } else {
                planChanges.add(j.pair() + ": judged " + now.verdict() + " under [" + j.plan().describe()
                        + "]; stored only under another plan: " + otherPlans.stream()
                        .map(c -> c.verdict() + " under [" + c.plan().describe() + "]").collect(Collectors.joining("; "))
                        + ". A changed plan or sample, not compared");
            }
        }
        List<String> uncovered = stored.stream().map(Cell::key).filter(k -> !covered.contains(k)).toList();
        return new Comparison(model, file, compared, regressions, planChanges, newCells, uncovered);
    }

    /**
     * Merges the run's cells of {@code model} into its file (written atomically): cells judged under a stored
     * plan replace theirs, new ones are added, the rest stay byte for byte. Throws {@link PartialRunException},
     * writing nothing, when the file holds (claim, task) cells this run did not judge and {@code allowPartial}
     * is false.
     */
    public static Merge accept(Path dir, String model, List<Judged> judged, boolean allowPartial, String runId) {
        Path file = file(dir, model);
        List<Cell> stored = Files.exists(file) ? read(file).cells() : List.of();
        List<Judged> mine = judged.stream().filter(j -> j.verdict().model().equals(model)).toList();
        Set<String> judgedPairs = mine.stream().map(Judged::pair).collect(Collectors.toCollection(TreeSet::new));
        Set<String> storedPairs = stored.stream().map(Cell::pair).collect(Collectors.toCollection(TreeSet::new));
        Set<String> missing = new TreeSet<>(storedPairs);
        missing.removeAll(judgedPairs);
        if (!missing.isEmpty() && !allowPartial) {
            throw new PartialRunException("refusing to accept " + model + ": this run judged " + judgedPairs.size()
                    + " (claim, task) cells, " + file + " holds " + storedPairs.size() + "; not judged: "
                    + abbreviate(missing) + ". Run the whole matrix, or merge only this run's cells with"
                    + " --accept-partial (-Dattendfirst.acceptPartial=true); the cells not judged are kept as they are");
        }
        Map<String, Cell> merged = new LinkedHashMap<>();
        stored.forEach(c -> merged.put(c.key(), c));
        List<String> diff = new ArrayList<>();
        int replaced = 0;
        int added = 0;
        int sameVerdict = 0;
        for (Judged j : mine) {
            Cell now = cell(j, runId);
            Cell old = merged.put(now.key(), now);
            if (old == null) {
                added++;
                diff.add("+ " + now.key() + ": " + now.verdict() + " (new cell: " + now.detail() + ")");
            } else {
                replaced++;
                if (old.verdict().equals(now.verdict())) {
                    sameVerdict++;
                } else {
                    diff.add("~ " + now.key() + ": " + old.verdict() + " -> " + now.verdict() + "\n    before: "
                            + old.detail() + "\n    now:    " + now.detail());
                }
            }
        }
        if (sameVerdict > 0) {
            diff.add("= " + sameVerdict + " cell(s) judged again with the same verdict (numbers refreshed)");
        }
        int kept = merged.size() - replaced - added;
        if (kept > 0) {
            diff.add("  " + kept + " stored cell(s) not judged by this run, kept unchanged");
        }
        write(file, model, new ArrayList<>(merged.values()));
        return new Merge(file, diff, replaced, added, kept);
    }

    /** Writes the file whole (atomically), cells sorted by key, one per line. */
    public static void write(Path file, String model, List<Cell> cells) {
        List<Cell> sorted = new ArrayList<>(cells);
        sorted.sort(Comparator.comparing(Cell::key));
        StringBuilder sb = new StringBuilder("{\n  \"format\": ").append(FORMAT).append(",\n  \"model\": ")
                .append(LINE.toJson(model)).append(",\n  \"cells\": [\n");
        for (int i = 0; i < sorted.size(); i++) {
            sb.append("    ").append(LINE.toJson(sorted.get(i).json())).append(i + 1 < sorted.size() ? ",\n" : "\n");
        }
        sb.append("  ]\n}\n");
        AtomicFiles.write(file, sb.toString());
    }

    /** A cell as this class writes it, for a verdict judged now. */
    static Cell cell(Judged j, String runId) {
        Verdict v = j.verdict();
        JsonObject o = new JsonObject();
        o.addProperty("claim", v.claim().id());
        o.addProperty("task", v.task());
        o.add("plan", j.plan().toJson());
        o.addProperty("verdict", v.outcome().name());
        PointCheck d = v.decisive();
        JsonObject dj = new JsonObject();
        dj.addProperty("quantity", d.quantity());
        if (d.k() >= 0) {
            dj.addProperty("k", d.k());
        }
        dj.addProperty("point", round(d.estimate().point()));
        dj.addProperty("lower", round(d.estimate().lower()));
        dj.addProperty("upper", round(d.estimate().upper()));
        dj.addProperty("relation", d.atLeast() ? ">=" : "<=");
        dj.addProperty("bound", round(d.bound()));
        o.add("decisive", dj);
        if (v.baseline() != null) {
            Estimate b = v.baseline();
            JsonObject bj = new JsonObject();
            bj.addProperty("point", round(b.point()));
            bj.addProperty("lower", round(b.lower()));
            bj.addProperty("upper", round(b.upper()));
            o.add("baseline", bj);
        }
        if (!runId.isEmpty()) {
            o.addProperty("run", runId);
        }
        return new Cell(v.claim().id(), v.task(), j.plan(), v.outcome(), o);
    }

    /**
     * A cell of the verdict-only format (before 2), given the plan it was judged under. The numbers were never
     * recorded; the cell says where it came from.
     */
    public static Cell converted(String pairKey, String verdict, CellPlan plan, String source) {
        String[] parts = pairKey.split("\\|", 2);
        if (parts.length != 2) {
            throw new IllegalArgumentException(source + ": key '" + pairKey + "' is not claim|task");
        }
        JsonObject o = new JsonObject();
        o.addProperty("claim", parts[0]);
        o.addProperty("task", parts[1]);
        o.add("plan", plan.toJson());
        Verdict.Outcome outcome = outcome(verdict, source + " (" + pairKey + ")");
        o.addProperty("verdict", outcome.name());
        o.addProperty("run", "converted from the verdict-only " + source);
        return new Cell(parts[0], parts[1], plan, outcome, o);
    }

    /** A stored verdict; {@code where} names the file and cell in the error. */
    private static Verdict.Outcome outcome(String verdict, String where) {
        try {
            return Verdict.Outcome.valueOf(verdict);
        } catch (IllegalArgumentException bad) {
            throw new IllegalArgumentException(where + ": verdict: expected HOLDS, REFUTED or INCONCLUSIVE, got '"
                    + verdict + "'");
        }
    }

    /** Strict mode: every REFUTED verdict is a failure, expected or not. */
    public static List<String> strictFailures(List<Verdict> verdicts) {
        return verdicts.stream().filter(v -> v.outcome() == Verdict.Outcome.REFUTED)
                .map(v -> v.model() + " " + v.claim().id() + "|" + v.task() + ": REFUTED").toList();
    }

    private static double round(double x) {
        return Math.round(x * 1e6) / 1e6;
    }

    private static String fmt(double x) {
        return String.format(Locale.ROOT, "%.3f", x);
    }

    static String abbreviate(Set<String> items) {
        List<String> list = new ArrayList<>(items);
        return list.size() <= 8 ? list.toString()
                : list.subList(0, 8) + " and " + (list.size() - 8) + " more";
    }
}
