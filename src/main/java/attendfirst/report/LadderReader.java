package attendfirst.report;

import attendfirst.fixture.ModelFixture;
import attendfirst.fixture.ModelFixtures;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Reads the model ladder out of run summaries (claims-summary.json): the one place that knows which fields of a
 * summary the ladder uses, and reads them leniently, since the summary grows with the statistics. Per model the
 * newest summary (by "generated") is used, as {@link SummaryFile#merge} does. Fields read, all but the first
 * three optional:
 * <ul>
 *   <li>{@code verdicts[].model}, {@code .claim}, {@code .task}; {@code .numLayers}, {@code .family},
 *       {@code .verdict};</li>
 *   <li>{@code verdicts[].transition}: {@code definition} and {@code k}/{@code kLower}/{@code kUpper} (null or
 *       L: not reached inside the model; the fractions of depth are k/L), or an older
 *       {@code point}/{@code lower}/{@code upper} (fractions, or layers when above 1);</li>
 *   <li>{@code models[].parameters} (the run's count) and {@code models[].numLayers}; the swept k of the
 *       model's curves ({@code models[].switch.k}, {@code models[].tasks[].curves[].k}), to which the lower ends
 *       are widened ({@link Ladder.Point}); {@code run.id}, {@code generated}.</li>
 * </ul>
 * A summary without a parameter count gets it from the model's configuration ({@link ParameterCount}); a model
 * whose count is not known on this machine is left off the ladder with a note that says how to get it.
 */
public final class LadderReader {

    /** What the ladder needs to know about a model beyond its summary. */
    public interface Models {
        ParameterCount.Counted parameters(String model);

        String displayName(String model);

        /** Nothing known beyond the summaries: models without a recorded count are left off. */
        static Models none() {
            return new Models() {
                @Override
                public ParameterCount.Counted parameters(String model) {
                    return new ParameterCount.Counted(OptionalLong.empty(), "no fixtures given to read "
                            + "configurations from");
                }

                @Override
                public String displayName(String model) {
                    return model;
                }
            };
        }

        /** From the committed fixtures: the GGUF header in the model cache, or the committed config. */
        static Models fixtures(Path directory) {
            ModelFixtures fixtures = ModelFixtures.load(directory);
            return new Models() {
                @Override
                public ParameterCount.Counted parameters(String model) {
                    if (!fixtures.names().contains(model)) {
                        return new ParameterCount.Counted(OptionalLong.empty(), "no fixture " + directory.resolve(
                                model + ".json") + " to read its configuration from");
                    }
                    return ParameterCount.of(fixtures.get(model));
                }

                @Override
                public String displayName(String model) {
                    if (!fixtures.names().contains(model)) {
                        return model;
                    }
                    ModelFixture f = fixtures.get(model);
                    return f.displayName() == null ? model : f.displayName();
                }
            };
        }
    }

    private LadderReader() {
    }

    public static Ladder read(List<Path> summaries, Models models) {
        if (summaries.isEmpty()) {
            throw new IllegalArgumentException("the ladder needs at least one claims summary (claims-summary.json)");
        }
        // per model the newest summary
        Map<String, Path> owner = new LinkedHashMap<>();
        Map<String, String> ownerTime = new LinkedHashMap<>();
        Map<Path, JsonObject> roots = new LinkedHashMap<>();
        List<String> sources = new ArrayList<>();
        for (Path file : summaries) {
            JsonObject root = SummaryFile.parse(file);
            Json.array(root, "verdicts", file.toString());
            roots.put(file, root);
            String time = text(root, "generated");
            for (JsonElement e : root.getAsJsonArray("verdicts")) {
                String model = e.isJsonObject() ? text(e.getAsJsonObject(), "model") : null;
                if (model == null) {
                    throw new IllegalArgumentException(file + ": a verdict without \"model\": " + e);
                }
                Path before = owner.get(model);
                if (before == null || (time == null ? "" : time).compareTo(ownerTime.getOrDefault(model, "")) > 0) {
                    if (before != null && !before.equals(file)) {
                        sources.add(model + ": " + before + " replaced by the newer " + file);
                    }
                    owner.put(model, file);
                    ownerTime.put(model, time == null ? "" : time);
                } else if (!before.equals(file)) {
                    sources.add(model + ": " + file + " not used, " + before + " is newer");
                }
            }
        }
        List<Ladder.Point> points = new ArrayList<>();
        List<Ladder.Model> rows = new ArrayList<>();
        for (Map.Entry<String, Path> e : owner.entrySet()) {
            String model = e.getKey();
            Path file = e.getValue();
            JsonObject root = roots.get(file);
            JsonObject digest = digest(root, model);
            long parameters = -1;
            String from = null;
            if (digest != null && digest.has("parameters") && digest.get("parameters").isJsonPrimitive()) {
                parameters = digest.get("parameters").getAsLong();
                from = "the run's summary";
            } else {
                ParameterCount.Counted c = models.parameters(model);
                if (c.parameters().isPresent()) {
                    parameters = c.parameters().getAsLong();
                    from = c.source();
                } else {
                    sources.add(model + ": left off the ladder, its parameter count is unknown (" + c.source() + ")");
                    continue;
                }
            }
            int layers = digest != null && digest.has("numLayers") ? digest.get("numLayers").getAsInt() : -1;
            List<Ladder.Point> own = new ArrayList<>();
            int i = 0;
            for (JsonElement v : root.getAsJsonArray("verdicts")) {
                String where = file + ": verdicts[" + i++ + "]";
                JsonObject o = v.getAsJsonObject();
                if (!model.equals(text(o, "model"))) {
                    continue;
                }
                int numLayers = o.has("numLayers") ? Json.integer(o, "numLayers", where) : layers;
                layers = layers < 0 ? numLayers : layers;
                Ladder.Point p = point(o, model, parameters, numLayers, grid(digest, o), where);
                if (p != null) {
                    own.add(p);
                }
            }
            String run = root.has("run") && root.get("run").isJsonObject() ? text(root.getAsJsonObject("run"), "id")
                    : null;
            String summary = file + (run == null ? "" : " (run " + run + ")");
            rows.add(new Ladder.Model(model, models.displayName(model), parameters, from, layers, summary));
            points.addAll(own);
            sources.add(model + ": " + own.size() + " transition estimates from " + summary + "; "
                    + ParameterCount.shortForm(parameters) + " parameters (" + parameters + ", from " + from + ")");
        }
        Map<String, Long> paper = new LinkedHashMap<>();
        for (String m : PaperReference.PAPER_MODELS) {
            ParameterCount.Counted c = models.parameters(m);
            if (c.parameters().isPresent()) {
                paper.put(m, c.parameters().getAsLong());
            } else {
                sources.add("paper model " + m + ": not drawn, its parameter count is unknown (" + c.source() + ")");
            }
        }
        return new Ladder(points, rows, sources, paper);
    }

    private static JsonObject digest(JsonObject root, String model) {
        if (!root.has("models") || !root.get("models").isJsonArray()) {
            return null;
        }
        for (JsonElement m : root.getAsJsonArray("models")) {
            if (m.isJsonObject() && model.equals(text(m.getAsJsonObject(), "model"))) {
                return m.getAsJsonObject();
            }
        }
        return null;
    }

    /**
     * The swept k of a verdict's curve, from the model's digest: the switch's k for the switch family, else the
     * union of the k of every curve of the verdict's task; null when the summary does not list them.
     */
    static int[] grid(JsonObject digest, JsonObject verdict) {
        if (digest == null) {
            return null;
        }
        java.util.TreeSet<Integer> ks = new java.util.TreeSet<>();
        try {
            if ("switch".equals(text(verdict, "family")) && digest.has("switch") && digest.get("switch").isJsonObject()) {
                digest.getAsJsonObject("switch").getAsJsonArray("k").forEach(k -> ks.add(k.getAsInt()));
            } else if (digest.has("tasks") && digest.get("tasks").isJsonArray()) {
                for (JsonElement t : digest.getAsJsonArray("tasks")) {
                    JsonObject to = t.getAsJsonObject();
                    if (!java.util.Objects.equals(text(to, "task"), text(verdict, "task")) || !to.has("curves")) {
                        continue;
                    }
                    for (JsonElement c : to.getAsJsonArray("curves")) {
                        c.getAsJsonObject().getAsJsonArray("k").forEach(k -> ks.add(k.getAsInt()));
                    }
                }
            }
        } catch (RuntimeException e) {
            return null; // a digest of another shape: no grid, no widening
        }
        return ks.isEmpty() ? null : ks.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The layer after the last swept k below {@code kLower}; kLower itself when none is below it. */
    static Integer widened(Integer kLower, int[] grid) {
        if (kLower == null || grid == null) {
            return kLower;
        }
        int below = -1;
        for (int k : grid) {
            if (k < kLower) {
                below = Math.max(below, k);
            }
        }
        return below < 0 ? kLower : below + 1;
    }

    static String gridText(int[] grid) {
        if (grid == null) {
            return "not in the summary";
        }
        if (grid.length > 4) {
            return grid[0] + ", " + grid[1] + ", " + grid[2] + ", …, " + grid[grid.length - 1];
        }
        return String.join(", ", java.util.Arrays.stream(grid).mapToObj(Integer::toString).toList());
    }

    /** The verdict's transition estimate ({@link SummaryTransition}, the one reading of it), or null. */
    static Ladder.Point point(JsonObject o, String model, long parameters, int numLayers, int[] grid, String where) {
        SummaryTransition t = SummaryTransition.read(o, numLayers, where);
        if (t == null) {
            return null;
        }
        Integer kLowerGrid = widened(t.kLower(), grid);
        return new Ladder.Point(model, parameters, text(o, "claim"), orEmpty(text(o, "family")), text(o, "task"),
                numLayers, orEmpty(text(o, "verdict")), t.fraction(t.k()), t.fraction(kLowerGrid),
                t.fraction(t.kUpper()), t.k(), t.kLower(), t.kUpper(), kLowerGrid, gridText(grid), t.definition());
    }

    private static String text(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() || !e.isJsonPrimitive() ? null : e.getAsString();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
