package attendfirst.report;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One or more target/claims-summary.json files read as the report's input. When models ran on different runners
 * each runner writes its own summary; they are merged by model: every model's cells and digest come from the
 * newest summary (by its "generated" time) that judged that model, and an older summary's cells of the same
 * model are dropped with a note, so a re-run replaces rather than duplicates. Fields added after the first
 * summaries (paperWords, rule, range, models, a transition estimate) are optional; a transition is read by
 * {@link SummaryTransition}, as the model ladder reads it.
 *
 * @param cells  every judged cell, each (claim, model, task) once
 * @param models per model its digest, when its summary carried one
 * @param notes  what the merge did, for the front page
 * @param verdictJson every cell as its summary wrote it (same order as cells), for {@link ClaimsSummary#writeMerged}
 * @param origins per model the summary its cells came from, "file (run id)"
 * @param runText the run of a single summary, "id (plan)"; null for several merged or when not recorded
 */
public record SummaryFile(List<JudgedCell> cells, Map<String, ModelDigest> models, List<String> notes,
                          List<String> sources, List<JsonObject> verdictJson, Map<String, String> origins,
                          String runText) {

    /** A single summary. */
    public static SummaryFile read(Path file) {
        return read(file, parse(file));
    }

    private static SummaryFile read(Path file, JsonObject root) {
        String where = file.toString();
        List<JudgedCell> cells = new ArrayList<>();
        List<JsonObject> json = new ArrayList<>();
        int i = 0;
        for (JsonElement e : Json.array(root, "verdicts", where)) {
            cells.add(cell(e.getAsJsonObject(), where + ": verdicts[" + i++ + "]"));
            json.add(e.getAsJsonObject());
        }
        Map<String, ModelDigest> models = new TreeMap<>();
        if (root.has("models") && root.get("models").isJsonArray()) {
            for (JsonElement e : root.getAsJsonArray("models")) {
                ModelDigest d = ModelDigest.fromJson(e.getAsJsonObject(), where);
                models.put(d.model(), d);
            }
        }
        String generated = Json.optString(root, "generated");
        JsonElement runElement = root.get("run");
        JsonObject run = runElement != null && runElement.isJsonObject() ? runElement.getAsJsonObject() : null;
        String runId = run == null ? null : Json.optString(run, "id");
        String plan = run == null ? null : Json.optString(run, "plan");
        String runText = run != null ? runId + " (" + (plan == null ? "plan not recorded" : plan) + ")"
                : runElement != null && runElement.isJsonPrimitive() ? runElement.getAsString() : null;
        Map<String, String> origins = new LinkedHashMap<>();
        cells.forEach(c -> origins.put(c.model(), file + (runId == null ? "" : " (run " + runId + ")")));
        return new SummaryFile(cells, models, new ArrayList<>(), List.of(file + (generated == null ? ""
                : " (generated " + generated + ")")), json, origins, runText);
    }

    /** Several summaries merged by model, newest "generated" wins per model. */
    public static SummaryFile merge(List<Path> files) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no claims summary given: pass at least one claims-summary.json");
        }
        Map<String, Path> owner = new LinkedHashMap<>();
        Map<String, String> ownerTime = new LinkedHashMap<>();
        Map<Path, SummaryFile> read = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        for (Path f : files) {
            JsonObject root = parse(f);
            SummaryFile s = read(f, root);
            read.put(f, s);
            String time = Json.optString(root, "generated");
            for (String model : s.cells().stream().map(JudgedCell::model).distinct().toList()) {
                Path before = owner.get(model);
                if (before == null || compare(time, ownerTime.get(model)) > 0) {
                    if (before != null) {
                        notes.add(model + ": cells of " + before + " replaced by the newer " + f);
                    }
                    owner.put(model, f);
                    ownerTime.put(model, time);
                } else {
                    notes.add(model + ": cells of " + f + " ignored, " + before + " is newer");
                }
            }
        }
        List<JudgedCell> cells = new ArrayList<>();
        List<JsonObject> json = new ArrayList<>();
        Map<String, ModelDigest> models = new TreeMap<>();
        List<String> sources = new ArrayList<>();
        Map<String, String> origins = new LinkedHashMap<>();
        owner.forEach((model, file) -> origins.put(model, read.get(file).origins().get(model)));
        for (Map.Entry<Path, SummaryFile> e : read.entrySet()) {
            sources.addAll(e.getValue().sources());
            for (int i = 0; i < e.getValue().cells().size(); i++) {
                JudgedCell c = e.getValue().cells().get(i);
                if (e.getKey().equals(owner.get(c.model()))) {
                    cells.add(c);
                    json.add(e.getValue().verdictJson().get(i));
                }
            }
            e.getValue().models().forEach((m, d) -> {
                if (e.getKey().equals(owner.get(m))) {
                    models.put(m, d);
                }
            });
        }
        Map<String, JudgedCell> seen = new LinkedHashMap<>();
        for (JudgedCell c : cells) {
            JudgedCell clash = seen.put(c.id(), c);
            if (clash != null) {
                throw new IllegalArgumentException(owner.get(c.model()) + ": (claim, model, task) " + c.id()
                        + " is judged twice in one summary");
            }
        }
        return new SummaryFile(cells, models, notes, sources, json, origins,
                read.size() == 1 ? read.values().iterator().next().runText() : null);
    }

    private static int compare(String a, String b) {
        return (a == null ? "" : a).compareTo(b == null ? "" : b);
    }

    static JsonObject parse(Path file) {
        try {
            JsonElement e = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
            if (!e.isJsonObject()) {
                throw new IllegalArgumentException(file + ": expected a JSON object with \"verdicts\", got " + e);
            }
            return e.getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read claims summary " + file, e);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException(file + ": not valid JSON: " + e.getMessage(), e);
        }
    }

    static JudgedCell cell(JsonObject o, String where) {
        JudgedCell.Decisive decisive = null;
        if (o.has("decisive") && o.get("decisive").isJsonObject()) {
            JsonObject d = o.getAsJsonObject("decisive");
            String at = where + ".decisive";
            JsonObject m = Json.object(d, "measured", at);
            decisive = new JudgedCell.Decisive(Json.string(d, "quantity", at),
                    d.has("k") && !d.get("k").isJsonNull() ? d.get("k").getAsInt() : -1,
                    Json.number(m, "point", at + ".measured"), Json.number(m, "lower", at + ".measured"),
                    Json.number(m, "upper", at + ".measured"), Json.string(d, "relation", at),
                    Json.number(d, "bound", at), Json.optString(d, "provenance"));
        }
        String text = Json.string(o, "verdict", where);
        if (!List.of("HOLDS", "REFUTED", "INCONCLUSIVE").contains(text)) {
            throw new IllegalArgumentException(where + ": verdict must be HOLDS, REFUTED or INCONCLUSIVE, got '"
                    + text + "'");
        }
        attendfirst.claim.Verdict.Outcome verdict = attendfirst.claim.Verdict.Outcome.valueOf(text);
        int numLayers = Json.integer(o, "numLayers", where);
        return new JudgedCell(Json.string(o, "claim", where), Json.string(o, "title", where),
                Json.string(o, "family", where), Json.optString(o, "paperWords"), Json.optString(o, "rule"),
                Json.optString(o, "range"), Json.string(o, "model", where), Json.string(o, "task", where),
                numLayers, verdict, Json.optString(o, "explanation"), decisive,
                SummaryTransition.read(o, numLayers, where));
    }
}
