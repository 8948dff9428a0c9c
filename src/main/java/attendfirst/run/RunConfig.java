package attendfirst.run;

import attendfirst.claim.Claim;
import attendfirst.claim.ClaimCase;
import attendfirst.claim.ClaimCatalogue;
import attendfirst.claim.ClaimMatrix;
import attendfirst.fixture.ModelFixtures;
import attendfirst.fixture.ProductDtype;
import attendfirst.fixture.Project;
import attendfirst.model.EngineStart;
import attendfirst.report.CellPlan;
import attendfirst.sweep.SweepPlan;
import attendfirst.task.Capitals;
import attendfirst.task.TaskRegistry;
import attendfirst.task.TaskSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Everything one claims run is configured with, read once from the system properties at the edge (the JUnit
 * extension or a main) and passed down; library code reads no property. {@link #from(Properties)} validates
 * the whole configuration and reports every problem at once, each naming the property, the wrong value and the
 * accepted ones.
 *
 * <p>Properties ({@code -D...}, the pom's {@code claims.*} properties feed them):
 * <pre>
 *   attendfirst.models           comma-separated fixture names; empty: the fixtures with "defaultRun": true
 *   attendfirst.tasks            task specs name[:size[:seed[:path]]]; empty: every task at its default size
 *   attendfirst.claimIds         claim ids to judge; empty: the whole catalogue
 *   attendfirst.seeds            seeds of random and shuffle                     (SweepPlan.seeds)
 *   attendfirst.layerStride      k = 1, 1 + stride, 1 + 2 stride, ... plus the last layer (SweepPlan.grid)
 *   attendfirst.workers          examples swept side by side; unset: one per core on a CPU with
 *                                ai.djl.pytorch.num_threads=1, else one
 *   attendfirst.switchPairs, attendfirst.switchExamples,
 *   attendfirst.knownOnly        the rest of the SweepPlan (unset: SweepPlan.FULL's)
 *   attendfirst.batchRows        accepted and ignored (the engine batches by attendfirst.batchBudget)
 *   attendfirst.batchBudget      rows x columns of one engine row batch; unset: sized from the memory budget
 *   attendfirst.memoryBudget     device memory a run may hold besides the weights (e.g. 4GiB, 20GB, bytes), from
 *                                which the row batches are sized; unset: 0.9 x a GPU's memory less the weights,
 *                                4 GiB of native memory on the CPU (attendfirst.sweep.MemoryBudget)
 *   attendfirst.products         float32 | bfloat16: the dtype every model's projection products multiply in (unset:
 *                                each fixture's "products" for the device, float32 when absent); bfloat16 needs
 *                                native bfloat16 (attendfirst.model.Bfloat16Products) and is refused otherwise
 *   attendfirst.looks            rounds of adaptive sampling (default: the catalogue's statistics.maxLooks, which
 *                                it may not exceed); each task's size is its maximum N, round r sweeps N r / looks
 *   attendfirst.budgetMinutes    minutes the looks of the whole run may spend (default 0: no budget); each
 *                                (model, task) gets an equal share of what is left when it starts, and stops
 *                                before a look whose measured cost exceeds its share (SequentialRun)
 *   attendfirst.strict           true: any REFUTED fails the build
 *   attendfirst.acceptExpectations  true: merge this run's verdicts into the expectations
 *   attendfirst.acceptPartial    true: allow that merge although the run judged fewer cells than are stored
 *   attendfirst.failOnRegression false: print regressions without failing
 *   attendfirst.expectations     expectations directory (default fixtures/expectations/reduced)
 *   attendfirst.summary          summary file (default target/claims-summary.json)
 *   attendfirst.gate             gate file the build's gate step reads (default target/claims-gate.properties)
 *   attendfirst.runs             where run folders are made (default target/claims-runs)
 *   attendfirst.claims           catalogue file (default fixtures/claims/catalogue.json)
 *   attendfirst.clearResults     true: the harness clears allure-results/ itself (when no build step did)
 *   attendfirst.refutedAsTestFailure  true (default, e.g. in an IDE): a REFUTED claim fails its JUnit test; the
 *                                build's claims execution sets false: the finding is red in the report and
 *                                reported by the gate, and Maven prints no test failure for it
 *   allure.results.directory     Allure results (default allure-results)
 *   ai.djl.pytorch.num_threads   intra-op threads, recorded in the report's environment
 * </pre>
 *
 * @param root          the repository root ({@link Project#root()})
 * @param catalogue     the claim catalogue
 * @param models        the models judged, in order
 * @param tasks         the task specs (sizes and example seeds)
 * @param claimIds      the claim ids judged (empty: all)
 * @param plan          layer grid, seeds and the switch experiment's sizes
 * @param strict        any REFUTED fails the run
 * @param accept        merge this run's verdicts into the expectations
 * @param acceptPartial allow a merge from a run that judged fewer (claim, task) cells than the file holds
 * @param failOnRegression a changed verdict fails the run (false: printed only)
 * @param clearResults  the harness clears the Allure results directory at the start of the run
 * @param refutedAsTestFailure a REFUTED claim fails its JUnit test (else it is recorded as a finding)
 * @param expectations  directory of the expectation files
 * @param summary       claims-summary.json
 * @param gate          gate file
 * @param runs          parent of the run folders
 * @param allureResults Allure results directory
 * @param torchThreads  intra-op threads as configured ("engine default" when unset)
 * @param looks         rounds of adaptive sampling, each judged at alpha / looks (see SequentialRun)
 * @param products      the products every model multiplies in; empty: each fixture's setting
 * @param budgetMinutes minutes the run's looks may spend (0: no budget); the scheduler shares them out over the
 *                      (model, task)s (see SequentialRun.Budget and ClaimRun)
 */
public record RunConfig(Path root, ClaimCatalogue catalogue, List<String> models, List<TaskSpec> tasks,
                        Set<String> claimIds, SweepPlan plan, boolean strict, boolean accept, boolean acceptPartial,
                        boolean failOnRegression, boolean clearResults, boolean refutedAsTestFailure, Path expectations, Path summary, Path gate,
                        Path runs, Path allureResults, String torchThreads, int looks,
                        double budgetMinutes, Optional<ProductDtype> products) {

    /** Every attendfirst.* property a run reads or the build passes through; any other is a typo. */
    public static final Set<String> KNOWN_PROPERTIES = new TreeSet<>(Set.of(
            "attendfirst.models", "attendfirst.tasks", "attendfirst.claimIds", "attendfirst.seeds",
            "attendfirst.layerStride", "attendfirst.batchRows", "attendfirst.workers", "attendfirst.switchPairs",
            "attendfirst.switchExamples", "attendfirst.knownOnly", "attendfirst.batchBudget", "attendfirst.memoryBudget", "attendfirst.strict",
            "attendfirst.acceptExpectations", "attendfirst.acceptPartial", "attendfirst.failOnRegression",
            "attendfirst.expectations", "attendfirst.summary", "attendfirst.gate", "attendfirst.runs",
            "attendfirst.claims", "attendfirst.clearResults", "attendfirst.refutedAsTestFailure", "attendfirst.root", "attendfirst.looks", "attendfirst.budgetMinutes",
            "attendfirst.products",
            // read by the build, not by the run; Maven passes them through to the test JVM
            "attendfirst.skipClaims", "attendfirst.skipFetch", "attendfirst.skipGpuCheck",
            // read at engine start (attendfirst.model.EngineStart): gpu refuses a CPU device
            "attendfirst.device"));

    public RunConfig {
        models = List.copyOf(models);
        tasks = List.copyOf(tasks);
        claimIds = Set.copyOf(claimIds);
    }

    /** The configuration of this JVM: {@code from(System.getProperties())}. */
    public static RunConfig fromSystemProperties() {
        return from(System.getProperties());
    }

    /** Reads and validates; throws {@link RunConfigException} listing every problem found. */
    public static RunConfig from(Properties p) {
        List<String> problems = new ArrayList<>();
        for (String key : new TreeSet<>(p.stringPropertyNames())) {
            if (key.startsWith("attendfirst.") && !KNOWN_PROPERTIES.contains(key)
                    && !key.startsWith("attendfirst.bench")) {
                problems.add("unknown property -D" + key + "=" + p.getProperty(key) + "; accepted: " + KNOWN_PROPERTIES);
            }
        }
        Path root = p.getProperty("attendfirst.root") != null ? Path.of(p.getProperty("attendfirst.root")).toAbsolutePath()
                : Project.root();
        ClaimCatalogue catalogue = null;
        try {
            catalogue = ClaimCatalogue.load(path(p, "attendfirst.claims", root, "fixtures/claims/catalogue.json"));
        } catch (RuntimeException e) {
            problems.add("claim catalogue: " + e.getMessage());
        }
        List<String> models = models(p, root, problems);
        List<TaskSpec> tasks = tasks(p, problems);
        Set<String> claimIds = claimIds(p, catalogue, problems);
        SweepPlan plan = plan(p, SweepPlan.FULL.withWorkers(defaultWorkers(p)), problems);
        boolean strict = bool(p, "attendfirst.strict", false, problems);
        boolean accept = bool(p, "attendfirst.acceptExpectations", false, problems);
        boolean acceptPartial = bool(p, "attendfirst.acceptPartial", false, problems);
        boolean failOnRegression = bool(p, "attendfirst.failOnRegression", true, problems);
        boolean clearResults = bool(p, "attendfirst.clearResults", true, problems);
        boolean refutedAsTestFailure = bool(p, "attendfirst.refutedAsTestFailure", true, problems);
        int looks = catalogue == null ? 1 : integer(p, "attendfirst.looks", catalogue.statistics().maxLooks(), problems);
        if (catalogue != null && looks > catalogue.statistics().maxLooks()) {
            problems.add("-Dattendfirst.looks=" + looks + ": more looks than the catalogue's statistics.maxLooks = "
                    + catalogue.statistics().maxLooks() + " in " + catalogue.source() + " would spend more than"
                    + " its alpha; expected 1.." + catalogue.statistics().maxLooks());
        }
        double budgetMinutes = 0;
        String budget = p.getProperty("attendfirst.budgetMinutes");
        if (budget != null && !budget.isBlank()) {
            try {
                budgetMinutes = Double.parseDouble(budget.trim());
                if (!(budgetMinutes >= 0)) {
                    problems.add("-Dattendfirst.budgetMinutes=" + budget + ": expected minutes >= 0 (0: no budget)");
                }
            } catch (NumberFormatException e) {
                problems.add("-Dattendfirst.budgetMinutes=" + budget + ": expected minutes >= 0 (0: no budget)");
            }
        }
        Optional<ProductDtype> products = products(p, problems);
        if (acceptPartial && !accept) {
            problems.add("-Dattendfirst.acceptPartial=true without -Dattendfirst.acceptExpectations=true: nothing to"
                    + " accept (scripts/claim-report.sh --accept-partial sets both)");
        }
        if (catalogue != null && !models.isEmpty() && !tasks.isEmpty() && plan != null) {
            Set<String> taskNames = tasks.stream().map(TaskSpec::name).collect(Collectors.toSet());
            if (ClaimMatrix.cases(catalogue, models, taskNames, claimIds.isEmpty() ? null : claimIds).isEmpty()) {
                problems.add("the selection judges nothing: claims " + (claimIds.isEmpty() ? "(all)" : claimIds)
                        + " are asked of tasks " + catalogue.claims().stream()
                        .filter(c -> claimIds.isEmpty() || claimIds.contains(c.id())).flatMap(c -> c.tasks().stream())
                        .collect(Collectors.toCollection(TreeSet::new)) + ", and this run has tasks " + taskNames);
            }
        }
        if (!problems.isEmpty()) {
            throw new RunConfigException(TypedNames.asTyped(problems, p)); // -Dclaims.x where the user typed it
        }
        String threads = p.getProperty("ai.djl.pytorch.num_threads");
        return new RunConfig(root, catalogue, models, tasks, claimIds, plan, strict, accept, acceptPartial,
                failOnRegression, clearResults, refutedAsTestFailure,
                path(p, "attendfirst.expectations", root, "fixtures/expectations/reduced"),
                path(p, "attendfirst.summary", root, "target/claims-summary.json"),
                path(p, "attendfirst.gate", root, "target/claims-gate.properties"),
                path(p, "attendfirst.runs", root, "target/claims-runs"),
                path(p, "allure.results.directory", root, "allure-results"),
                threads == null || threads.isBlank() ? "engine default" : threads, looks, budgetMinutes, products);
    }

    /** -Dattendfirst.products: float32 or bfloat16; unset or blank: each fixture decides. */
    private static Optional<ProductDtype> products(Properties p, List<String> problems) {
        String v = p.getProperty("attendfirst.products");
        if (v == null || v.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ProductDtype.parse(v, "-Dattendfirst.products"));
        } catch (RuntimeException e) {
            problems.add(e.getMessage());
            return Optional.empty();
        }
    }

    /** The claims x models x tasks cells this run judges, in catalogue order. */
    public List<ClaimCase> cases() {
        return ClaimMatrix.cases(catalogue, models, tasks.stream().map(TaskSpec::name).collect(Collectors.toSet()),
                claimIds.isEmpty() ? null : claimIds);
    }

    /** This run's spec of a task. */
    public TaskSpec task(String name) {
        return tasks.stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("task '" + name + "' is not part of this run: " + tasks));
    }

    /**
     * The plan one cell was judged under: the layer grid and seeds, the task's examples (size, seed, known-only),
     * and for the switch claim the switch experiment's sizes. Two verdicts are comparable only under equal plans.
     */
    public CellPlan cellPlan(Claim claim, String task) {
        TaskSpec spec = task(task);
        // a sequential run's sample depends on its looks: "capitals:60:0 in 3 looks"
        String examples = spec + (claim.isSwitch() || looks == 1 ? "" : " in " + looks + " looks");
        return new CellPlan(plan.layerStride(), plan.seeds(), examples, plan.knownOnly().contains(task),
                claim.isSwitch() ? plan.switchExamples() : 0, claim.isSwitch() ? plan.switchPairs() : 0);
    }

    /** A short, stable description of the whole plan (hashed into the run id). */
    public String planText() {
        return "layerStride=" + plan.layerStride() + " seeds=" + plan.seeds() + " tasks=" + tasks
                + " looks=" + looks + " knownOnly=" + new TreeSet<>(plan.knownOnly()) + " switch=" + plan.switchExamples() + "x"
                + plan.switchPairs() + " claims=" + (claimIds.isEmpty() ? "all" : new TreeSet<>(claimIds))
                + " models=" + models + products.map(d -> " products=" + d.id()).orElse("");
    }

    private static List<String> models(Properties p, Path root, List<String> problems) {
        ModelFixtures fixtures;
        try {
            // a bad fixture stops the run only when the run selects it (or selects by defaultRun)
            fixtures = ModelFixtures.loadValid(root.resolve("fixtures").resolve("models"));
        } catch (RuntimeException e) {
            problems.add("model fixtures: " + e.getMessage());
            return List.of();
        }
        String value = p.getProperty("attendfirst.models");
        if (value == null || value.isBlank()) {
            fixtures.invalid().values().forEach(bad -> problems.add("model fixture (the default models are chosen among"
                    + " all): " + bad));
            List<String> defaults = fixtures.defaultRun();
            if (defaults.isEmpty()) {
                problems.add("-Dattendfirst.models is empty and no fixture in " + root.resolve("fixtures/models")
                        + " has \"defaultRun\": true; fixtures: " + fixtures.names());
            }
            return defaults;
        }
        List<String> out = new ArrayList<>();
        for (String m : split(value)) {
            if (fixtures.names().contains(m)) {
                out.add(m);
            } else if (fixtures.invalid().containsKey(m)) {
                problems.add("model '" + m + "' in -Dattendfirst.models: its fixture is bad: " + fixtures.invalid().get(m));
            } else {
                problems.add("unknown model '" + m + "' in -Dattendfirst.models; fixtures in "
                        + root.resolve("fixtures/models") + ": " + fixtures.names());
            }
        }
        return out;
    }

    /**
     * The run's task specs alone ({@code attendfirst.tasks}; every task at its default size when unset), refused as
     * {@link #from} refuses them.
     */
    public static List<TaskSpec> taskSpecs(Properties p) {
        List<String> problems = new ArrayList<>();
        List<TaskSpec> tasks = tasks(p, problems);
        if (!problems.isEmpty()) {
            throw new RunConfigException(problems);
        }
        return tasks;
    }

    private static List<TaskSpec> tasks(Properties p, List<String> problems) {
        String value = p.getProperty("attendfirst.tasks");
        if (value == null || value.isBlank()) {
            return TaskRegistry.names().stream().map(TaskSpec::of).toList();
        }
        List<TaskSpec> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String part : split(value)) {
            try {
                TaskSpec spec = TaskSpec.parse(part);
                if (!seen.add(spec.name())) {
                    problems.add("task '" + spec.name() + "' given twice in -Dattendfirst.tasks=" + value);
                }
                out.add(spec);
            } catch (IllegalArgumentException e) {
                problems.add("-Dattendfirst.tasks: '" + part + "': " + e.getMessage());
            }
        }
        return out;
    }

    private static Set<String> claimIds(Properties p, ClaimCatalogue catalogue, List<String> problems) {
        String value = p.getProperty("attendfirst.claimIds");
        if (value == null || value.isBlank()) {
            return Set.of();
        }
        Set<String> out = new LinkedHashSet<>(split(value));
        if (catalogue != null) {
            List<String> known = catalogue.claims().stream().map(Claim::id).toList();
            for (String id : out) {
                if (!known.contains(id)) {
                    problems.add("unknown claim id '" + id + "' in -Dattendfirst.claimIds; catalogue "
                            + catalogue.source() + " has: " + known);
                }
            }
        }
        return out;
    }

    /**
     * The sweep plan alone: {@code base} changed by the plan's properties that are set (a benchmark with its own
     * base); throws {@link RunConfigException} as {@link #from} does.
     */
    public static SweepPlan sweepPlan(Properties p, SweepPlan base) {
        List<String> problems = new ArrayList<>();
        SweepPlan plan = plan(p, base, problems);
        if (!problems.isEmpty()) {
            throw new RunConfigException(problems);
        }
        return plan;
    }

    private static SweepPlan plan(Properties p, SweepPlan base, List<String> problems) {
        int seeds = integer(p, "attendfirst.seeds", base.seeds(), problems);
        int stride = integer(p, "attendfirst.layerStride", base.layerStride(), problems);
        // attendfirst.batchRows is accepted and ignored: the engine batches rows by batchBudget, across prompts
        integer(p, "attendfirst.batchRows", 1, problems);
        int switchPairs = integer(p, "attendfirst.switchPairs", base.switchPairs(), problems);
        int switchExamples = integer(p, "attendfirst.switchExamples", base.switchExamples(), problems);
        int workers = integer(p, "attendfirst.workers", base.workers(), problems);
        // unset: the base's (0, sized from memory); set: a fixed rows x columns >= 1
        String fixedBudget = p.getProperty("attendfirst.batchBudget");
        int batchBudget = fixedBudget == null || fixedBudget.isBlank() ? base.batchBudget()
                : integer(p, "attendfirst.batchBudget", 1, problems);
        long memoryBudget = bytes(p, "attendfirst.memoryBudget", base.memoryBudget(), problems);
        Set<String> knownOnly = base.knownOnly();
        String known = p.getProperty("attendfirst.knownOnly");
        if (known != null) {
            knownOnly = new LinkedHashSet<>(split(known));
            for (String t : knownOnly) {
                if (t.equals(Capitals.FULL)) {
                    problems.add("-Dattendfirst.knownOnly names " + t + ", the capitals task judged on the full"
                            + " set by definition; use capitals for known examples");
                } else if (!TaskRegistry.names().contains(t)) {
                    problems.add("unknown task '" + t + "' in -Dattendfirst.knownOnly; known tasks: "
                            + TaskRegistry.names());
                }
            }
        }
        try {
            return base.withSeeds(seeds).withLayerStride(stride).withSwitch(switchPairs, switchExamples)
                    .withWorkers(workers).withKnownOnly(knownOnly).withBatchBudget(batchBudget)
                    .withMemoryBudget(memoryBudget);
        } catch (IllegalArgumentException e) {
            problems.add("sweep plan: " + e.getMessage());
            return null;
        }
    }

    /** One worker per core on a CPU run with single-threaded ops ({@code ai.djl.pytorch.num_threads=1}); one on a GPU. */
    static int defaultWorkers(Properties p) {
        boolean gpu = EngineStart.device().isGpu();
        boolean singleThreadedOps = "1".equals(p.getProperty("ai.djl.pytorch.num_threads"));
        return gpu || !singleThreadedOps ? 1 : Runtime.getRuntime().availableProcessors();
    }

    /** A size in bytes: "4GiB", "20GB", "512MiB" or a whole number of bytes, > 0. */
    private static long bytes(Properties p, String key, long fallback, List<String> problems) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        String expected = ": expected a size > 0 such as 4GiB, 20GB, 512MiB or a number of bytes";
        try {
            long n = parseBytes(v);
            if (n <= 0) {
                problems.add("-D" + key + "=" + v + expected);
                return fallback;
            }
            return n;
        } catch (IllegalArgumentException e) {
            problems.add("-D" + key + "=" + v + expected);
            return fallback;
        }
    }

    /** "24GiB", "80GB", "512MiB", or a plain number of bytes; the one size parser of the run's settings. */
    public static long parseBytes(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        Map<String, Double> units = Map.of("TIB", Math.pow(2, 40), "GIB", Math.pow(2, 30), "MIB", Math.pow(2, 20),
                "TB", 1e12, "GB", 1e9, "MB", 1e6);
        for (String u : List.of("TIB", "GIB", "MIB", "TB", "GB", "MB")) {
            if (t.endsWith(u)) {
                return Math.round(Double.parseDouble(t.substring(0, t.length() - u.length()).trim()) * units.get(u));
            }
        }
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a size; expected e.g. 24GiB, 80GB or bytes");
        }
    }

    private static int integer(Properties p, String key, int fallback, List<String> problems) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < 1) {
                problems.add("-D" + key + "=" + v + ": expected a whole number >= 1");
            }
            return Math.max(n, 1);
        } catch (NumberFormatException e) {
            problems.add("-D" + key + "=" + v + ": expected a whole number >= 1");
            return fallback;
        }
    }

    private static boolean bool(Properties p, String key, boolean fallback, List<String> problems) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> {
                problems.add("-D" + key + "=" + v + ": expected true or false");
                yield fallback;
            }
        };
    }

    private static Path path(Properties p, String key, Path root, String fallback) {
        String v = p.getProperty(key);
        return v == null || v.isBlank() ? root.resolve(fallback) : root.resolve(v).toAbsolutePath().normalize();
    }

    private static List<String> split(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
