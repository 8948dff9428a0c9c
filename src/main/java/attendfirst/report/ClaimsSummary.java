package attendfirst.report;

import attendfirst.claim.Estimate;
import attendfirst.claim.PointCheck;
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
 * place only when the run has finished.
 */
public final class ClaimsSummary {

    private ClaimsSummary() {
    }

    public static void write(Path file, List<Verdict> verdicts, Path catalogue) {
        write(file, verdicts, catalogue, Map.of());
    }

    /** {@code run}: run id, plan, status and anything else that says which run this is, in order. */
    public static void write(Path file, List<Verdict> verdicts, Path catalogue, Map<String, String> run) {
        JsonObject root = new JsonObject();
        if (!run.isEmpty()) {
            JsonObject r = new JsonObject();
            run.forEach(r::addProperty);
            root.add("run", r);
        }
        root.addProperty("generated", Instant.now().toString());
        root.addProperty("catalogue", catalogue == null ? null : catalogue.toString());
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
            o.add("decisive", check(v.decisive()));
            if (v.baseline() != null) {
                o.add("baseline", estimate(v.baseline()));
                o.addProperty("chance", v.chance());
            }
            list.add(o);
        }
        root.add("verdicts", list);
        AtomicFiles.write(file, new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping().create().toJson(root) + "\n");
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
        return o;
    }
}
