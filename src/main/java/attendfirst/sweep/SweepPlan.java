package attendfirst.sweep;

import java.util.Locale;

/**
 * How much of the paper's experiment a run does. The paper sweeps every layer; a reduced run (the
 * claims part of {@code mvn test}) takes every {@code layerStride}-th layer and fewer examples.
 *
 * @param seeds          seeds of random and shuffle (the paper: fresh noise per pass; here seeded, reported over seeds)
 * @param layerStride    the k grid of every manipulation: k = 1, 1 + stride, 1 + 2 stride, ... plus the last layer
 *                       (1 = every layer but 0), see {@link #grid}
 * @param batchRows      no longer read by the engine (it batches by {@code batchBudget}, across prompts); kept so
 *                       that existing configurations and {@code -Dattendfirst.batchRows} still parse
 * @param switchPairs    switch experiment: injected countries per known capitals example
 * @param switchExamples switch experiment: known capitals examples used (at most)
 * @param workers        examples processed side by side (threads); 1 on a GPU
 * @param knownOnly      tasks swept on "known examples" only: drawn from the task's whole pool, kept when the
 *                       unmanipulated model answers them correctly, up to the task's size (so every manipulated
 *                       score is measured against a baseline of 1)
 * @param batchBudget    rows x columns (prompt + generated tokens) of one engine row batch: rows of several
 *                       examples run together up to this size; it bounds the batch's memory (KV cache, activations).
 *                       {@link #AUTO} (0): sized from {@code memoryBudget} ({@link MemoryBudget})
 * @param memoryBudget   bytes the run may hold on its device besides the weights (clean traces and row batches),
 *                       from which an {@link #AUTO} batch budget is sized; {@link #AUTO} (0): the device's default
 *                       (a GPU: a fraction of its memory less the weights; the CPU: 4 GiB of native memory)
 */
public record SweepPlan(int seeds, int layerStride, int batchRows, int switchPairs, int switchExamples, int workers,
                        java.util.Set<String> knownOnly, int batchBudget, long memoryBudget) {
    /** batchBudget / memoryBudget: derived (from memory / from the device). */
    public static final int AUTO = 0;

    public static final SweepPlan FULL = new SweepPlan(3, 1, 6, 2, 20, defaultWorkers(), java.util.Set.of("capitals", "arithmetic", "squad", "cnndm"),
            AUTO, AUTO);

    public SweepPlan {
        knownOnly = java.util.Set.copyOf(knownOnly);
        if (seeds < 1 || layerStride < 1 || batchRows < 1 || switchPairs < 1 || switchExamples < 1 || workers < 1
                || batchBudget < 0 || memoryBudget < 0) {
            throw new IllegalArgumentException("sweep plan values must be >= 1 (batchBudget, memoryBudget >= 0: "
                    + "0 = derived): " + this);
        }
    }

    /** The plan with memory-aware batches on the device's default memory budget. */
    public SweepPlan(int seeds, int layerStride, int batchRows, int switchPairs, int switchExamples, int workers,
                     java.util.Set<String> knownOnly) {
        this(seeds, layerStride, batchRows, switchPairs, switchExamples, workers, knownOnly, AUTO, AUTO);
    }

    /** The plan with a fixed row batch budget ({@link #AUTO}: from the device's default memory budget). */
    public SweepPlan(int seeds, int layerStride, int batchRows, int switchPairs, int switchExamples, int workers,
                     java.util.Set<String> knownOnly, int batchBudget) {
        this(seeds, layerStride, batchRows, switchPairs, switchExamples, workers, knownOnly, batchBudget, AUTO);
    }

    /**
     * From system properties {@code attendfirst.seeds}, {@code attendfirst.layerStride},
     * {@code attendfirst.batchRows}, {@code attendfirst.switchPairs}, {@code attendfirst.switchExamples},
     * {@code attendfirst.workers}, {@code attendfirst.knownOnly}, {@code attendfirst.batchBudget},
     * each defaulting to {@code base}.
     */
    public static SweepPlan fromSystemProperties(SweepPlan base) {
        return new SweepPlan(
                intProperty("attendfirst.seeds", base.seeds()),
                intProperty("attendfirst.layerStride", base.layerStride()),
                intProperty("attendfirst.batchRows", base.batchRows()),
                intProperty("attendfirst.switchPairs", base.switchPairs()),
                intProperty("attendfirst.switchExamples", base.switchExamples()),
                intProperty("attendfirst.workers", base.workers()),
                System.getProperty("attendfirst.knownOnly") == null ? base.knownOnly()
                        : java.util.Arrays.stream(System.getProperty("attendfirst.knownOnly").split(","))
                        .map(String::trim).filter(x -> !x.isEmpty()).collect(java.util.stream.Collectors.toSet()),
                intProperty("attendfirst.batchBudget", base.batchBudget()),
                base.memoryBudget());
    }

    /** One worker per core on a CPU run with single-threaded ops; one on a GPU. */
    static int defaultWorkers() {
        boolean gpu = attendfirst.model.EngineStart.device().isGpu();
        boolean singleThreadedOps = "1".equals(System.getProperty("ai.djl.pytorch.num_threads"));
        return gpu || !singleThreadedOps ? 1 : Runtime.getRuntime().availableProcessors();
    }

    /**
     * The one k grid of a model of {@code nLayers} layers, shared by every manipulation of a task (claims compare
     * them at the same k): 1, 1 + stride, ... plus L - 1. k = 0 is left out: it removes the whole context for
     * random and skip-attention, so claims would hold there by construction.
     */
    public int[] grid(int nLayers) {
        return layers(1, nLayers);
    }

    /** The k values from {@code first} on with this plan's stride, plus the last layer. */
    public int[] layers(int first, int nLayers) {
        java.util.TreeSet<Integer> ks = new java.util.TreeSet<>();
        for (int k = first; k < nLayers; k += layerStride) {
            ks.add(k);
        }
        ks.add(nLayers - 1);
        return ks.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int intProperty(String key, int fallback) {
        String v = System.getProperty(key);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "system property %s must be a whole number, got '%s'", key, v));
        }
    }
}
