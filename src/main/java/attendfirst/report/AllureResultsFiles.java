package attendfirst.report;

import attendfirst.sweep.RunEnvironment;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The run-level files Allure reads from its results directory besides the per-test results:
 * environment.properties (the Environment widget), categories.json (how failures are grouped) and
 * executor.json (the Executors widget and the trend's build names).
 */
public final class AllureResultsFiles {

    /** Messages of claim verdicts start with "Claim <id> REFUTED" / "Claim <id> INCONCLUSIVE" (see Verdict). */
    static final String REFUTED_REGEX = "(?s)Claim \\S+ REFUTED.*";
    static final String INCONCLUSIVE_REGEX = "(?s)Claim \\S+ INCONCLUSIVE.*";

    private final Path dir;

    public AllureResultsFiles(Path dir) {
        this.dir = dir;
    }

    /**
     * Empties the results directory (keeping {@code .gitkeep} and the {@code history/} the report generator
     * carries over), so that a run's report never mixes in result files of an earlier run.
     */
    public void clear() {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (name.equals(".gitkeep") || name.equals("history")) {
                    continue;
                }
                if (Files.isDirectory(f)) {
                    try (Stream<Path> tree = Files.walk(f)) {
                        for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                            Files.delete(p);
                        }
                    }
                } else {
                    Files.delete(f);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + dir, e);
        }
    }

    /**
     * Marks the results as those of a run that has not finished: executor and environment name the run and say
     * so. {@link #writeEnvironment} and {@link #writeExecutor} at the end of the run replace both; a report made
     * from the results of a killed run therefore says that it is incomplete.
     */
    public void markRunning(String runId) {
        writeExecutor(runId + " (INCOMPLETE: the run did not finish)", "0", runId);
        Map<String, String> p = new LinkedHashMap<>();
        p.put("run", runId);
        p.put("run.status", "INCOMPLETE: the run did not finish; these results are not a finished run's");
        writeProperties(p);
    }

    /** True when the environment file records a finished run ({@code run.status=finished}). */
    public boolean finishedRun() {
        Path env = dir.resolve("environment.properties");
        if (!Files.isRegularFile(env)) {
            return false;
        }
        java.util.Properties p = new java.util.Properties();
        try (var in = Files.newBufferedReader(env)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + env, e);
        }
        return "finished".equals(p.getProperty("run.status"));
    }

    public Path dir() {
        return dir;
    }

    /**
     * The Environment widget, run id first (the widget shows five lines before "show all"), then what was
     * loaded: model files, dtype, device, engine, then the rest in the environment's order.
     */
    public void writeEnvironment(RunEnvironment env) {
        Map<String, String> all = env.toProperties();
        Map<String, String> ordered = new LinkedHashMap<>();
        for (String key : List.of("run", "run.status")) {
            if (all.containsKey(key)) {
                ordered.put(key, all.get(key));
            }
        }
        all.forEach((k, v) -> {
            if (k.startsWith("model.")) {
                ordered.put(k, v);
            }
        });
        for (String key : List.of("dtype", "device", "engine")) {
            ordered.put(key, all.get(key));
        }
        ordered.putAll(all);
        writeProperties(ordered);
    }

    private void writeProperties(Map<String, String> properties) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : properties.entrySet()) {
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
        List<Category> categories = List.of(
                new Category("Claim refuted", REFUTED_REGEX, List.of("failed")),
                new Category("Claim inconclusive", INCONCLUSIVE_REGEX, List.of("skipped")),
                new Category("Infrastructure error", "(?s)(?!Claim \\S+ (REFUTED|INCONCLUSIVE)).*",
                        List.of("failed", "broken")));
        AtomicFiles.write(dir.resolve("categories.json"),
                new GsonBuilder().setPrettyPrinting().create().toJson(categories));
    }

    /** One entry of Allure's categories.json, in its field names. */
    private record Category(String name, String messageRegex, List<String> matchedStatuses) { }

    public void writeExecutor(String buildName, String buildOrder) {
        writeExecutor(buildName, buildOrder, null);
    }

    /** The Executors widget: {@code buildName} shows the run id; {@code reportName} carries it into the title. */
    public void writeExecutor(String buildName, String buildOrder, String runId) {
        JsonObject o = new JsonObject();
        o.addProperty("name", "attend-first claims harness");
        o.addProperty("type", "maven");
        o.addProperty("buildName", buildName);
        o.addProperty("buildOrder", buildOrder);
        if (runId != null) {
            o.addProperty("runId", runId);
        }
        o.addProperty("reportName", "Attend First, Consolidate Later: claims");
        AtomicFiles.write(dir.resolve("executor.json"), new GsonBuilder().setPrettyPrinting().create().toJson(o));
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
