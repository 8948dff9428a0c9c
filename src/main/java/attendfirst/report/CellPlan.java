package attendfirst.report;

import com.google.gson.JsonObject;

/**
 * The plan one expectation cell was judged under: what decides which numbers a verdict rests on. Two verdicts
 * of one (claim, model, task) are compared only when their plans are equal; otherwise the difference is a
 * changed plan or sample, not a regression.
 *
 * @param layerStride    layer grid: k = 0, stride, 2 stride, ... plus the last layer
 * @param seeds          seeds of random and shuffle
 * @param examples       the task spec name:size:seed[:path] (sample size and example seed)
 * @param knownOnly      examples restricted to those the model answers correctly without manipulation
 * @param switchExamples switch claim: examples (0 for other claims)
 * @param switchPairs    switch claim: injected countries per example (0 for other claims)
 */
public record CellPlan(int layerStride, int seeds, String examples, boolean knownOnly, int switchExamples,
                       int switchPairs) {

    /** "stride 3, 2 seeds, capitals:16:0 known-only, switch 6x1". */
    public String describe() {
        return "stride " + layerStride + ", " + seeds + " seed" + (seeds == 1 ? "" : "s") + ", " + examples
                + (knownOnly ? " known-only" : "") + (switchExamples > 0 ? ", switch " + switchExamples + "x"
                + switchPairs : "");
    }

    JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("layerStride", layerStride);
        o.addProperty("seeds", seeds);
        o.addProperty("examples", examples);
        o.addProperty("knownOnly", knownOnly);
        if (switchExamples > 0) {
            o.addProperty("switchExamples", switchExamples);
            o.addProperty("switchPairs", switchPairs);
        }
        return o;
    }

    /** Reads the object written by {@link #toJson()}; {@code where} names file and cell for errors. */
    static CellPlan fromJson(JsonObject o, String where) {
        for (String key : o.keySet()) {
            if (!java.util.Set.of("layerStride", "seeds", "examples", "knownOnly", "switchExamples", "switchPairs")
                    .contains(key)) {
                throw new IllegalArgumentException(where + ": plan: unknown field '" + key + "'; accepted: [examples,"
                        + " knownOnly, layerStride, seeds, switchExamples, switchPairs]");
            }
        }
        try {
            return new CellPlan(o.get("layerStride").getAsInt(), o.get("seeds").getAsInt(),
                    o.get("examples").getAsString(), o.get("knownOnly").getAsBoolean(),
                    o.has("switchExamples") ? o.get("switchExamples").getAsInt() : 0,
                    o.has("switchPairs") ? o.get("switchPairs").getAsInt() : 0);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(where + ": plan must hold layerStride, seeds, examples and knownOnly"
                    + " (switch cells also switchExamples and switchPairs), got " + o, e);
        }
    }
}
