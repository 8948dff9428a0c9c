package attendfirst.sweep;

import attendfirst.intervention.Manipulation;
import attendfirst.intervention.Manipulation.Kind;
import attendfirst.intervention.Noise;
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

/**
 * The paper's layer sweep of one model on one task: for every example, the clean pass once, the
 * unmanipulated answer (the baseline), then every manipulation at every k of the plan's one grid (and every
 * seed), each answer scored by the task's metric. All runs of a chunk of examples go to the engine at once, so
 * rows of different examples share row batches.
 *
 * <p>Every manipulation is swept on the same k grid ({@link SweepPlan#grid}), starting at k = 1: claims compare
 * manipulations at the same k, and k = 0 makes random and skip-attention claims true by construction (their
 * behaviour at k = 0 is covered by the engineering tests). random and shuffle draw noise keyed by (seed,
 * example, layer, position), the example key derived from {@link Example#id()}.
 */
public final class TaskSweep {
    /** The manipulations swept per task, in report order. */
    public static final List<Kind> KINDS = List.of(Kind.RANDOM, Kind.SHUFFLE, Kind.FREEZE, Kind.SKIP_ATTENTION);

    /** Examples whose runs go to the engine together: enough rows to fill batches, few clean passes held. */
    static final int CHUNK_EXAMPLES = 32;

    private final LoadedModel model;
    private final SweepPlan plan;
    private final SweepEngine engine;

    public TaskSweep(LoadedModel model, SweepPlan plan) {
        this.model = model;
        this.plan = plan;
        this.engine = new SweepEngine(model.model(), MemoryBudget.of(model, plan), model.fixture().name());
    }

    /** The engine of this model and plan (the switch experiment runs its prompts on it too). */
    SweepEngine engine() { return engine; }

    /** FLOPs computed and minimally needed by every sweep of this instance so far. */
    public Flops flops() { return engine.flops(); }

    /** One sweep per manipulation kind of {@link #KINDS} over all of {@code task}'s examples. */
    public Map<String, SweepResult> run(Task task, Progress progress) {
        return run(task, task.examples(), progress);
    }

