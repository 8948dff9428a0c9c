package attendfirst.sweep;

import ai.djl.engine.Engine;
import attendfirst.fixture.ModelFixtures;
import attendfirst.fixture.ProductDtype;
import attendfirst.model.LoadedModel;
import attendfirst.model.ModelLoader;
import attendfirst.task.Capitals;
import attendfirst.task.Task;
import attendfirst.task.TaskRegistry;
import attendfirst.task.TaskSpec;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The real sweeps: loads each model once, runs {@link TaskSweep} once per (model, task)
 * (all manipulations together, sharing the clean passes) and the {@link SwitchExperiment} once per
 * model, and keeps the results for every claim that asks. It knows nothing of claims: the claims harness meets
 * it through {@code attendfirst.run.RunWiring}, which adapts it to the claim package's provider interface.
 */
public final class EngineSweepProvider implements AutoCloseable {
    private final ModelFixtures fixtures;
    private final SweepPlan plan;
    private final Map<String, TaskSpec> tasks = new LinkedHashMap<>();
    private final Map<String, LoadedModel> models = new LinkedHashMap<>();
    private final Map<String, Map<String, SweepResult>> sweeps = new HashMap<>();
    private final Map<String, SwitchResult> switches = new HashMap<>();
    private final Map<String, List<attendfirst.task.Example>> examples = new HashMap<>();
    private final Map<String, String> notes = new HashMap<>();
    private final PrintStream log;
    private final Optional<ProductDtype> products;

    public EngineSweepProvider(ModelFixtures fixtures, List<TaskSpec> taskSpecs, SweepPlan plan, PrintStream log) {
        this(fixtures, taskSpecs, plan, Optional.empty(), log);
    }

    /** @param products the products every model multiplies in; empty: each fixture's setting for the device */
    public EngineSweepProvider(ModelFixtures fixtures, List<TaskSpec> taskSpecs, SweepPlan plan,
                               Optional<ProductDtype> products, PrintStream log) {
        this.products = products;
        this.fixtures = fixtures;
        this.plan = plan;
        this.log = log;
        for (TaskSpec spec : taskSpecs) {
            tasks.put(spec.name(), spec);
        }
    }

    public synchronized LoadedModel model(String name) {
        return models.computeIfAbsent(name, n -> {
            long t = System.nanoTime();
            LoadedModel m = new ModelLoader().load(fixtures.get(n), ModelLoader.defaultDevice(), products);
            log.printf("loaded %s (%s) on %s as %s in %.1f s%n", n, m.config(), m.device(), m.precision(),
                    (System.nanoTime() - t) / 1e9);
            return m;
        });
    }

    public Task task(String name) {
        TaskSpec spec = tasks.get(name);
        if (spec == null) {
            throw new IllegalArgumentException("task '" + name + "' is not part of this run; run tasks: " + tasks.keySet()
                    + " (set -Dattendfirst.tasks)");
        }
        return TaskRegistry.create(spec);
    }

    /** The sweep of every example of the task (its known examples, for a known-only task). */
    public synchronized SweepResult sweep(String model, String task, String manipulation) {
        return sweepFirst(model, task, examples(model, task).size(), manipulation);
    }

    /**
     * The sweep of the first {@code n} of the task's examples. Examples already swept are kept and only the
     * missing range is swept and joined on (noise is keyed by example, so a sweep extended a range at a time
     * equals one sweep over all): a sequential run asks for a longer prefix each round.
     */
    public synchronized SweepResult sweepFirst(String model, String task, int n, String manipulation) {
        List<attendfirst.task.Example> examples = examples(model, task);
        if (n < 1 || n > examples.size()) {
            throw new IllegalArgumentException(model + " | " + task + ": cannot sweep the first " + n
                    + " examples of " + examples.size());
        }
        String key = model + "|" + task;
        Map<String, SweepResult> done = sweeps.get(key);
        int have = done == null ? 0 : done.values().iterator().next().numExamples();
        if (have < n) {
            TaskSweep sweeper = new TaskSweep(model(model), plan);
            List<attendfirst.task.Example> range = examples.subList(have, n);
            Progress progress = new Progress(model + "/" + task + " examples " + (have + 1) + ".." + n,
                    TaskSweep.units(range.size()), log);
            Map<String, SweepResult> more = sweeper.run(task(task), range, progress);
            Map<String, SweepResult> joined = new LinkedHashMap<>();
            more.forEach((m, r) -> joined.put(m, done == null ? r : SweepSlices.join(done.get(m), r)));
            sweeps.put(key, joined);
        }
        SweepResult r = sweeps.get(key).get(manipulation);
        if (r == null) {
            throw new IllegalArgumentException("no sweep of manipulation '" + manipulation + "'; swept: "
                    + sweeps.get(key).keySet());
        }
        return SweepSlices.first(r, n);
    }

    /**
     * The pool of a (model, task) as its clean-only passes found it: examples solved of examples evaluated, by the
     * task's rule. For a known-only task the pool is drawn until the plan's n are solved or it is exhausted; for
     * the full-set measure (capitals-full) it is the drawn examples themselves. Runs those clean passes on first
     * use (a small share of a sweep) and never a manipulated pass.
     *
     * @return solved, evaluated, the task's solved rule, whether the sweep runs on solved examples only
     */
    public synchronized PoolCount pool(String model, String task) {
        examples(model, task);
        return pools.get(model + "|" + task);
    }

