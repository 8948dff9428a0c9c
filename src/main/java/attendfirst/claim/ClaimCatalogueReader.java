package attendfirst.claim;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the catalogue JSON. Every error names the file, the claim id and the dotted field path, e.g.
 * {@code fixtures/claims/catalogue.json: claim C3: field comparison.eps.provenance: ...}.
 */
final class ClaimCatalogueReader {

    private static final Set<String> FAMILIES = Set.of("random", "shuffle", "freeze", "switch", "skip-attention");
    private static final Set<String> MANIPULATIONS = Set.of("random", "shuffle", "freeze", "skip-attention", "switch");
    // the fields each object may hold: an unknown one is a typo (a misspelt "eps" would otherwise fall back silently)
    private static final Set<String> ROOT_FIELDS = new TreeSet<>(Set.of("statistics", "testabilityMargin", "minSolved", "claims"));
    private static final Set<String> STATISTICS_FIELDS = new TreeSet<>(Set.of("confidence", "maxLooks", "why"));
    private static final Set<String> CLAIM_FIELDS = new TreeSet<>(Set.of("id", "title", "family", "manipulation",
            "tasks", "paperWords", "comparison"));
    private static final Set<String> RANGE_FIELDS = new TreeSet<>(Set.of("from", "to", "minK", "text", "provenance", "why"));
    private static final Set<String> THRESHOLD_FIELDS = new TreeSet<>(Set.of("value", "provenance", "why"));
    /** Per comparison kind, its fields besides kind and range. */
    private static final Map<Comparison.Kind, Set<String>> COMPARISON_FIELDS = Map.of(
            Comparison.Kind.NEAR_BASELINE_ALL, Set.of("eps"),
            Comparison.Kind.NEAR_CHANCE_SOME, Set.of("delta"),
            Comparison.Kind.LARGE_DROP_SOME, Set.of("drop"),
            Comparison.Kind.TWO_REGIMES, Set.of("maxWidth", "delta", "eps"),
            Comparison.Kind.DOMINATES, Set.of("other", "eps"),
            Comparison.Kind.SWITCH_FLIP, Set.of("conformShare", "ignoreShare"));
    /** Thresholds that are shares of pairs: in [0, 1]; every other threshold is a distance: >= 0. */
    private static final Set<String> SHARES = Set.of("conformShare", "ignoreShare");

    private final Path file;
    private String claimId = "(catalogue)";
    /** Every unknown field met, reported together (with the first other error, if any). */
    private final List<String> unknown = new ArrayList<>();

    private ClaimCatalogueReader(Path file) {
        this.file = file;
    }

    static ClaimCatalogue read(Path file) {
        ClaimCatalogueReader reader = new ClaimCatalogueReader(file);
        ClaimCatalogue catalogue;
        try {
            catalogue = reader.parse();
        } catch (IllegalArgumentException e) {
            throw reader.withUnknown(e);
        }
        if (!reader.unknown.isEmpty()) {
            throw reader.withUnknown(null);
        }
        return catalogue;
    }

    /** The error with every unknown field met before it (a misspelt field is often why a field is missing). */
    private IllegalArgumentException withUnknown(IllegalArgumentException cause) {
        if (unknown.isEmpty()) {
            return cause;
        }
        String fields = unknown.size() + " unknown field" + (unknown.size() == 1 ? "" : "s") + ":\n  - "
                + String.join("\n  - ", unknown);
        return new IllegalArgumentException(cause == null ? fields : cause.getMessage() + "\nand " + fields, cause);
    }

