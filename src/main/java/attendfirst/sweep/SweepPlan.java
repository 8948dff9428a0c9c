package attendfirst.sweep;

import java.util.Set;
import java.util.TreeSet;

/**
 * How much of the paper's experiment a run does. The paper sweeps every layer; a reduced run (the
 * claims part of {@code mvn test}) takes every {@code layerStride}-th layer and fewer examples. Start from
 * {@link #SMALLEST} or {@link #FULL} and change what differs with the {@code with...} copies.
 *
 * @param seeds          seeds of random and shuffle (the paper: fresh noise per pass; here seeded, reported over seeds)
 * @param layerStride    the k grid of every manipulation: k = 1, 1 + stride, 1 + 2 stride, ... plus the last layer
 *                       (1 = every layer but 0), see {@link #grid}
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
public record SweepPlan(int seeds, int layerStride, int switchPairs, int switchExamples, int workers,
                        Set<String> knownOnly, int batchBudget, long memoryBudget) {
    /** batchBudget / memoryBudget: derived (from memory / from the device). */
    public static final int AUTO = 0;

    /**
     * One seed, every layer, one switch example with one injected country, one worker, no known-only task, row
     * batches sized from the device's default memory.
     */
    public static final SweepPlan SMALLEST = new SweepPlan(1, 1, 1, 1, 1, Set.of(), AUTO, AUTO);

    /**
     * The paper's plan: every layer, 3 seeds, the switch experiment on 20 examples x 2 countries, every task on known
     * examples. One worker: the run's configuration ({@code run.RunConfig}) chooses the device's default.
     */
    public static final SweepPlan FULL = SMALLEST.withSeeds(3).withSwitch(2, 20)
            .withKnownOnly(Set.of("capitals", "arithmetic", "squad", "cnndm"));

    public SweepPlan {
        knownOnly = Set.copyOf(knownOnly);
        if (seeds < 1 || layerStride < 1 || switchPairs < 1 || switchExamples < 1 || workers < 1
                || batchBudget < 0 || memoryBudget < 0) {
            throw new IllegalArgumentException("sweep plan values must be >= 1 (batchBudget, memoryBudget >= 0: "
                    + "0 = derived): " + this);
        }
    }

    public SweepPlan withSeeds(int seeds) {
        return new SweepPlan(seeds, layerStride, switchPairs, switchExamples, workers, knownOnly, batchBudget,
                memoryBudget);
    }

    public SweepPlan withLayerStride(int layerStride) {
        return new SweepPlan(seeds, layerStride, switchPairs, switchExamples, workers, knownOnly, batchBudget,
                memoryBudget);
    }

    /** The switch experiment's size: {@code pairs} injected countries on each of {@code examples} examples. */
    public SweepPlan withSwitch(int pairs, int examples) {
        return new SweepPlan(seeds, layerStride, pairs, examples, workers, knownOnly, batchBudget, memoryBudget);
    }

    public SweepPlan withWorkers(int workers) {
        return new SweepPlan(seeds, layerStride, switchPairs, switchExamples, workers, knownOnly, batchBudget,
                memoryBudget);
    }

    public SweepPlan withKnownOnly(Set<String> knownOnly) {
        return new SweepPlan(seeds, layerStride, switchPairs, switchExamples, workers, knownOnly, batchBudget,
                memoryBudget);
    }

    /** A fixed rows x columns per row batch ({@link #AUTO}: sized from the memory budget). */
    public SweepPlan withBatchBudget(int batchBudget) {
        return new SweepPlan(seeds, layerStride, switchPairs, switchExamples, workers, knownOnly, batchBudget,
                memoryBudget);
    }

    /** Bytes the run may hold besides the weights ({@link #AUTO}: the device's default). */
    public SweepPlan withMemoryBudget(long memoryBudget) {
        return new SweepPlan(seeds, layerStride, switchPairs, switchExamples, workers, knownOnly, batchBudget,
                memoryBudget);
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
        TreeSet<Integer> ks = new TreeSet<>();
        for (int k = first; k < nLayers; k += layerStride) {
            ks.add(k);
        }
        ks.add(nLayers - 1);
        return ks.stream().mapToInt(Integer::intValue).toArray();
    }
}
