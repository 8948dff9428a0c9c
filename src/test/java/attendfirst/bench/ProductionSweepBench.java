package attendfirst.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import attendfirst.model.LoadedModel;
import attendfirst.sweep.Flops;
import attendfirst.sweep.Progress;
import attendfirst.sweep.SweepPlan;
import attendfirst.sweep.TaskSweep;
import attendfirst.task.Capitals;
import attendfirst.task.Example;
import attendfirst.task.Task;
import attendfirst.task.TaskRegistry;
import attendfirst.task.TaskSpec;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Issue 11: the production sweep (TaskSweep, the main plan's settings) timed on fixed examples, with its FLOP
 * accounting and the machine's measured float32 matrix-product rate, so that scripts/bench.sh can compare it
 * with main's engine on the same examples ({@code scripts/bench_main/MainEngineSweep.java}).
 *
 * <pre>
 * ProductionSweepBench examples MODEL OUT.json SPEC...   SPEC = capitals:30:known | squad:8 (task:size[:known])
 * ProductionSweepBench run      MODEL EXAMPLES.json      one timed sweep of every task in the file
 * ProductionSweepBench peak                              float32 256x576 @ 576x1536 products through DJL
 * </pre>
 * Plan: seeds 2 and layer stride 2 (the main job's plan); workers and batch budget from
 * {@code -Dattendfirst.workers} and {@code -Dattendfirst.batchBudget}.
 */
public final class ProductionSweepBench {
    private static final String USAGE = "ProductionSweepBench examples MODEL OUT.json SPEC... | run MODEL EXAMPLES.json | peak";

    /** The examples of one task, by id, and how to rebuild the task they come from. */
    public record TaskExamples(String spec, String poolSpec, List<String> ids) {
    }

    public record Examples(String model, List<TaskExamples> tasks) {
    }

    static SweepPlan plan() {
        SweepPlan main = SweepPlan.SMALLEST.withSeeds(2).withLayerStride(2).withSwitch(2, 20).withWorkers(2)
                .withKnownOnly(java.util.Set.of("capitals"));
        return attendfirst.run.RunConfig.sweepPlan(System.getProperties(), main);
    }

    public static void main(String[] args) {
        String mode = BenchSupport.arg(args, 0, USAGE);
        if (mode.equals("peak")) {
            BenchSupport.print(peak());
            return;
        }
        String name = BenchSupport.arg(args, 1, USAGE);
        try (LoadedModel model = BenchSupport.load(name)) {
            switch (mode) {
                case "examples" -> {
                    List<TaskExamples> tasks = new ArrayList<>();
                    for (int i = 3; i < args.length; i++) {
                        tasks.add(pick(model, args[i]));
                    }
                    BenchSupport.write(Path.of(BenchSupport.arg(args, 2, USAGE)), new Examples(name, tasks));
                }
                case "run" -> BenchSupport.print(run(model,
                        BenchSupport.read(Path.of(BenchSupport.arg(args, 2, USAGE)), Examples.class)));
                default -> throw new IllegalArgumentException("unknown mode '" + mode + "'; usage: " + USAGE);
            }
        }
    }

    /** capitals:30:known -> the first 30 known examples of the whole capitals pool; squad:8 -> the task's 8. */
    private static TaskExamples pick(LoadedModel model, String spec) {
        String[] parts = spec.split(":");
        if (parts.length < 2) {
            throw new IllegalArgumentException("example spec '" + spec + "' must be task:size or task:size:known");
        }
        int size = Integer.parseInt(parts[1]);
        boolean known = parts.length > 2 && parts[2].equals("known");
        if (!known) {
            Task t = TaskRegistry.create(parts[0] + ":" + size);
            return new TaskExamples(spec, parts[0] + ":" + size, t.examples().stream().map(Example::id).toList());
        }
        int poolSize = parts[0].equals(Capitals.NAME) ? Capitals.askableCount() : size * 4;
        String poolSpec = parts[0] + ":" + poolSize;
        Task pool = TaskRegistry.create(poolSpec);
        TaskSweep sweeper = new TaskSweep(model, plan());
        List<Example> ex = sweeper.known(pool, size, new Progress("known", pool.examples().size(), quiet()));
        return new TaskExamples(spec, poolSpec, ex.stream().map(Example::id).toList());
    }

    private static Map<String, Object> run(LoadedModel model, Examples examples) {
        SweepPlan plan = plan();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("side", "new");
        out.put("model", model.name());
        out.put("settings", BenchSupport.settings());
        out.put("plan", plan.toString());
        double total = 0;
        long runs = 0;
        List<Map<String, Object>> perTask = new ArrayList<>();
        for (TaskExamples te : examples.tasks()) {
            Task task = TaskRegistry.create(te.poolSpec());
            List<Example> chosen = byId(task, te.ids());
            TaskSweep sweeper = new TaskSweep(model, plan);
            long t0 = System.nanoTime();
            var result = sweeper.run(task, chosen, new Progress(te.spec(), TaskSweep.units(chosen.size()), quiet()));
            double s = BenchSupport.seconds(System.nanoTime() - t0);
            long taskRuns = chosen.size();   // baselines
            for (var r : result.values()) {
                taskRuns += (long) r.layers().length * r.seeds().length * chosen.size();
            }
            Flops f = sweeper.flops();
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("task", te.spec());
            t.put("examples", chosen.size());
            t.put("runs", taskRuns);
            t.put("seconds", s);
            t.put("flopsComputed", f.computed());
            t.put("flopsMinimal", f.minimal());
            t.put("computedGflopPerSecond", f.computed() / s / 1e9);
            t.put("minimalGflopPerSecond", f.minimal() / s / 1e9);
            perTask.add(t);
            total += s;
            runs += taskRuns;
        }
        out.put("tasks", perTask);
        out.put("seconds", total);
        out.put("runs", runs);
        out.put("runsPerSecond", runs / total);
        return out;
    }

    static List<Example> byId(Task task, List<String> ids) {
        Map<String, Example> all = new LinkedHashMap<>();
        task.examples().forEach(e -> all.put(e.id(), e));
        List<Example> out = new ArrayList<>();
        for (String id : ids) {
            Example e = all.get(id);
            if (e == null) {
                throw new IllegalArgumentException("example '" + id + "' is not in task " + task.name() + " ("
                        + all.size() + " examples)");
            }
            out.add(e);
        }
        return out;
    }

    /**
     * The machine's float32 matrix-product rate through DJL on this JVM's thread setting: a 256x576 by 576x1536
     * product (the shape of SmolLM2's MLP on a 256-column batch), median of 30 after 5 warm-ups.
     */
    static Map<String, Object> peak() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.randomNormal(new Shape(256, 576));
            NDArray b = m.randomNormal(new Shape(576, 1536));
            double[] t = new double[30];
            for (int i = -5; i < t.length; i++) {
                long t0 = System.nanoTime();
                NDArray c = a.matMul(b);
                c.toFloatArray(); // waits for the product
                long dt = System.nanoTime() - t0;
                c.close();
                if (i >= 0) {
                    t[i] = dt / 1e9;
                }
            }
            double flops = 2.0 * 256 * 576 * 1536;
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("shape", "256x576 @ 576x1536 float32");
            out.put("settings", BenchSupport.settings());
            out.put("medianSeconds", BenchSupport.median(t));
            out.put("gflopPerSecond", flops / BenchSupport.median(t) / 1e9);
            double best = java.util.Arrays.stream(t).min().orElseThrow();
            out.put("bestGflopPerSecond", flops / best / 1e9);
            return out;
        }
    }

    private static PrintStream quiet() { return new PrintStream(OutputStream.nullOutputStream()); }

    static Optional<Path> none() { return Optional.empty(); }
}
