package attendfirst.sweep;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import attendfirst.intervention.Manipulation;
import attendfirst.intervention.Manipulation.Freeze;
import attendfirst.intervention.Manipulation.Inject;
import attendfirst.intervention.Manipulation.SkipAttention;
import attendfirst.intervention.Positions;
import attendfirst.model.DecoderModel;
import attendfirst.model.Forward;
import attendfirst.model.KvCache;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs a batch of manipulations of one kind (different k, seeds) on one prompt, reusing the clean
 * pass and doing only the work the manipulation changes, then generates greedily with a KV cache.
 *
 * <ul>
 *   <li>Layers below the smallest k of the batch are never run: their keys/values and the input of
 *       the first manipulated layer come from the clean pass.</li>
 *   <li>freeze: previous tokens do not develop, so from k on only the newest position goes through
 *       attention and MLP; previous positions only contribute keys/values of their frozen state.</li>
 *   <li>inject at p: positions before p are untouched; only positions >= p are recomputed.</li>
 *   <li>random / shuffle / skip-attention: all positions are recomputed from k on.</li>
 * </ul>
 * Generation follows the paper: every token already in the sequence except the newest is a previous
 * token. With the cache, the token that stops being the newest is "demoted" at each step: its
 * keys/values at the manipulated layers are recomputed as the full recomputation would have them.
 * {@link NaiveRunner} is the reference this class is tested against.
 */
public final class SweepEngine {
    private final DecoderModel model;

    public SweepEngine(DecoderModel model) {
        this.model = model;
    }

    /** The clean pass of a prompt with every layer input recorded; shared by all runs on that prompt. */
    public Forward.Trace prepare(int[] prompt) {
        return new Forward(model).forward(prompt, true, prompt.length);
    }

    /** {@link #run(int[], Forward.Trace, List, Generation, int)} with every row prefilled in one group. */
    public List<RunResult> run(int[] prompt, Forward.Trace clean, List<Manipulation> rows, Generation gen) {
        return run(prompt, clean, rows, gen, rows.size());
    }

    /**
     * Runs {@code rows} (one manipulation kind) on {@code prompt}. The prompt is processed in groups of
     * {@code prefillRows} rows, each group starting at its own smallest k (group rows of similar k
     * together); then all rows generate together, so each decoding step is one batched call per layer.
     */
    public List<RunResult> run(int[] prompt, Forward.Trace clean, List<Manipulation> rows, Generation gen,
                               int prefillRows) {
        String kind = rows.get(0).kind();
        for (Manipulation m : rows) {
            if (!m.kind().equals(kind)) {
                throw new IllegalArgumentException("one batch holds one manipulation kind, got " + kind + " and " + m.kind());
            }
        }
        try (NDManager mm = model.manager().newSubManager()) {
            List<Prefilled> groups = new ArrayList<>();
            int from = 0;
            while (from < rows.size()) {
                int to = groupEnd(rows, from, prefillRows, prompt.length);
                groups.add(prefill(mm, prompt, clean, rows.subList(from, to), prompt.length + gen.maxNewTokens()));
                from = to;
            }
            return generate(mm, prompt.length, Prefilled.concat(groups, mm), gen);
        }
    }

    /**
     * End of the prefill group that starts at {@code from}. A group runs from its smallest k, so a row
     * with a larger k recomputes layers it did not need: short prompts gain more from batching than
     * they lose (the per-call overhead dominates), long prompts do not (the products are large already),
     * so rows join a group of a different k only while the group holds at most {@link #BATCH_POSITIONS}
     * positions.
     */
    static int groupEnd(List<Manipulation> rows, int from, int maxRows, int promptLength) {
        int kFirst = rows.get(from).layer();
        int to = from + 1;
        while (to < rows.size() && to - from < maxRows
                && (rows.get(to).layer() == kFirst || (to - from + 1) * promptLength <= BATCH_POSITIONS)) {
            to++;
        }
        return to;
    }

    /** Rows x prompt positions up to which rows of different k share a prefill group. */
    static final int BATCH_POSITIONS = 256;