    private ClaimCatalogue parse() {
        JsonObject root;
        try {
            JsonElement parsed = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8));
            if (!parsed.isJsonObject()) {
                throw error("(root)", "expected a JSON object with 'statistics', 'testabilityMargin' and 'claims'");
            }
            root = parsed.getAsJsonObject();
            onlyFields(root, "", ROOT_FIELDS);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read claim catalogue " + file, e);
        } catch (com.google.gson.JsonParseException e) {
            throw new IllegalArgumentException(file + ": not valid JSON: " + e.getMessage(), e);
        }
        JsonObject stats = object(root, "statistics", "statistics");
        onlyFields(stats, "statistics.", STATISTICS_FIELDS);
        StatisticsSettings settings;
        try {
            settings = new StatisticsSettings(
                    number(stats, "confidence", "statistics.confidence"),
                    (int) number(stats, "maxLooks", "statistics.maxLooks"),
                    text(stats, "why", "statistics.why"));
        } catch (IllegalArgumentException e) {
            throw rethrow("statistics", e);
        }
        Threshold margin = threshold(root, "testabilityMargin", "testabilityMargin");
        Threshold minSolved = root.has("minSolved") ? threshold(root, "minSolved", "minSolved")
                : ClaimCatalogue.DEFAULT_MIN_SOLVED;
        if (minSolved.value() < 2 || minSolved.value() != Math.rint(minSolved.value())) {
            throw error("minSolved.value", "is " + minSolved.value() + "; expected a whole number of examples >= 2");
        }
        List<Claim> claims = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        JsonArray array = array(root, "claims", "claims");
        for (int i = 0; i < array.size(); i++) {
            claimId = "#" + i;
            if (!array.get(i).isJsonObject()) {
                throw error("claims[" + i + "]", "expected an object");
            }
            Claim claim = claim(array.get(i).getAsJsonObject());
            if (!ids.add(claim.id())) {
                throw error("id", "duplicate claim id");
            }
            claims.add(claim);
        }
        claimId = "(catalogue)";
        if (claims.isEmpty()) {
            throw error("claims", "the catalogue holds no claim");
        }
        return new ClaimCatalogue(file, settings, margin, minSolved, claims);
    }

    private Claim claim(JsonObject o) {
        claimId = text(o, "id", "id");
        onlyFields(o, "", CLAIM_FIELDS);
        String family = text(o, "family", "family");
        if (!FAMILIES.contains(family)) {
            throw error("family", "expected one of " + FAMILIES + ", got '" + family + "'");
        }
        String manipulation = text(o, "manipulation", "manipulation");
        if (!MANIPULATIONS.contains(manipulation)) {
            throw error("manipulation", "expected one of " + MANIPULATIONS + ", got '" + manipulation + "'");
        }
        List<String> tasks = new ArrayList<>();
        JsonArray taskArray = array(o, "tasks", "tasks");
        for (int i = 0; i < taskArray.size(); i++) {
            JsonElement t = taskArray.get(i);
            if (!t.isJsonPrimitive() || !t.getAsJsonPrimitive().isString() || t.getAsString().isBlank()) {
                throw error("tasks[" + i + "]", "expected a task name");
            }
            if (!attendfirst.task.TaskRegistry.names().contains(t.getAsString())) {
                throw error("tasks[" + i + "]", "unknown task '" + t.getAsString() + "'; known tasks: "
                        + attendfirst.task.TaskRegistry.names());
            }
            tasks.add(t.getAsString());
        }
        if (tasks.isEmpty()) {
            throw error("tasks", "expected at least one task");
        }
        Comparison comparison = comparison(object(o, "comparison", "comparison"));
        if ((comparison instanceof Comparison.SwitchFlip) != "switch".equals(manipulation)) {
            throw error("comparison.kind", "SWITCH_FLIP goes with manipulation 'switch' and only with it; got "
                    + comparison.kind() + " for '" + manipulation + "'");
        }
        return new Claim(claimId, text(o, "title", "title"), family, text(o, "paperWords", "paperWords"),
                manipulation, tasks, comparison);
    }

    private Comparison comparison(JsonObject o) {
        String kindText = text(o, "kind", "comparison.kind");
        Comparison.Kind kind;
        try {
            kind = Comparison.Kind.valueOf(kindText);
        } catch (IllegalArgumentException e) {
            throw error("comparison.kind", "expected one of " + List.of(Comparison.Kind.values()) + ", got '" + kindText + "'");
        }
        Set<String> fields = new TreeSet<>(COMPARISON_FIELDS.get(kind));
        fields.add("kind");
        fields.add("range");
        onlyFields(o, "comparison.", fields);
        LayerRange range = range(object(o, "range", "comparison.range"));
        return switch (kind) {
            case NEAR_BASELINE_ALL -> new Comparison.NearBaselineAll(range, threshold(o, "eps", "comparison.eps"));
            case NEAR_CHANCE_SOME -> new Comparison.NearChanceSome(range, threshold(o, "delta", "comparison.delta"));
            case LARGE_DROP_SOME -> new Comparison.LargeDropSome(range, threshold(o, "drop", "comparison.drop"));
            case TWO_REGIMES -> new Comparison.TwoRegimes(range, threshold(o, "maxWidth", "comparison.maxWidth"),
                    threshold(o, "delta", "comparison.delta"), threshold(o, "eps", "comparison.eps"));
            case DOMINATES -> {
                String other = text(o, "other", "comparison.other");
                if (!MANIPULATIONS.contains(other) || "switch".equals(other)) {
                    throw error("comparison.other", "expected a swept manipulation, got '" + other + "'");
                }
                yield new Comparison.Dominates(other, range, threshold(o, "eps", "comparison.eps"));
            }
            case SWITCH_FLIP -> new Comparison.SwitchFlip(range,
                    threshold(o, "conformShare", "comparison.conformShare"),
                    threshold(o, "ignoreShare", "comparison.ignoreShare"));
        };
    }

    private LayerRange range(JsonObject o) {
        String path = "comparison.range";
        onlyFields(o, path + ".", RANGE_FIELDS);
        double from = LayerRange.parseFraction(fractionText(o, "from", path + ".from"), where(path + ".from"));
        double to = LayerRange.parseFraction(fractionText(o, "to", path + ".to"), where(path + ".to"));
        // optional: the smallest k of the band (1 for bands whose claim is true by construction at k = 0)
        int minK = 0;
        if (o.has("minK")) {
            double raw = number(o, "minK", path + ".minK");
            if (raw != Math.rint(raw) || raw < 0) {
                throw error(path + ".minK", "expected a whole number >= 0 (the smallest k of the band), got " + raw);
            }
            minK = (int) raw;
        }
        try {
            return new LayerRange(from, to, minK, text(o, "text", path + ".text"), text(o, "provenance", path + ".provenance"),
                    text(o, "why", path + ".why"));
        } catch (IllegalArgumentException e) {
            throw rethrow(path, e);
        }
    }

    private Threshold threshold(JsonObject parent, String name, String path) {
        JsonObject o = object(parent, name, path);
        onlyFields(o, path + ".", THRESHOLD_FIELDS);
        double value = number(o, "value", path + ".value");
        if (SHARES.contains(name) ? !(value >= 0 && value <= 1) : !(value >= 0)) {
            throw error(path + ".value", "is " + value + "; expected " + (SHARES.contains(name)
                    ? "a share of pairs in [0, 1]" : "a distance >= 0 (the rule applies the sign: a drop of eps is"
                    + " baseline - eps)"));
        }
        try {
            return new Threshold(value, text(o, "provenance", path + ".provenance"),
                    text(o, "why", path + ".why"));
        } catch (IllegalArgumentException e) {
            throw e.getMessage().startsWith(file.toString()) ? e : rethrow(path, e);
        }
    }

    private String fractionText(JsonObject o, String name, String path) {
        JsonElement e = o.get(name);
        if (e == null || !e.isJsonPrimitive()) {
            throw error(path, "missing; expected a fraction of the depth (0.6 or \"2/3\")");
        }
        return e.getAsString();
    }

    private JsonObject object(JsonObject o, String name, String path) {
        JsonElement e = o.get(name);
        if (e == null || !e.isJsonObject()) {
            throw error(path, e == null ? "missing" : "expected an object, got " + e);
        }
        return e.getAsJsonObject();
    }

    private JsonArray array(JsonObject o, String name, String path) {
        JsonElement e = o.get(name);
        if (e == null || !e.isJsonArray()) {
            throw error(path, e == null ? "missing" : "expected an array, got " + e);
        }
        return e.getAsJsonArray();
    }

    private String text(JsonObject o, String name, String path) {
        JsonElement e = o.get(name);
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString() || e.getAsString().isBlank()) {
            throw error(path, e == null ? "missing" : "expected a non-blank string, got " + e);
        }
        return e.getAsString();
    }

    private double number(JsonObject o, String name, String path) {
        JsonElement e = o.get(name);
        if (e == null || !e.isJsonPrimitive() || !((JsonPrimitive) e).isNumber()) {
            throw error(path, e == null ? "missing" : "expected a number, got " + e);
        }
        return e.getAsDouble();
    }

    /** Refuses any field not in {@code known}, naming it, its path and the accepted ones. */
    private void onlyFields(JsonObject o, String prefix, Set<String> known) {
        for (String key : o.keySet()) {
            if (!known.contains(key)) {
                unknown.add(where(prefix + key) + ": unknown field; accepted here: " + known);
            }
        }
    }

    private String where(String path) {
        return file + ": claim " + claimId + ": field " + path;
    }

    private IllegalArgumentException error(String path, String problem) {
        return new IllegalArgumentException(where(path) + ": " + problem);
    }

    private IllegalArgumentException rethrow(String path, IllegalArgumentException cause) {
        return new IllegalArgumentException(where(path) + ": " + cause.getMessage(), cause);
    }
}
