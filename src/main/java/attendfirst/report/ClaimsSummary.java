package attendfirst.report;

import attendfirst.claim.Estimate;
import attendfirst.claim.PointCheck;
import attendfirst.claim.Transition;
import attendfirst.claim.Verdict;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * target/claims-summary.json: which run it is (id, plan, status) and one entry per (claim, model, task) with the
 * verdict and its key numbers, written atomically. The harness writes it into the run folder and moves it into
 * place only when the run has finished. The one writer of the format (the run's summary, and the merged summary a
 * report keeps in its history/); {@link SummaryFile} is its reader.
 */
public final class ClaimsSummary {

    private ClaimsSummary() {
    }

    public static void write(Path file, List<Verdict> verdicts, Path catalogue) {
        write(file, verdicts, catalogue, Map.of(), List.of());
    }

    /**
     * {@code run}: run id, plan, status and anything else that says which run this is, in order; {@code models}:
     * per model the run's side of its card and every plotted curve ({@link ModelDigest}), which the report's model
     * pages draw. Readers treat "run" and "models" as optional.
     */
    public static void write(Path file, List<Verdict> verdicts, Path catalogue, Map<String, String> run,
                             List<ModelDigest> models) {
        write(file, verdicts, catalogue, run, models, v -> Map.of());
    }

    /**
     * As above, with per verdict the fields {@code extra} gives (String, Number or Boolean values), e.g. how it
     * was sampled: "look", "maxLooks", "n", "examples" ("known-only (clean accuracy on the pool: 53/188)").
     */
    public static void write(Path file, List<Verdict> verdicts, Path catalogue, Map<String, String> run,
                             List<ModelDigest> models, java.util.function.Function<Verdict, Map<String, Object>> extra) {
        JsonArray list = new JsonArray();
        for (Verdict v : verdicts) {
            JsonObject o = new JsonObject();
            o.addProperty("claim", v.claim().id());
            o.addProperty("title", v.claim().title());
            o.addProperty("family", v.claim().family());
            o.addProperty("model", v.model());
            o.addProperty("task", v.task());
            o.addProperty("numLayers", v.numLayers());
            o.addProperty("verdict", v.outcome().name());
            o.addProperty("explanation", v.explanation());
            o.addProperty("paperWords", v.claim().paperWords());
            o.addProperty("rule", v.claim().comparison().rule());
            o.addProperty("range", v.claim().comparison().range().describe(v.numLayers()));
            o.add("decisive", check(v.decisive()));
            if (v.baseline() != null) {
                o.add("baseline", estimate(v.baseline()));
                o.addProperty("chance", v.chance());
            }
            if (!Double.isNaN(v.alpha())) {
                o.addProperty("alpha", v.alpha());
                o.addProperty("familySize", v.familySize());
            }
            if (v.transition() != null) {
                o.add("transition", transition(v.transition()));
            }
            if (v.examplesNeeded() >= 0) {
                o.addProperty("examplesNeeded", v.examplesNeeded() == Verdict.UNREACHABLE ? null
                        : Integer.valueOf(v.examplesNeeded()));
            }
            extra.apply(v).forEach((key, value) -> {
                if (value instanceof Number n) {
                    o.addProperty(key, n);
                } else if (value instanceof Boolean b) {
                    o.addProperty(key, b);
                } else {
                    o.addProperty(key, String.valueOf(value));
                }
            });
            list.add(o);
        }
        write(file, run, catalogue, list, models);
    }

    /**
     * The merged summary of a report's input summaries ({@link SummaryFile#merge}), each verdict as its summary
     * wrote it: what the report leaves in its history/ for the next report to compare with.
     */
    public static void writeMerged(Path file, SummaryFile merged) {
        JsonArray list = new JsonArray();
        merged.verdictJson().forEach(list::add);
        Map<String, String> run = new java.util.LinkedHashMap<>();
        run.put("status", "merged");
        run.put("sources", String.join("; ", merged.sources()));
        write(file, run, null, list, List.copyOf(merged.models().values()));
    }

    /** The one layout of the file: run, generated, catalogue, verdicts, models; written atomically. */
    private static void write(Path file, Map<String, String> run, Path catalogue, JsonArray verdicts,
                              List<ModelDigest> models) {
        JsonObject root = new JsonObject();
        if (!run.isEmpty()) {
            JsonObject r = new JsonObject();
            run.forEach(r::addProperty);
            root.add("run", r);
        }
        root.addProperty("generated", Instant.now().toString());
        root.addProperty("catalogue", catalogue == null ? null : catalogue.toString());
        root.add("verdicts", verdicts);
        if (!models.isEmpty()) {
            JsonArray digests = new JsonArray();
            models.forEach(m -> digests.add(m.toJson()));
            root.add("models", digests);
        }
        AtomicFiles.write(file, new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping().create()
                .toJson(root) + "\n");
    }

    private static JsonObject check(PointCheck c) {
        JsonObject o = new JsonObject();
        o.addProperty("quantity", c.quantity());
        if (c.k() >= 0) {
            o.addProperty("k", c.k());
        }
        o.add("measured", estimate(c.estimate()));
        o.addProperty("relation", c.atLeast() ? ">=" : "<=");
        o.addProperty("bound", c.bound());
        o.addProperty("threshold", c.threshold().value());
        o.addProperty("provenance", c.threshold().provenance());
        o.addProperty("why", c.threshold().why());
        return o;
    }

    private static JsonObject estimate(Estimate e) {
        JsonObject o = new JsonObject();
        o.addProperty("point", e.point());
        o.addProperty("lower", e.lower());
        o.addProperty("upper", e.upper());
        if (!e.method().isEmpty()) {
            o.addProperty("method", e.method());
        }
        return o;
    }

    /** Layer index and fraction of depth; "not reached" (= numLayers) is written as null. */
    private static JsonObject transition(Transition t) {
        JsonObject o = new JsonObject();
        o.addProperty("definition", t.definition());
        o.addProperty("k", reached(t, t.point()));
        o.addProperty("kLower", reached(t, t.lower()));
        o.addProperty("kUpper", reached(t, t.upper()));
        o.addProperty("fraction", t.point() < t.numLayers() ? t.fraction(t.point()) : null);
        o.addProperty("fractionLower", t.lower() < t.numLayers() ? t.fraction(t.lower()) : null);
        o.addProperty("fractionUpper", t.upper() < t.numLayers() ? t.fraction(t.upper()) : null);
        o.addProperty("confidence", t.confidence());
        return o;
    }

    private static Integer reached(Transition t, int k) {
        return k < t.numLayers() ? k : null;
    }
}