    /**
     * Rows after the prompt: their caches, the input of every layer at the newest position (what a
     * demotion starts from), and the logits of the last prompt position.
     */
    private record Prefilled(List<Manipulation> rows, int[] k, KvCache cache, NDArray[] newestIn, float[][] logits) {
        static Prefilled concat(List<Prefilled> parts, NDManager mm) {
            if (parts.size() == 1) {
                return parts.get(0);
            }
            List<Manipulation> rows = new ArrayList<>();
            List<float[]> logits = new ArrayList<>();
            int[] k = parts.stream().flatMapToInt(p -> Arrays.stream(p.k)).toArray();
            NDArray[] newestIn = new NDArray[parts.get(0).newestIn.length];
            for (int l = 0; l < newestIn.length && parts.get(0).newestIn[l] != null; l++) {
                NDList layer = new NDList();
                for (Prefilled p : parts) {
                    layer.add(p.newestIn[l]);
                }
                newestIn[l] = NDArrays.concat(layer, 0);
            }
            for (Prefilled p : parts) {
                rows.addAll(p.rows);
                logits.addAll(Arrays.asList(p.logits));
            }
            KvCache cache = KvCache.concat(parts.stream().map(Prefilled::cache).toList(), mm);
            parts.forEach(p -> p.cache.close());
            return new Prefilled(rows, k, cache, newestIn, logits.toArray(new float[0][]));
        }
    }

    private Prefilled prefill(NDManager mm, int[] prompt, Forward.Trace clean, List<Manipulation> rows, int capacity) {
        int nLayers = model.config().nLayers();
        int t = prompt.length;
        int r = rows.size();
        int[] k = rows.stream().mapToInt(m -> Math.min(m.layer(), nLayers)).toArray();
        int kmin = Arrays.stream(k).min().orElseThrow();
        int s0 = 0;
        if (rows.get(0) instanceof Inject first) {
            s0 = first.position();
            for (Manipulation m : rows) {
                if (((Inject) m).position() != s0) {
                    throw new IllegalArgumentException("inject rows of one batch must share the position");
                }
            }
            if (s0 >= t - 1) {
                throw new IllegalArgumentException("inject position " + s0 + " is not a previous token of a " + t
                        + "-token prompt");
            }
        }
        boolean demote = rows.get(0).actsOnPreviousTokens();
        boolean freeze = rows.get(0) instanceof Freeze;
        boolean freezeFast = freeze && rows.stream().allMatch(m -> ((Freeze) m).positions().equals(Positions.ALL_PREVIOUS));
        NDArray[] h = clean.layerInputs(); // l -> (1, T, dim)

        KvCache cache = model.newCache(mm, r, capacity);
        cache.copyFrom(clean.cache(), 0, kmin, t);
        if (s0 > 0) {
            cache.copyFrom(clean.cache(), kmin, nLayers, s0);
        }
        NDArray[] newestIn = new NDArray[nLayers]; // l -> (R, 1, dim) input of layer l at the newest position
        for (int l = 0; l < kmin && demote; l++) {
            newestIn[l] = rowsOf(h[l].get(":, -1:"), r, mm);
        }
        NDArray[] frozen = null; // per row (1, T, dim): layer k-1 inputs
        if (freeze) {
            frozen = new NDArray[r];
            for (int i = 0; i < r; i++) {
                frozen[i] = h[Math.max(k[i] - 1, 0)];
            }
        }
        NDArray x = rowsOf(freezeFast ? h[kmin].get(":, -1:") : h[kmin].get(":, {}:", s0), r, mm);
        for (int l = kmin; l < nLayers; l++) {
            NDArray in;
            if (freezeFast) {
                NDList prev = new NDList();
                for (int i = 0; i < r; i++) {
                    prev.add((l >= k[i] ? frozen[i] : h[l]).get(":, :{}", t - 1));
                }
                in = NDArrays.concat(new NDList(NDArrays.concat(prev, 0), x), 1);
            } else {
                in = Rewrites.apply(rows, l, x, s0, t - 1, frozen);
            }
            if (demote) {
                newestIn[l] = in.get(":, -1:");
            }
            x = model.layer(l, in, s0, cache, freezeFast ? t - 1 : 0, skipMask(rows, l, mm));
        }
        float[] flat = model.logits(x.get(":, -1:")).toFloatArray();
        int vocab = flat.length / r;
        float[][] logits = new float[r][];
        for (int i = 0; i < r; i++) {
            logits[i] = Arrays.copyOfRange(flat, i * vocab, (i + 1) * vocab);
        }
        return new Prefilled(List.copyOf(rows), k, cache, newestIn, logits);
    }

