package attendfirst.report;

import attendfirst.claim.Estimate;
import attendfirst.sweep.RunEnvironment;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the report's model page needs from a run, small enough to travel in claims-summary.json (under
 * "models"): the run's side of the model card, the clean score and every plotted curve per task, and the switch
 * shares. Written by the run ({@link SweepFigures#digests()}), read back by {@link SummaryFile}.
 *
 * @param files  weights file name -> SHA-256 of the file actually loaded
 * @param dtype  compute dtype of the run ("float32"), null when the run did not say
 * @param device DJL device of the run ("cpu()"), null when the run did not say
 * @param engine engine and version ("PyTorch 2.7.1"), null when the run did not say
 * @param parameters the model's parameter count from its configuration ({@link ParameterCount}), the model
 *                   ladder's x; null when not known (summaries before it was recorded)
 */
public record ModelDigest(String model, int numLayers, Map<String, String> files, String dtype, String device,
                          String engine, List<TaskDigest> tasks, SwitchShares switchShares, Long parameters) {

    /** One task: its metric, chance level, clean (baseline) score and every manipulation's curve. */
    public record TaskDigest(String task, String metric, double chance, Estimate baseline, List<Curve> curves) {
    }

    public ModelDigest {
        files = files == null ? Map.of() : new LinkedHashMap<>(files);
        tasks = List.copyOf(tasks);
    }

    /**
     * The same digest with the run's model file, dtype and device filled in, and the parameter count read from the
     * configuration of the model's fixture (the GGUF header the run just loaded, or its config.json).
     */
    public ModelDigest withRun(RunEnvironment env) {
        Map<String, String> f = new LinkedHashMap<>();
        for (RunEnvironment.ModelFile m : env.models()) {
            if (m.name().equals(model)) {
                f.put(m.file(), m.sha256());
            }
        }
        return new ModelDigest(model, numLayers, f, env.dtype(), env.device(), env.engine(), tasks, switchShares,
                parameters != null ? parameters : ParameterCount.ofInstalled(model).orElse(null));
    }

    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("model", model);
        o.addProperty("numLayers", numLayers);
        JsonObject f = new JsonObject();
        files.forEach(f::addProperty);
        o.add("files", f);
        o.addProperty("dtype", dtype);
        o.addProperty("device", device);
        o.addProperty("engine", engine);
        if (parameters != null) {
            o.addProperty("parameters", parameters);
        }
        JsonArray ts = new JsonArray();
        for (TaskDigest t : tasks) {
            JsonObject to = new JsonObject();
            to.addProperty("task", t.task());
            to.addProperty("metric", t.metric());
            to.addProperty("chance", t.chance());
            to.add("baseline", estimate(t.baseline()));
            JsonArray cs = new JsonArray();
            for (Curve c : t.curves()) {
                JsonObject co = new JsonObject();
                co.addProperty("manipulation", c.label());
                co.add("k", ints(c.ks()));
                co.add("score", estimates(c.estimates()));
                cs.add(co);
            }
            to.add("curves", cs);
            ts.add(to);
        }
        o.add("tasks", ts);
        if (switchShares != null) {
            JsonObject s = new JsonObject();
            s.addProperty("pairs", switchShares.pairs());
            s.add("k", ints(switchShares.ks()));
            s.add("ignored", estimates(switchShares.ignored()));
            s.add("conformed", estimates(switchShares.conformed()));
            s.add("other", estimates(switchShares.other()));
            o.add("switch", s);
        }
        return o;
    }

    /** Reads one entry of "models"; {@code where} names the file for errors. */
    public static ModelDigest fromJson(JsonObject o, String where) {
        String model = Json.string(o, "model", where);
        String at = where + ": models[" + model + "]";
        int numLayers = Json.integer(o, "numLayers", at);
        Map<String, String> files = new LinkedHashMap<>();
        if (o.has("files") && o.get("files").isJsonObject()) {
            o.getAsJsonObject("files").entrySet().forEach(e -> files.put(e.getKey(), e.getValue().getAsString()));
        }
        List<TaskDigest> tasks = new ArrayList<>();
        for (JsonElement te : Json.array(o, "tasks", at)) {
            JsonObject t = te.getAsJsonObject();
            String task = Json.string(t, "task", at + ".tasks");
            String tat = at + ".tasks[" + task + "]";
            List<Curve> curves = new ArrayList<>();
            for (JsonElement ce : Json.array(t, "curves", tat)) {
                JsonObject c = ce.getAsJsonObject();
                String m = Json.string(c, "manipulation", tat + ".curves");
                int[] ks = Json.ints(c, "k", tat + ".curves[" + m + "]");
                curves.add(new Curve(m, ks, Json.estimates(c, "score", tat + ".curves[" + m + "]")));
            }
            tasks.add(new TaskDigest(task, Json.string(t, "metric", tat), Json.number(t, "chance", tat),
                    Json.estimate(t, "baseline", tat), curves));
        }
        SwitchShares shares = null;
        if (o.has("switch") && o.get("switch").isJsonObject()) {
            JsonObject s = o.getAsJsonObject("switch");
            String sat = at + ".switch";
            shares = new SwitchShares(model, numLayers, Json.integer(s, "pairs", sat), Json.ints(s, "k", sat),
                    Json.estimates(s, "ignored", sat), Json.estimates(s, "conformed", sat),
                    Json.estimates(s, "other", sat));
        }
        return new ModelDigest(model, numLayers, files, Json.optString(o, "dtype"), Json.optString(o, "device"),
                Json.optString(o, "engine"), tasks, shares,
                o.has("parameters") && !o.get("parameters").isJsonNull() ? o.get("parameters").getAsLong() : null);
    }

    /** Mutable collector used while walking a run's cached curves. */
    static final class Builder {
        private final String model;
        private final int numLayers;
        private final Map<String, TaskDigest> tasks = new java.util.TreeMap<>();
        private SwitchShares shares;

        Builder(String model, int numLayers) {
            this.model = model;
            this.numLayers = numLayers;
        }

        Builder curve(String task, String metric, double chance, Estimate baseline, Curve curve) {
            TaskDigest t = tasks.computeIfAbsent(task, k -> new TaskDigest(task, metric, chance, baseline,
                    new ArrayList<>()));
            t.curves().add(curve);
            return this;
        }

        Builder switchShares(SwitchShares s) {
            this.shares = s;
            return this;
        }

        ModelDigest build() {
            List<TaskDigest> list = new ArrayList<>();
            for (TaskDigest t : tasks.values()) {
                List<Curve> sorted = new ArrayList<>(t.curves());
                sorted.sort(java.util.Comparator.comparingInt(c -> Manipulations.order(c.label())));
                list.add(new TaskDigest(t.task(), t.metric(), t.chance(), t.baseline(), sorted));
            }
            return new ModelDigest(model, numLayers, Map.of(), null, null, null, list, shares, null);
        }
    }

    private static JsonObject estimate(Estimate e) {
        JsonObject o = new JsonObject();
        o.addProperty("point", e.point());
        o.addProperty("lower", e.lower());
        o.addProperty("upper", e.upper());
        return o;
    }

    private static JsonArray ints(int[] ks) {
        JsonArray a = new JsonArray();
        for (int k : ks) {
            a.add(k);
        }
        return a;
    }

    /** Three parallel arrays, point / lower / upper, which keeps a 30-k curve readable in the file. */
    private static JsonObject estimates(Estimate[] es) {
        JsonArray p = new JsonArray();
        JsonArray l = new JsonArray();
        JsonArray u = new JsonArray();
        for (Estimate e : es) {
            p.add(e.point());
            l.add(e.lower());
            u.add(e.upper());
        }
        JsonObject o = new JsonObject();
        o.add("point", p);
        o.add("lower", l);
        o.add("upper", u);
        return o;
    }
}
