package attendfirst.sweep;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import attendfirst.intervention.Manipulation;
import attendfirst.model.KvCache;
import attendfirst.precision.OverflowGuard;

import java.util.ArrayList;
import java.util.List;

/**
 * Manipulated runs, possibly of different prompts, that go through the model together. The rows share cache
 * columns: row b's prompt of T_b tokens is left-padded by {@code pad[b] = width - T_b}, so every row's newest
 * token sits on the same column and each decoding step appends one column for all rows. Rows that finished
 * leave the batch ({@link #retain}). Built whole by {@link Prefill} from its {@link Rows}, advanced by {@link Decode}.
 */
final class RowBatch implements AutoCloseable {
    final NDManager manager;              // owns the cache and newestIn
    final Manipulation.Demotion demotion; // one per batch: what a decoding step redoes for the previous newest token
    final Manipulation.PreviousTokens previous; // one per batch: which prompt columns the prefill computes
    final int width;                      // prompt columns: the longest prompt of the batch
    final int nLayers;
    List<SweepEngine.Job> jobs;           // (B)
    int[] index;                          // (B) position of each row's job in the engine call
    int[] k;                              // (B) first manipulated layer, at most L

    int kmin() { return java.util.Arrays.stream(k).min().orElse(nLayers); }

    int[] pad;                            // (B) left padding
    int[] skipAttentionFrom;              // (B) first layer whose attention the row skips (L: none); null if no row skips
    int[] next;                           // (B) the token each row feeds next
    KvCache cache;                        // per layer (B, nKvHeads, width + maxNew, hs)
    NDArray newestIn;                     // (B, L, 1, dim) input of every layer at the newest column; null for NONE

    /** A prefilled batch ({@link Prefill}): the rows' layout, their cache, newest inputs and next tokens. */
    RowBatch(NDManager manager, Rows rows, KvCache cache, NDArray newestIn, int[] next) {
        this.manager = manager;
        this.demotion = rows.demotion;
        this.previous = rows.previous;
        this.width = rows.width;
        this.nLayers = rows.nLayers;
        this.jobs = rows.jobs;
        this.index = rows.index;
        this.k = rows.k;
        this.pad = rows.pad;
        this.skipAttentionFrom = rows.skipAttentionFrom;
        this.cache = cache;
        this.newestIn = newestIn;
        this.next = next;
    }

    /**
     * How the rows of a batch lie on its columns, from their jobs alone: one behaviour (demotion and previous
     * tokens), each row's first manipulated layer, left padding and first skipped attention.
     */
    static final class Rows {
        final List<SweepEngine.Job> jobs;           // (B)
        final int[] index;                          // (B) position of each row's job in the engine call
        final int nLayers;
        final Manipulation.Demotion demotion;
        final Manipulation.PreviousTokens previous;
        final int width;                            // the longest prompt of the batch
        final int[] k;                              // (B) first manipulated layer, at most L
        final int[] pad;                            // (B) left padding
        final int[] skipAttentionFrom;              // (B) first layer whose attention the row skips; null if none

        Rows(List<SweepEngine.Job> jobs, int[] index, int nLayers) {
            this.jobs = List.copyOf(jobs);
            this.index = index;
            this.nLayers = nLayers;
            this.demotion = jobs.get(0).manipulation().type().demotion();
            this.previous = jobs.get(0).manipulation().type().previousTokens();
            int b = jobs.size();
            int w = 0;
            for (SweepEngine.Job j : jobs) {
                if (j.manipulation().type().demotion() != demotion
                        || j.manipulation().type().previousTokens() != previous) {
                    throw new IllegalArgumentException("one row batch holds one behaviour, got " + demotion + "/"
                            + previous + " and " + j.manipulation().type().demotion() + "/"
                            + j.manipulation().type().previousTokens());
                }
                w = Math.max(w, j.prompt().length);
            }
            width = w;
            k = new int[b];
            pad = new int[b];
            int[] skip = new int[b];
            boolean anySkip = false;
            for (int r = 0; r < b; r++) {
                Manipulation m = jobs.get(r).manipulation();
                k[r] = Math.min(m.layer(), nLayers);
                pad[r] = width - jobs.get(r).prompt().length;
                skip[r] = nLayers;
                for (int l = 0; l < nLayers; l++) {
                    if (m.skipsAttentionAt(l)) {
                        skip[r] = l;
                        anySkip = true;
                        break;
                    }
                }
            }
            skipAttentionFrom = anySkip ? skip : null;
        }

        int size() { return jobs.size(); }

        List<Manipulation> manipulations() { return jobs.stream().map(SweepEngine.Job::manipulation).toList(); }
    }

    int size() { return jobs.size(); }

    List<Manipulation> manipulations() { return jobs.stream().map(SweepEngine.Job::manipulation).toList(); }

    /** Checks this batch's (B, 1, vocab) logits; an error names the first bad row's prompt and manipulation. */
    void requireFinite(OverflowGuard overflow, NDArray logits) {
        requireFinite(overflow, logits, jobs);
    }

    /** Checks the (B, 1, vocab) logits of these jobs' rows; an error names the first bad row's prompt and manipulation. */
    static void requireFinite(OverflowGuard overflow, NDArray logits, List<SweepEngine.Job> jobs) {
        overflow.check(logits, r -> jobs.get(r).prompt(), r -> String.valueOf(jobs.get(r).manipulation()));
    }

    /** Keeps the rows where {@code keep} is true, in order. */
    void retain(boolean[] keep) {
        List<SweepEngine.Job> j = new ArrayList<>();
        for (int r = 0; r < keep.length; r++) {
            if (keep[r]) {
                j.add(jobs.get(r));
            }
        }
        int[] idx = select(index, keep);
        int[] kk = select(k, keep);
        int[] pp = select(pad, keep);
        int[] ss = skipAttentionFrom == null ? null : select(skipAttentionFrom, keep);
        int[] nx = select(next, keep);
        cache.retainRows(keep);
        if (newestIn != null) {
            try (NDManager scratch = manager.newSubManager()) {
                NDArray kept = newestIn.get(scratch.create(KvCache.kept(keep)));
                kept.attach(manager);
                newestIn.close();
                newestIn = kept;
            }
        }
        jobs = j;
        index = idx;
        k = kk;
        pad = pp;
        skipAttentionFrom = ss;
        next = nx;
    }

    /** The rows of {@code a} where {@code keep} is true, in order. */
    static int[] select(int[] a, boolean[] keep) {
        int[] out = new int[count(keep)];
        int at = 0;
        for (int r = 0; r < keep.length; r++) {
            if (keep[r]) {
                out[at++] = a[r];
            }
        }
        return out;
    }

    /** The rows of {@code a} where {@code keep} is true, in order. */
    static int[][] select(int[][] a, boolean[] keep) {
        int[][] out = new int[count(keep)][];
        int at = 0;
        for (int r = 0; r < keep.length; r++) {
            if (keep[r]) {
                out[at++] = a[r];
            }
        }
        return out;
    }

    private static int count(boolean[] keep) {
        int n = 0;
        for (boolean k : keep) {
            n += k ? 1 : 0;
        }
        return n;
    }

    @Override
    public void close() { manager.close(); }
}
