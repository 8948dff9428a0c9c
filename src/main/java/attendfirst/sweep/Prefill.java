package attendfirst.sweep;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import attendfirst.intervention.Manipulation;
import attendfirst.model.DecoderModel;
import attendfirst.model.Forward;
import attendfirst.model.KvCache;
import attendfirst.precision.OverflowGuard;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The prompt part of a row batch: every row starts from its prompt's clean pass and only the layers and
 * columns its manipulation can change are recomputed.
 * <ul>
 *   <li>Layers below the smallest k of the batch are never run: their keys/values and the input of the
 *       first recomputed layer come from the clean passes.</li>
 *   <li>freeze (on all previous tokens): previous tokens do not develop, so from k on only the newest
 *       column goes through attention and MLP; previous columns only give keys/values of their frozen state.</li>
 *   <li>inject at p: columns before p are untouched; only columns from p on are recomputed.</li>
 *   <li>random / shuffle / skip-attention: all columns are recomputed from k on.</li>
 * </ul>
 */
record Prefill(DecoderModel model, Flops flops, OverflowGuard overflow) {
    /**
     * Prefills {@code jobs} (one demotion kind) and returns the batch ready to decode, with each row's first
     * logits written to {@code firstLogits[index[b]]} when that array is given.
     */
    RowBatch run(NDManager parent, List<SweepEngine.Job> jobs, int[] index, int maxNew, float[][] firstLogits,
                 int[] firstToken) {
        RowBatch.Rows rows = new RowBatch.Rows(jobs, index, model.config().nLayers());
        NDManager manager = parent.newSubManager();
        try {
            return fill(manager, rows, maxNew, firstLogits, firstToken);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    private RowBatch fill(NDManager manager, RowBatch.Rows batch, int maxNew, float[][] firstLogits,
                          int[] firstToken) {
        int nLayers = batch.nLayers;
        int b = batch.size();
        int width = batch.width;
        int newest = width - 1;
        List<Manipulation> ms = batch.manipulations();
        int kmin = nLayers;
        int start = newest;  // first column any row recomputes
        for (int r = 0; r < b; r++) {
            kmin = Math.min(kmin, batch.k[r]);
            Manipulation m = ms.get(r);
            int p = m.firstChangedPosition();
            if (p > 0 && p >= batch.jobs.get(r).prompt().length - 1) {
                throw new IllegalArgumentException(m.kind() + " position " + p + " is not a previous token of a "
                        + batch.jobs.get(r).prompt().length + "-token prompt");
            }
            start = Math.min(start, batch.pad[r] + p);
        }
        // which columns go through the layers: all from `start` (DEVELOP), or the newest only, the previous
        // ones giving keys/values of their fixed input (FIXED, when it covers every previous token) or nothing
        // (UNREAD: their clean keys/values below k are in the cache, and nobody reads them from k on)
        boolean fixed = batch.previous == Manipulation.PreviousTokens.FIXED && coversAllPrevious(batch);
        boolean unread = batch.previous == Manipulation.PreviousTokens.UNREAD;
        if (fixed) {
            start = 0;
        } else if (unread) {
            start = newest;
        }
        try (NDManager work = manager.newSubManager()) {
            Clean clean = new Clean(batch, manager, work);
            List<KvCache> sources = new ArrayList<>();
            int[] lengths = new int[b];
            for (int r = 0; r < b; r++) {
                sources.add(batch.jobs.get(r).clean().cache());
                lengths[r] = batch.jobs.get(r).prompt().length;
            }
            KvCache cache = KvCache.rowsOf(manager, sources, lengths, batch.pad, width + maxNew);

            NDArray[] newestIn = batch.demotion == Manipulation.Demotion.NONE ? null : new NDArray[nLayers];
            for (int l = 0; l < kmin && newestIn != null; l++) {
                newestIn[l] = clean.rows(l, newest, width, null);                 // (B, 1, dim)
            }
            // the frozen previous columns of freeze rows outside the fast path: their layer k-1 inputs (B, width, dim)
            int[] frozenLayer = new int[b];
            for (int r = 0; r < b; r++) {
                frozenLayer[r] = Math.max(batch.k[r] - 1, 0);
            }
            NDArray frozen = batch.previous == Manipulation.PreviousTokens.FIXED && !fixed
                    ? clean.rows(-1, 0, width, frozenLayer) : null;
            NDArray x = kmin >= nLayers ? clean.rows(nLayers, newest, width, null)
                    : fixed ? clean.rows(kmin, newest, width, null)                  // (B, 1, dim) newest only
                    : clean.rows(kmin, start, width, null);                          // (B, width - start, dim)
            if (kmin < nLayers) {
                int n = width - start;
                // the last layer's output is only read at the newest column (the logits): previous columns there
                // only give keys/values
                try (DecoderModel.Columns columns = model.columns(b, start, n, fixed ? n - 1 : 0, batch.pad,
                        batch.skipAttentionFrom);
                     DecoderModel.Columns last = model.columns(b, start, n, n - 1, batch.pad, batch.skipAttentionFrom)) {
                    for (int l = kmin; l < nLayers; l++) {
                        NDArray in;
                        if (fixed) {
                            // previous columns: frozen (layer k-1 input) from k on, clean below k
                            int[] source = new int[b];
                            for (int r = 0; r < b; r++) {
                                source[r] = l >= batch.k[r] ? batch.k[r] - 1 : l;
                            }
                            NDArray prev = clean.rows(-1, 0, newest, source);            // (B, width - 1, dim)
                            in = NDArrays.concat(new NDList(prev, x), 1);               // (B, width, dim)
                            prev.close();
                        } else {
                            in = Rewrites.apply(ms, l, x, start, batch.pad, newest, frozen);
                        }
                        if (newestIn != null) {
                            newestIn[l] = in.get(":, -1:").duplicate();                  // (B, 1, dim)
                        }
                        DecoderModel.Columns s = l == nLayers - 1 ? last : columns;
                        NDArray out = model.layer(l, in, cache, s);
                        flops.layer(b, n, s.queries(), s.length());
                        if (in != x) {
                            in.close();
                        }
                        x.close();
                        x = out;
                    }
                }
            }
            NDArray last = x.get(":, -1:");                                              // (B, 1, dim)
            NDArray logits = model.logits(last);                                         // (B, 1, vocab) float32
            flops.logits(b);
            RowBatch.requireFinite(overflow, logits, batch.jobs);
            NDArray best = logits.argMax(-1).toType(DataType.INT64, false);
            long[] ids = best.toLongArray();
            for (int r = 0; r < b; r++) {
                firstToken[batch.index[r]] = (int) ids[r];
            }
            if (firstLogits != null) {
                float[] flat = logits.toFloatArray();
                int vocab = flat.length / b;
                for (int r = 0; r < b; r++) {
                    firstLogits[batch.index[r]] = java.util.Arrays.copyOfRange(flat, r * vocab, (r + 1) * vocab);
                }
            }
            for (NDArray a : new NDArray[] {best, logits, last, x}) {
                a.close();
            }
            NDArray stacked = null;
            if (newestIn != null) {
                stacked = NDArrays.stack(new NDList(newestIn), 1);                       // (B, L, 1, dim)
                stacked.attach(manager);
                for (NDArray a : newestIn) {
                    a.close();
                }
            }
            int[] next = new int[b];
            for (int r = 0; r < b; r++) {
                next[r] = firstToken[batch.index[r]];
            }
            return new RowBatch(manager, batch, cache, stacked, next);
        }
    }

    /** Whether every row's manipulation touches every previous token of its prompt (freeze's fast path). */
    private static boolean coversAllPrevious(RowBatch.Rows batch) {
        for (SweepEngine.Job j : batch.jobs) {
            int t = j.prompt().length;
            for (int pos = 0; pos < t - 1; pos++) {
                if (!j.manipulation().touches(pos, t - 1)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The rows' clean layer inputs on the batch's columns: each prompt's trace is left-padded once per layer
     * and shared by the rows of that prompt.
     */
    private static final class Clean {
        private final RowBatch.Rows batch;
        private final NDManager manager;
        private final NDManager work;
        private final Map<Forward.Trace, Map<Integer, NDArray>> padded = new IdentityHashMap<>();

        Clean(RowBatch.Rows batch, NDManager manager, NDManager work) {
            this.batch = batch;
            this.manager = manager;
            this.work = work;
        }

        /**
         * (B, to - from, dim): columns [from, to) of each row's clean input of layer {@code layer}, or of layer
         * {@code perRow[b]} for row b when {@code perRow} is given. Attached to the caller's scope-free work
         * manager; the caller closes it when done.
         */
        NDArray rows(int layer, int from, int to, int[] perRow) {
            NDList parts = new NDList();
            for (int r = 0; r < batch.size(); r++) {
                parts.add(padded(batch.jobs.get(r).clean(), perRow == null ? layer : perRow[r]));
            }
            NDArray all = parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts, 0);   // (B, width, dim)
            NDArray out = all.get(":, {}:{}", from, to).duplicate();
            if (all != parts.get(0)) {
                all.close();
            }
            out.attach(manager);
            return out;
        }

        /** (1, width, dim): the trace's input of layer l with pad zero columns in front. */
        private NDArray padded(Forward.Trace trace, int l) {
            return padded.computeIfAbsent(trace, t -> new java.util.HashMap<>()).computeIfAbsent(l, layer -> {
                NDArray h = trace.layerInputs()[layer];                                  // (1, T, dim)
                int before = batch.width - (int) h.getShape().get(1);
                NDArray out = before == 0 ? h.duplicate() : NDArrays.concat(new NDList(
                        work.zeros(new Shape(1, before, h.getShape().get(2)), h.getDataType()), h), 1);
                out.attach(work);
                return out;
            });
        }
    }
}
