package attendfirst.report;

import attendfirst.claim.ClaimCatalogue;
import attendfirst.sweep.RunEnvironment;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The run-level files Allure reads from its results directory besides the per-test results:
 * environment.properties (the Environment widget), categories.json (how failures are grouped) and
 * executor.json (the Executors widget and the trend's build names).
 */
public final class AllureResultsFiles {

    /** Same property allure-java reads (surefire sets it); default {@code <repo root>/allure-results}. */
    public static final String RESULTS_PROPERTY = "allure.results.directory";

    /** Messages of claim verdicts start with "Claim <id> REFUTED" / "Claim <id> INCONCLUSIVE" (see Verdict). */
    static final String REFUTED_REGEX = "(?s)Claim \\S+ REFUTED.*";
    static final String INCONCLUSIVE_REGEX = "(?s)Claim \\S+ INCONCLUSIVE.*";

    private final Path dir;

    public AllureResultsFiles(Path dir) {
        this.dir = dir;
    }

    public static AllureResultsFiles fromSystemProperty() {
        String configured = System.getProperty(RESULTS_PROPERTY);
        Path dir = configured != null ? Path.of(configured)
                : ClaimCatalogue.RepoRoot.find().resolve("allure-results");
        return new AllureResultsFiles(dir.toAbsolutePath());
    }

    public Path dir() {
        return dir;
    }

    public void writeEnvironment(RunEnvironment env) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : env.toProperties().entrySet()) {
            sb.append(escape(e.getKey(), true)).append('=').append(escape(String.valueOf(e.getValue()), false))
                    .append('\n');
        }
        AtomicFiles.write(dir.resolve("environment.properties"), sb.toString());
    }

    /**
     * Categories, first match wins in Allure: a refuted claim (failed), an inconclusive claim (skipped, i.e.
     * aborted), and everything else that failed or broke (a missing provider, a sweep that threw).
     */
    public void writeCategories() {
        JsonArray cats = new JsonArray();
        cats.add(category("Claim refuted", REFUTED_REGEX, List.of("failed")));
        cats.add(category("Claim inconclusive", INCONCLUSIVE_REGEX, List.of("skipped")));
        cats.add(category("Infrastructure error", "(?s)(?!Claim \\S+ (REFUTED|INCONCLUSIVE)).*",
                List.of("failed", "broken")));
        AtomicFiles.write(dir.resolve("categories.json"), new GsonBuilder().setPrettyPrinting().create().toJson(cats));
    }

    public void writeExecutor(String buildName, String buildOrder) {
        JsonObject o = new JsonObject();
        o.addProperty("name", "attend-first claims harness");
        o.addProperty("type", "maven");
        o.addProperty("buildName", buildName);
        o.addProperty("buildOrder", buildOrder);
        o.addProperty("reportName", "Attend First, Consolidate Later: claims");
        AtomicFiles.write(dir.resolve("executor.json"), new GsonBuilder().setPrettyPrinting().create().toJson(o));
    }

    private static JsonObject category(String name, String regex, List<String> statuses) {
        JsonObject o = new JsonObject();
        o.addProperty("name", name);
        o.addProperty("messageRegex", regex);
        JsonArray s = new JsonArray();
        statuses.forEach(s::add);
        o.add("matchedStatuses", s);
        return o;
    }

    /** java.util.Properties escaping, without its date comment line, so the file is reproducible. */
    private static String escape(String s, boolean key) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '=', ':', '#', '!' -> sb.append('\\').append(c);
                case ' ' -> sb.append(key || i == 0 ? "\\ " : " ");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
