package attendfirst.sweep;

import ai.djl.ndarray.NDManager;
import attendfirst.intervention.Manipulation;
import attendfirst.model.DecoderModel;
import attendfirst.model.Forward;
import attendfirst.precision.OverflowGuard;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Runs many manipulated greedy generations, from one prompt or many, reusing each prompt's clean pass and
 * doing only the work a manipulation changes. Runs are cut into row batches of at most {@code budget} rows x
 * columns (prompt plus generated tokens): rows of different prompts (different lengths, positions and stop
 * points) prefill and decode together, left-padded onto shared columns, and leave the batch when they stop.
 *
 * <ol>
 *   <li>{@link #prepare}: the clean pass of a prompt, every layer input recorded (shared by all its runs).</li>
 *   <li>Planning: runs are grouped by what a decoding step must redo for them ({@link Manipulation.Demotion}),
 *       sorted by k and prompt length, and cut at the budget (similar k together: a batch starts at its
 *       smallest k).</li>
 *   <li>{@link Prefill}, then {@link Decode}, per batch; batches run side by side on {@code workers} threads.</li>
 * </ol>
 * {@link NaiveRunner} is the reference this class is tested against.
 */
public final class SweepEngine {
    /** Rows x columns per batch when the caller does not say (see BENCHMARKS.md: the fastest on 2 CPU cores). */
    public static final int DEFAULT_BUDGET = 4096;
    /** New tokens up to which {@link #DEFAULT_BUDGET} is the fastest CPU batch (prefill-dominated tasks). */
    static final int PREFILL_DOMINATED_NEW_TOKENS = 16;
    /** The most a long generation widens the CPU batch (BENCHMARKS.md 6c: 4x is the best measured). */
    static final int MAX_DECODE_WIDENING = 4;

    /**
     * The CPU's fastest rows x columns for a task generating {@code newTokens}: {@link #DEFAULT_BUDGET} up to
     * {@value #PREFILL_DOMINATED_NEW_TOKENS} new tokens, where the prefill dominates (its products are large
     * already; wider batches only mix more k and pad more); beyond, one more default per started
     * {@value #PREFILL_DOMINATED_NEW_TOKENS} tokens, at most {@value #MAX_DECODE_WIDENING}x: a decoding step runs
     * one or two columns per row, so its products grow only with the rows (BENCHMARKS.md 6c: the 60-token
     * summaries 1.41x faster at 4x; squad and arithmetic slower at 4x).
     */
    public static int cpuBudget(int newTokens) {
        int started = (newTokens + PREFILL_DOMINATED_NEW_TOKENS - 1) / PREFILL_DOMINATED_NEW_TOKENS;
        int widen = newTokens <= PREFILL_DOMINATED_NEW_TOKENS ? 1 : Math.min(MAX_DECODE_WIDENING, started);
        return DEFAULT_BUDGET * widen;
    }

    /** One manipulated run: a prompt with its clean pass, the manipulation, how long it generates. */
    public record Job(int[] prompt, Forward.Trace clean, Manipulation manipulation, Generation generation) {
    }

    /**
     * The rows x columns of one row batch for a {@link #run} call, from what the call holds: its longest prompt
     * ({@code width}), its most new tokens and the distinct prompts (clean traces) its jobs share. A memory-aware
     * budget ({@link MemoryBudget}) answers from the device's memory; a fixed one ignores them.
     */
    @FunctionalInterface
    public interface Budget {
        int rowsTimesColumns(int width, int newTokens, int prompts);

        /** The same rows x columns for every call. */
        static Budget fixed(int budget) {
            if (budget < 1) {
                throw new IllegalArgumentException("row batch budget must be >= 1 (rows x columns), got " + budget);
            }
            return (width, newTokens, prompts) -> budget;
        }
    }

    private final DecoderModel model;
    private final Budget budget;
    private final Flops flops;
    private final OverflowGuard overflow;

    public SweepEngine(DecoderModel model) {
        this(model, DEFAULT_BUDGET);
    }

    /** @param budget rows x columns of one row batch: bounds its memory (KV cache, activations) */
    public SweepEngine(DecoderModel model, int budget) {
        this(model, Budget.fixed(budget));
    }

    /** @param budget sizes the row batches of each {@link #run} call */
    public SweepEngine(DecoderModel model, Budget budget) {
        this(model, budget, "model");
    }

    /**
     * @param budget    sizes the row batches of each {@link #run} call
     * @param modelName the fixture name an overflow error names (float16 runs check every step's logits)
     */
    public SweepEngine(DecoderModel model, Budget budget, String modelName) {
        this.model = model;
        this.budget = java.util.Objects.requireNonNull(budget, "budget");
        this.flops = new Flops(model.config());
        this.overflow = OverflowGuard.of(modelName, model);
    }

    /** FLOPs computed and needed by everything this engine ran so far. */
    public Flops flops() { return flops; }

    /** The clean pass of a prompt with every layer input recorded; shared by all runs on that prompt. */
    public Forward.Trace prepare(int[] prompt) {
        flops.cleanPass(prompt.length);
        Forward.Trace trace = new Forward(model).forward(prompt, true, prompt.length);
        try {
            overflow.check(trace.lastLogits(), r -> prompt, r -> "none");
            return trace;
        } catch (RuntimeException e) {
            trace.close();
            throw e;
        }
    }

    /** {@code rows} on one prompt, on the calling thread, first logits kept. */
    public List<RunResult> run(int[] prompt, Forward.Trace clean, List<Manipulation> rows, Generation gen) {
        List<Job> jobs = new ArrayList<>();
        for (Manipulation m : rows) {
            jobs.add(new Job(prompt, clean, m, gen));
        }
        return run(jobs, 1, true);
    }

    /**
     * Runs every job; results in job order.
     *
     * @param workers    row batches processed side by side (threads)
     * @param keepLogits whether each result carries its first logits (vocab floats per run)
     */
    public List<RunResult> run(List<Job> jobs, int workers, boolean keepLogits) {
        int n = jobs.size();
        float[][] firstLogits = keepLogits ? new float[n][] : null;
        int[] firstToken = new int[n];
        int[][] generated = new int[n][];
        List<int[]> batches = plan(jobs);
        Workers.forEach(batches.size(), workers, i -> {
            int[] index = batches.get(i);
            List<Job> rows = new ArrayList<>();
            int maxNew = 1;
            for (int j : index) {
                rows.add(jobs.get(j));
                maxNew = Math.max(maxNew, jobs.get(j).generation().maxNewTokens());
            }
            try (NDManager manager = model.manager().newSubManager();
                 RowBatch batch = new Prefill(model, flops, overflow).run(manager, rows, index, maxNew, firstLogits, firstToken)) {
                new Decode(model, flops, overflow).run(batch, generated);
            }
        });
        List<RunResult> results = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            Job job = jobs.get(j);
            int t = job.prompt().length;
            Manipulation m = job.manipulation();
            flops.minimalRun(t, Math.min(m.layer(), model.config().nLayers()), m.firstChangedPosition(),
                    m.type().demotion(), m.type().previousTokens(), generated[j].length);
            results.add(new RunResult(m, keepLogits ? firstLogits[j] : null, generated[j]));
        }
        return results;
    }

    private int k(Job job) { return Math.min(job.manipulation().layer(), model.config().nLayers()); }

    /**
     * What the rows of one batch share: what decoding redoes for the previous newest token and which prompt columns
     * the prefill computes. Batches are ordered by demotion, then by previous tokens (the enums' order).
     */
    record Behaviour(Manipulation.Demotion demotion, Manipulation.PreviousTokens previous) {
        static final Comparator<Behaviour> ORDER = Comparator.comparing(Behaviour::demotion)
                .thenComparing(Behaviour::previous);

        static Behaviour of(Job job) {
            Manipulation.Kind kind = job.manipulation().type();
            return new Behaviour(kind.demotion(), kind.previousTokens());
        }
    }

    /**
     * The row batches: job indices grouped by behaviour (demotion kind and prefill columns), sorted by (k, prompt length), cut where the next row
     * would take the batch over the budget of rows x (longest prompt + most new tokens).
     */
    List<int[]> plan(List<Job> jobs) {
        int widest = 1;
        int longest = 1;
        java.util.Set<Forward.Trace> prompts = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Job job : jobs) {
            widest = Math.max(widest, job.prompt().length);
            longest = Math.max(longest, job.generation().maxNewTokens());
            prompts.add(job.clean());
        }
        int budget = this.budget.rowsTimesColumns(widest, longest, Math.max(prompts.size(), 1));
        if (budget < 1) {
            throw new IllegalStateException("row batch budget must be >= 1 (rows x columns), got " + budget);
        }
        List<Integer> order = new ArrayList<>();
        for (int j = 0; j < jobs.size(); j++) {
            order.add(j);
        }
        order.sort(Comparator.<Integer, Behaviour>comparing(j -> Behaviour.of(jobs.get(j)), Behaviour.ORDER)
                .thenComparingInt(j -> k(jobs.get(j)))
                .thenComparingInt(j -> jobs.get(j).prompt().length));
        List<int[]> batches = new ArrayList<>();
        List<Integer> current = new ArrayList<>();
        int width = 0;
        int maxNew = 0;
        Behaviour kind = null;
        int k = -1;
        for (int j : order) {
            Job job = jobs.get(j);
            Behaviour d = Behaviour.of(job);
            int w = Math.max(width, job.prompt().length);
            int g = Math.max(maxNew, job.generation().maxNewTokens());
            // a batch starts at its smallest k, so a new k starts a new batch once this one is half full
            boolean newK = k(job) != k && 2L * current.size() * (width + maxNew) >= budget;
            if (!current.isEmpty() && (!d.equals(kind) || newK || (long) (current.size() + 1) * (w + g) > budget)) {
                batches.add(current.stream().mapToInt(Integer::intValue).toArray());
                current.clear();
                w = job.prompt().length;
                g = job.generation().maxNewTokens();
            }
            current.add(j);
            k = k(job);
            width = w;
            maxNew = g;
            kind = d;
        }
        if (!current.isEmpty()) {
            batches.add(current.stream().mapToInt(Integer::intValue).toArray());
        }
        return batches;
    }
}