    /** Greedy decoding of all rows together, one position per step, demoting the previous newest token. */
    private List<RunResult> generate(NDManager mm, int t, Prefilled p, Generation gen) {
        int nLayers = model.config().nLayers();
        List<Manipulation> rows = p.rows;
        int r = rows.size();
        int[] k = p.k;
        boolean demote = rows.get(0).actsOnPreviousTokens();
        boolean freeze = rows.get(0) instanceof Freeze;
        NDArray[] newestIn = p.newestIn;
        int[][] generated = new int[r][gen.maxNewTokens()];
        int[] count = new int[r];
        boolean[] done = new boolean[r];
        int[] next = new int[r];
        for (int i = 0; i < r; i++) {
            next[i] = Forward.argmax(p.logits[i]);
        }
        for (int pos = t; ; pos++) {
            boolean allDone = true;
            for (int i = 0; i < r; i++) {
                if (!done[i]) {
                    generated[i][count[i]++] = next[i];
                    done[i] = count[i] == gen.maxNewTokens() || gen.stop().test(Arrays.copyOf(generated[i], count[i]));
                }
                allDone &= done[i];
            }
            if (allDone) {
                break;
            }
            NDArray e = model.embed(mm.create(next, new Shape(r, 1)));
            if (demote) {
                NDArray carried = null; // (R, 1, dim) output of the demoted position, random/shuffle only
                NDArray[] nextNewestIn = new NDArray[nLayers];
                for (int l = 0; l < nLayers; l++) {
                    NDArray d = demotedInput(rows, k, l, newestIn, carried, pos, freeze);
                    nextNewestIn[l] = e;
                    NDArray out = model.layer(l, NDArrays.concat(new NDList(d, e), 1), pos - 1, p.cache,
                            freeze ? 1 : 0, null);
                    if (freeze) {
                        e = out;
                    } else {
                        carried = out.get(":, :1");
                        e = out.get(":, 1:");
                    }
                }
                newestIn = nextNewestIn;
            } else {
                for (int l = 0; l < nLayers; l++) {
                    e = model.layer(l, e, pos, p.cache, 0, skipMask(rows, l, mm));
                }
            }
            // greedy choice on the device: only R token ids cross to the host, not R x vocab logits
            long[] best = model.logits(e).argMax(-1).toType(ai.djl.ndarray.types.DataType.INT64, false).toLongArray();
            for (int i = 0; i < r; i++) {
                next[i] = done[i] ? 0 : (int) best[i];
            }
        }
        List<RunResult> results = new ArrayList<>();
        for (int i = 0; i < r; i++) {
            results.add(new RunResult(rows.get(i), p.logits[i], Arrays.copyOf(generated[i], count[i])));
        }
        p.cache.close();
        return results;
    }

    /**
     * Input at layer l of the position that just stopped being the newest (pos - 1), as a full
     * recomputation would have it: unchanged below k; from k on frozen (freeze) or noise and then
     * its own development (random, shuffle).
     */
    private static NDArray demotedInput(List<Manipulation> rows, int[] k, int l, NDArray[] newestIn, NDArray carried,
                                        int pos, boolean freeze) {
        int q = pos - 1;
        NDList parts = new NDList();
        for (int i = 0; i < rows.size(); i++) {
            Manipulation m = rows.get(i);
            NDArray source;
            if (!covers(m, q, pos) || l < k[i]) {
                source = newestIn[l];
            } else if (freeze) {
                source = newestIn[k[i] - 1];
            } else {
                source = l == k[i] ? newestIn[l] : carried;
            }
            parts.add(source.get("{}:{}", i, i + 1));
        }
        NDArray d = NDArrays.concat(parts, 0);
        return freeze ? d : Rewrites.apply(rows, l, d, q, pos, null);
    }

    private static boolean covers(Manipulation m, int q, int pos) {
        Positions p = m instanceof Manipulation.RandomNoise rn ? rn.positions()
                : m instanceof Manipulation.Shuffle s ? s.positions()
                : m instanceof Freeze f ? f.positions() : Positions.ALL_PREVIOUS;
        return p.covers(q, pos);
    }

    /** (R) true for rows whose attention is skipped at layer l, or null when no row skips. */
    private static NDArray skipMask(List<Manipulation> rows, int l, NDManager mm) {
        if (!(rows.get(0) instanceof SkipAttention)) {
            return null;
        }
        boolean[] skip = new boolean[rows.size()];
        for (int i = 0; i < skip.length; i++) {
            skip[i] = l >= rows.get(i).layer();
        }
        return mm.create(skip);
    }

    /** (1, n, dim) -> (R, n, dim), a materialised copy owned by {@code mm}. */
    private static NDArray rowsOf(NDArray a, int r, NDManager mm) {
        NDArray out = r == 1 ? a.duplicate() : a.repeat(0, r);
        out.attach(mm);
        return out;
    }
}