    /**
     * The examples of {@code pool} the unmanipulated model solves (clean score >= the task's
     * {@link Task#solvedThreshold()}: 1 for the binary tasks), in pool order, at most {@code limit}.
     */
    public List<Example> known(Task pool, int limit, Progress progress) {
        evaluated = 0;
        correct = 0;
        List<Example> all = pool.examples();
        List<Example> known = new ArrayList<>();
        int chunk = 8 * plan.workers();
        // in pool order, a chunk at a time, until enough are known
        for (int from = 0; from < all.size() && known.size() < limit; from += chunk) {
            List<Example> part = all.subList(from, Math.min(from + chunk, all.size()));
            double[] score = baselineScores(pool, part);
            part.forEach(e -> progress.finished(e.id()));
            evaluated += part.size();
            double solved = pool.solvedThreshold();
            for (int e = 0; e < part.size(); e++) {
                correct += score[e] >= solved ? 1 : 0;
                if (score[e] >= solved && known.size() < limit) {
                    known.add(part.get(e));
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

    /** The unmanipulated score of each example. */
    double[] baselineScores(Task task, List<Example> examples) {
        List<Forward.Trace> clean = prepare(examples);
        try {
            List<SweepEngine.Job> jobs = new ArrayList<>();
            for (int e = 0; e < examples.size(); e++) {
                jobs.add(new SweepEngine.Job(ids(examples.get(e)), clean.get(e), Manipulation.none(),
                        generation(task, examples.get(e), model.tokenizer())));
            }
            List<RunResult> results = engine.run(jobs, plan.workers(), false);
            double[] score = new double[examples.size()];
            for (int e = 0; e < examples.size(); e++) {
                score[e] = task.score(examples.get(e), text(results.get(e).generated()));
            }
            return score;
        } finally {
            clean.forEach(Forward.Trace::close);
        }
    }

    /** One sweep per manipulation kind of {@link #KINDS} over {@code examples} of {@code task}. */
    public Map<String, SweepResult> run(Task task, List<Example> examples, Progress progress) {
        int nLayers = model.config().nLayers();
        int n = examples.size();
        int[] grid = plan.grid(nLayers);
        double[] baseline = new double[n];
        Map<Kind, double[][][]> scores = new LinkedHashMap<>(); // kind -> [k][seed][example]
        for (Kind kind : KINDS) {
            scores.put(kind, new double[grid.length][seeds(kind).length][n]);
        }
        for (int from = 0; from < n; from += CHUNK_EXAMPLES) {
            List<Example> part = examples.subList(from, Math.min(from + CHUNK_EXAMPLES, n));
            List<Forward.Trace> clean = prepare(part);
            try {
                List<SweepEngine.Job> jobs = new ArrayList<>();
                List<int[]> where = new ArrayList<>(); // (kind, k index, seed index, example) of each job; kind -1: baseline
                for (int i = 0; i < part.size(); i++) {
                    Example example = part.get(i);
                    int[] ids = ids(example);
                    Generation gen = generation(task, example, model.tokenizer());
                    long exampleKey = Noise.exampleKey(example.id());
                    jobs.add(new SweepEngine.Job(ids, clean.get(i), Manipulation.none(), gen));
                    where.add(new int[] {-1, 0, 0, from + i});
                    for (int kind = 0; kind < KINDS.size(); kind++) {
                        long[] seeds = seeds(KINDS.get(kind));
                        for (int ki = 0; ki < grid.length; ki++) {
                            for (int si = 0; si < seeds.length; si++) {
                                jobs.add(new SweepEngine.Job(ids, clean.get(i),
                                        KINDS.get(kind).at(grid[ki], seeds[si], exampleKey), gen));
                                where.add(new int[] {kind, ki, si, from + i});
                            }
                        }
                    }
                }
                List<RunResult> results = engine.run(jobs, plan.workers(), false);
                for (int j = 0; j < jobs.size(); j++) {
                    int[] at = where.get(j);
                    double score = task.score(examples.get(at[3]), text(results.get(j).generated()));
                    if (at[0] < 0) {
                        baseline[at[3]] = score;
                    } else {
                        scores.get(KINDS.get(at[0]))[at[1]][at[2]][at[3]] = score;
                    }
                }
            } finally {
                clean.forEach(Forward.Trace::close);
            }
            for (Example e : part) {
                for (Kind kind : KINDS) {
                    progress.finished(e.id() + " " + kind.label());
                }
            }
        }
        Map<String, SweepResult> out = new LinkedHashMap<>();
        for (Kind kind : KINDS) {
            out.put(kind.label(), new SweepResult(model.name(), nLayers, task.name(), task.primaryMetric(), kind.label(),
                    grid, seeds(kind), scores.get(kind), baseline.clone(), task.chance().value(),
                    task.chance().derivation()));
        }
        return out;
    }

    /** Units of work {@link #run} reports to its progress: examples x manipulation kinds. */
    public static int units(int examples) { return examples * KINDS.size(); }

    /** The clean passes of {@code examples}, side by side on the plan's workers (close them). */
    private List<Forward.Trace> prepare(List<Example> examples) {
        Forward.Trace[] traces = new Forward.Trace[examples.size()];
        try {
            Workers.forEach(examples.size(), plan.workers(), i -> traces[i] = engine.prepare(ids(examples.get(i))));
        } catch (RuntimeException e) {
            Arrays.stream(traces).filter(t -> t != null).forEach(Forward.Trace::close);
            throw e;
        }
        return Arrays.asList(traces);
    }

    private int[] ids(Example example) { return model.tokenizer().encode(example.prompt()).ids(); }

    private long[] seeds(Kind kind) {
        if (kind.seeded()) {
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
}