    /** See {@link #pool}. */
    public record PoolCount(int solved, int evaluated, String rule, boolean knownOnly, double chance, int numLayers) {
    }

    private final Map<String, PoolCount> pools = new HashMap<>();

    /**
     * The examples a (model, task) is swept on, in order: for a known-only task the pool's examples the clean
     * model solves (at most the task's size; none when fewer than two are solved: such a task is not testable and
     * is never swept), else every drawn example. Fixed on first use.
     */
    public synchronized List<attendfirst.task.Example> examples(String model, String task) {
        return examples.computeIfAbsent(model + "|" + task, key -> {
            Task t = task(task);
            TaskSweep sweeper = new TaskSweep(model(model), plan);
            int layers = model(model).config().nLayers();
            if (!plan.knownOnly().contains(task)) {
                // the full-set measure: one clean pass over the drawn examples counts what the model solves
                sweeper.known(t, t.examples().size(), new Progress(model + "/" + task + " clean pass",
                        t.examples().size(), log));
                pools.put(key, new PoolCount(sweeper.correct(), sweeper.evaluated(), t.solvedRule(), false,
                        t.chance().value(), layers));
                notes.put(key, "all " + t.examples().size() + " drawn examples");
                return t.examples();
            }
            TaskSpec spec = tasks.get(task);
            Task pool = TaskRegistry.create(new TaskSpec(task, poolSize(spec), spec.seed(), spec.dataFile()));
            List<attendfirst.task.Example> known = sweeper.known(pool, spec.size(),
                    new Progress(model + "/" + task + " known examples", pool.examples().size(), log));
            log.printf("%s/%s: solves %d of %d pool examples (%s); sweeping up to %d%n", model, task,
                    sweeper.correct(), sweeper.evaluated(), pool.solvedRule(), spec.size());
            pools.put(key, new PoolCount(sweeper.correct(), sweeper.evaluated(), pool.solvedRule(), true,
                    t.chance().value(), layers));
            notes.put(key, "known-only: solved examples of a pool drawn with seed " + spec.seed());
            return List.copyOf(known);
        });
    }

    /**
     * Which examples a (model, task) is swept on, for verdicts and the summary: "known-only ..." or "all 60 drawn
     * examples"; empty before {@link #examples} ran.
     */
    public synchronized java.util.Optional<String> examplesNote(String model, String task) {
        return java.util.Optional.ofNullable(notes.get(model + "|" + task));
    }

    /**
     * The pool a known-only task draws from: every askable country for capitals; for the generated tasks ten
     * times the plan's n (drawn clean only until n are solved, so only a model solving under a tenth of them
     * exhausts it).
     */
    private static int poolSize(TaskSpec spec) {
        if (spec.name().equals(Capitals.NAME)) {
            return spec.dataFile().map(Capitals::askableCount).orElseGet(Capitals::askableCount);
        }
        return spec.size() * 10;
    }

    public synchronized SwitchResult switchSweep(String model) {
        return switches.computeIfAbsent(model, m -> {
            TaskSpec spec = tasks.getOrDefault(Capitals.NAME, TaskSpec.of(Capitals.NAME));
            Capitals capitals = (Capitals) TaskRegistry.create(spec);
            SwitchExperiment experiment = new SwitchExperiment(model(m), plan);
            return experiment.run(capitals, spec.seed(), new Progress(m + "/switch", experiment.units(), log));
        });
    }

    /** What was really loaded (files and hashes, dtype, device) and the versions; empty before any model loads. */
    public synchronized java.util.Optional<RunEnvironment> runEnvironment() {
        if (models.isEmpty()) {
            return java.util.Optional.empty();
        }
        List<RunEnvironment.ModelFile> files = new ArrayList<>();
        String dtype = null;
        String device = null;
        for (LoadedModel m : models.values()) {
            m.fileSha256().forEach((file, sha) -> files.add(new RunEnvironment.ModelFile(m.name(), file, sha)));
            dtype = dtype == null || dtype.equals(m.precision()) ? m.precision() : dtype + " / " + m.precision();
            device = m.device().toString();
        }
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("plan", plan.toString());
        extra.put("products", models.values().stream().map(m -> m.name() + " " + m.products().id()
                + (m.products() == ProductDtype.BFLOAT16 ? " (q k v, o, gate/up, down, output head in bfloat16;"
                + " the rest " + m.dtype() + ")" : "")).collect(java.util.stream.Collectors.joining(", ")));
        extra.put("tasks", tasks.values().toString());
        Engine engine = Engine.getEngine("PyTorch");
        // what DJL loaded (flavour, libtorch path, CUDA runtime, device): a GPU run says here which build it ran on
        extra.put("libtorch", attendfirst.model.EngineStart.loaded(engine).describe());
        return java.util.Optional.of(new RunEnvironment(files, dtype, device, Engine.getDjlVersion(),
                engine.getEngineName() + " " + engine.getVersion(), Runtime.version().toString(), extra));
    }

    @Override
    public synchronized void close() {
        models.values().forEach(LoadedModel::close);
        models.clear();
    }
}
