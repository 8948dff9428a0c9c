package attendfirst.sweep;

import attendfirst.intervention.Manipulation;
import attendfirst.model.Forward;
import attendfirst.model.LoadedModel;
import attendfirst.task.Example;
import attendfirst.task.Task;
import attendfirst.tokenizer.Tokenizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The paper's layer sweep of one model on one task: for every example, the clean pass once, the
 * unmanipulated answer (the baseline), then every manipulation at every swept k (and seed), each
 * answer scored by the task's metric. All four previous-token manipulations share the clean pass.
 */
public final class TaskSweep {
    /** The manipulations swept per task, in report order. */
    public static final List<String> KINDS = List.of("random", "shuffle", "freeze", "skip-attention");

    private final LoadedModel model;
    private final SweepPlan plan;
    private final SweepEngine engine;

    public TaskSweep(LoadedModel model, SweepPlan plan) {
        this.model = model;
        this.plan = plan;
        this.engine = new SweepEngine(model.model());
    }

    /** One sweep per manipulation kind of {@link #KINDS} over all of {@code task}'s examples. */
    public Map<String, SweepResult> run(Task task, Progress progress) {
        return run(task, task.examples(), progress);
    }

    /**
     * The examples of {@code pool} the unmanipulated model answers correctly (score 1), in pool order, at
     * most {@code limit}.
     */
    public List<Example> known(Task pool, int limit, Progress progress) {
        evaluated = 0;
        correct = 0;
        List<Example> all = pool.examples();
        double[] score = new double[all.size()];
        List<Example> known = new ArrayList<>();
        int chunk = 8 * plan.workers();
        // in pool order, a chunk at a time, until enough are known
        for (int from = 0; from < all.size() && known.size() < limit; from += chunk) {
            int start = from;
            int n = Math.min(chunk, all.size() - from);
            Workers.forEach(n, plan.workers(), i -> {
                Example example = all.get(start + i);
                int[] ids = model.tokenizer().encode(example.prompt()).ids();
                try (Forward.Trace clean = engine.prepare(ids)) {
                    RunResult base = engine.run(ids, clean, List.of(Manipulation.none()),
                            generation(pool, example, model.tokenizer())).get(0);
                    score[start + i] = pool.score(example, text(base.generated()));
                } finally {
                    model.model().releaseCallCache();
                }
                progress.step(example.id());
            });
            evaluated += n;
            for (int e = start; e < start + n; e++) {
                correct += score[e] == 1.0 ? 1 : 0;
            }
            for (int e = start; e < start + n && known.size() < limit; e++) {
                if (score[e] == 1.0) {
                    known.add(all.get(e));
                }
            }
        }
        return known;
    }

    private int evaluated;
    private int correct;

    /** How many of the last {@link #known} call's evaluated examples the model answered correctly. */
    public int correct() { return correct; }

    /** How many pool examples the last {@link #known} call ran unmanipulated (its clean accuracy's denominator). */
    public int evaluated() { return evaluated; }

    /** One sweep per manipulation kind of {@link #KINDS} over {@code examples} of {@code task}. */
    public Map<String, SweepResult> run(Task task, List<Example> examples, Progress progress) {
        int nLayers = model.config().nLayers();
        int n = examples.size();
        double[] baseline = new double[n];
        Map<String, Setup> setups = new LinkedHashMap<>();
        for (String kind : KINDS) {
            setups.put(kind, new Setup(kind, plan.layers(kind.equals("freeze") ? 1 : 0, nLayers), seeds(kind), n));
        }
        List<int[]> prompts = new ArrayList<>();
        for (Example example : examples) {
            prompts.add(model.tokenizer().encode(example.prompt()).ids());
        }
        Workers.forEach(n, plan.workers(), e -> {
            Example example = examples.get(e);
            int[] ids = prompts.get(e);
            Generation gen = generation(task, example, model.tokenizer());
            try (Forward.Trace clean = engine.prepare(ids)) {
                RunResult base = engine.run(ids, clean, List.of(Manipulation.none()), gen).get(0);
                baseline[e] = task.score(example, text(base.generated()));
                for (Setup s : setups.values()) {
                    List<Manipulation> rows = new ArrayList<>();
                    List<int[]> where = new ArrayList<>(); // (kIndex, seedIndex) of each row
                    for (int ki = 0; ki < s.layers.length; ki++) {
                        for (int si = 0; si < s.seeds.length; si++) {
                            rows.add(s.factory(ki, si).apply(0));
                            where.add(new int[] {ki, si});
                        }
                    }
                    List<RunResult> results = engine.run(ids, clean, rows, gen, plan.batchRows());
                    for (int i = 0; i < rows.size(); i++) {
                        int[] at = where.get(i);
                        s.scores[at[0]][at[1]][e] = task.score(example, text(results.get(i).generated()));
                    }
                    progress.step(example.id() + " " + s.kind);
                }
            } finally {
                model.model().releaseCallCache(); // worker threads end with the sweep: leave nothing cached
            }
        });
        Map<String, SweepResult> out = new LinkedHashMap<>();
        for (Setup s : setups.values()) {
            out.put(s.kind, new SweepResult(model.name(), nLayers, task.name(), task.primaryMetric(), s.kind, s.layers,
                    s.seeds, s.scores, baseline.clone(), task.chance().value(), task.chance().derivation()));
        }
        return out;
    }

    /** Units of work {@link #run} reports to its progress: examples x manipulation kinds. */
    public static int units(int examples) { return examples * KINDS.size(); }

    private long[] seeds(String kind) {
        if (kind.equals("random") || kind.equals("shuffle")) {
            long[] seeds = new long[plan.seeds()];
            for (int i = 0; i < seeds.length; i++) {
                seeds[i] = i + 1;
            }
            return seeds;
        }
        return new long[] {0};
    }

    /**
     * Greedy decoding until a stop string of the task appears, EOS, the task's token budget, or the
     * task says the answer so far already fixes the score.
     */
    static Generation generation(Task task, Example example, Tokenizer tokenizer) {
        int eos = tokenizer.eosId();
        return new Generation(task.maxNewTokens(), ids -> {
            if (ids[ids.length - 1] == eos) {
                return true;
            }
            String text = tokenizer.decode(ids);
            return task.stopStrings().stream().anyMatch(text::contains) || task.decided(example, text);
        });
    }

    /** The generated text without a final EOS token. */
    String text(int[] generated) {
        int eos = model.tokenizer().eosId();
        int n = generated.length > 0 && generated[generated.length - 1] == eos ? generated.length - 1 : generated.length;
        return model.tokenizer().decode(Arrays.copyOf(generated, n));
    }

    /** One manipulation kind's layers, seeds and score table [k][seed][example]. */
    private static final class Setup {
        final String kind;
        final int[] layers;
        final long[] seeds;
        final double[][][] scores;

        Setup(String kind, int[] layers, long[] seeds, int examples) {
            this.kind = kind;
            this.layers = layers;
            this.seeds = seeds;
            this.scores = new double[layers.length][seeds.length][examples];
        }

        IntFunction<Manipulation> factory(int ki, int si) {
            int k = layers[ki];
            long seed = seeds[si];
            return ignored -> switch (kind) {
                case "random" -> Manipulation.random(k, seed);
                case "shuffle" -> Manipulation.shuffle(k, seed);
                case "freeze" -> Manipulation.freeze(k);
                case "skip-attention" -> Manipulation.skipAttention(k);
                default -> throw new IllegalArgumentException("unknown manipulation kind " + kind);
            };
        }
    }
}
