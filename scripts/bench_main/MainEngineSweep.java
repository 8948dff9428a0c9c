package attendfirst.sweep;

import attendfirst.intervention.Manipulation;
import attendfirst.model.Forward;
import attendfirst.model.LoadedModel;
import attendfirst.model.ModelLoader;
import attendfirst.fixture.ModelFixtures;
import attendfirst.task.Example;
import attendfirst.task.Task;
import attendfirst.task.TaskRegistry;
import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Main's engine (commit 61f1614) on the production sweep of the new engine's benchmark: NOT compiled on the engine
 * branch. scripts/bench.sh copies it into a worktree of main under /tmp and runs it from there. It repeats main's
 * TaskSweep.run loop line for line (per example on the plan's workers: clean pass, baseline, one engine call per
 * manipulation kind with all its k and seeds) with one change: every kind uses the new shared k grid (1, 3, ...,
 * L-1; main starts random, shuffle and skip-attention at 0), so both sides run exactly the same rows on the same
 * examples (ProductionSweepBench's examples file).
 *
 * <pre>MainEngineSweep MODEL EXAMPLES.json</pre>
 */
public final class MainEngineSweep {
    public static void main(String[] args) throws Exception {
        JsonObject file = JsonParser.parseString(Files.readString(Path.of(args[1]))).getAsJsonObject();
        SweepPlan plan = SweepPlan.fromSystemProperties(new SweepPlan(2, 2, 6, 2, 20, 2, java.util.Set.of("capitals")));
        try (LoadedModel model = new ModelLoader().load(ModelFixtures.load().get(args[0]))) {
            SweepEngine engine = new SweepEngine(model.model());
            int nLayers = model.config().nLayers();
            int[] grid = plan.layers(1, nLayers);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("side", "main 61f1614");
            out.put("model", model.name());
            out.put("plan", plan.toString());
            out.put("intraOpThreads", System.getProperty("ai.djl.pytorch.num_threads"));
            List<Map<String, Object>> perTask = new ArrayList<>();
            double total = 0;
            long runs = 0;
            for (JsonElement te : file.getAsJsonArray("tasks")) {
                JsonObject t = te.getAsJsonObject();
                Task task = TaskRegistry.create(t.get("poolSpec").getAsString());
                Map<String, Example> all = new LinkedHashMap<>();
                task.examples().forEach(e -> all.put(e.id(), e));
                List<Example> examples = new ArrayList<>();
                t.getAsJsonArray("ids").forEach(id -> examples.add(all.get(id.getAsString())));
                long t0 = System.nanoTime();
                Workers.forEach(examples.size(), plan.workers(), e -> {
                    Example example = examples.get(e);
                    int[] ids = model.tokenizer().encode(example.prompt()).ids();
                    Generation gen = TaskSweep.generation(task, example, model.tokenizer());
                    try (Forward.Trace clean = engine.prepare(ids)) {
                        engine.run(ids, clean, List.of(Manipulation.none()), gen);
                        for (String kind : List.of("random", "shuffle", "freeze", "skip-attention")) {
                            List<Manipulation> rows = new ArrayList<>();
                            for (int k : grid) {
                                for (int s = 1; s <= (kind.equals("random") || kind.equals("shuffle") ? plan.seeds() : 1); s++) {
                                    rows.add(switch (kind) {
                                        case "random" -> Manipulation.random(k, s);
                                        case "shuffle" -> Manipulation.shuffle(k, s);
                                        case "freeze" -> Manipulation.freeze(k);
                                        default -> Manipulation.skipAttention(k);
                                    });
                                }
                            }
                            engine.run(ids, clean, rows, gen, plan.batchRows());
                        }
                    } finally {
                        model.model().releaseCallCache();
                    }
                });
                double s = (System.nanoTime() - t0) / 1e9;
                long taskRuns = (long) examples.size() * (1 + grid.length * (2L * plan.seeds() + 2));
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("task", t.get("spec").getAsString());
                r.put("examples", examples.size());
                r.put("runs", taskRuns);
                r.put("seconds", s);
                perTask.add(r);
                total += s;
                runs += taskRuns;
            }
            out.put("tasks", perTask);
            out.put("seconds", total);
            out.put("runs", runs);
            out.put("runsPerSecond", runs / total);
            System.out.println(new Gson().toJson(out));
        }
    }
}
