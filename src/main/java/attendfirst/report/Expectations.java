package attendfirst.report;

import attendfirst.claim.Verdict;
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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The committed verdict baseline of one model, {@code fixtures/expectations/<model>.json}:
 * <pre>{ "model": "smollm2-135m-instruct", "verdicts": { "C1|capitals": "HOLDS", ... } }</pre>
 * A regression is any (claim, task) whose verdict differs from the expected one, in either direction, and any
 * expected entry that was not judged in a run that judged the model. "Accept" writes the current verdicts as
 * the new expectations.
 */
public final class Expectations {

    /** One (claim, task) whose verdict changed; {@code actual} is "not judged" when it was missing. */
    public record Regression(String model, String key, String expected, String actual) {
        @Override
        public String toString() {
            return model + " " + key + ": expected " + expected + ", got " + actual;
        }
    }

    private Expectations() {
    }

    public static Path file(Path dir, String model) {
        return dir.resolve(model + ".json");
    }

    public static String key(Verdict v) {
        return v.claim().id() + "|" + v.task();
    }

    /** The expected verdicts by key; throws naming the file and key when an entry is malformed. */
    public static Map<String, String> read(Path file) {
        JsonElement root;
        try {
            root = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read expectations " + file, e);
        } catch (com.google.gson.JsonParseException e) {
            throw new IllegalArgumentException(file + ": not valid JSON: " + e.getMessage(), e);
        }
        if (!root.isJsonObject() || !root.getAsJsonObject().has("verdicts")
                || !root.getAsJsonObject().get("verdicts").isJsonObject()) {
            throw new IllegalArgumentException(file + ": expected {\"model\": ..., \"verdicts\": {\"C1|task\": \"HOLDS\"}}");
        }
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, JsonElement> e : root.getAsJsonObject().getAsJsonObject("verdicts").entrySet()) {
            String value = e.getValue().isJsonPrimitive() ? e.getValue().getAsString() : "";
            try {
                Verdict.Outcome.valueOf(value);
            } catch (IllegalArgumentException bad) {
                throw new IllegalArgumentException(file + ": verdicts." + e.getKey() + ": expected HOLDS, REFUTED or "
                        + "INCONCLUSIVE, got " + e.getValue());
            }
            out.put(e.getKey(), value);
        }
        return out;
    }

    /** Regressions of one model's verdicts against the expectations file (none if it does not exist). */
    public static List<Regression> compare(Path dir, String model, List<Verdict> verdicts) {
        Path file = file(dir, model);
        if (!Files.exists(file)) {
            return List.of();
        }
        Map<String, String> expected = read(file);
        Map<String, String> actual = current(model, verdicts);
        List<Regression> out = new ArrayList<>();
        for (Map.Entry<String, String> e : expected.entrySet()) {
            String got = actual.getOrDefault(e.getKey(), "not judged");
            if (!got.equals(e.getValue())) {
                out.add(new Regression(model, e.getKey(), e.getValue(), got));
            }
        }
        for (Map.Entry<String, String> e : actual.entrySet()) {
            if (!expected.containsKey(e.getKey())) {
                out.add(new Regression(model, e.getKey(), "not expected", e.getValue()));
            }
        }
        return out;
    }

    /** Writes the model's current verdicts as its new expectations file (atomically). */
    public static Path accept(Path dir, String model, List<Verdict> verdicts) {
        JsonObject root = new JsonObject();
        root.addProperty("model", model);
        JsonObject map = new JsonObject();
        current(model, verdicts).forEach(map::addProperty);
        root.add("verdicts", map);
        Path file = file(dir, model);
        AtomicFiles.write(file, new GsonBuilder().setPrettyPrinting().create().toJson(root) + "\n");
        return file;
    }

    /** Strict mode: every REFUTED verdict is a failure, expected or not. */
    public static List<String> strictFailures(List<Verdict> verdicts) {
        return verdicts.stream().filter(v -> v.outcome() == Verdict.Outcome.REFUTED)
                .map(v -> v.model() + " " + key(v) + ": REFUTED").toList();
    }

    private static Map<String, String> current(String model, List<Verdict> verdicts) {
        Map<String, String> out = new TreeMap<>();
        for (Verdict v : verdicts) {
            if (v.model().equals(model)) {
                out.put(key(v), v.outcome().name());
            }
        }
        return out;
    }
}
