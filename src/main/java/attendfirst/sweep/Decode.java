package attendfirst.sweep;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import attendfirst.intervention.Manipulation;
import attendfirst.intervention.Manipulation.Demotion;
import attendfirst.model.DecoderModel;
import attendfirst.precision.OverflowGuard;

import java.util.Arrays;

/**
 * Greedy decoding of a prefilled {@link RowBatch}: one column per step for all rows, each step in its own
 * sub-manager (nothing of a step outlives it but the cache entries and the newest inputs). Rows leave the
 * batch once they stop.
 *
 * <p>Generation follows the paper: every token already in the sequence except the newest is a previous
 * token. With the cache, the token that stops being the newest is "demoted" at each step, as its
 * manipulation's {@link Demotion} says: RECOMPUTE rows recompute it from layer k (rewritten at k, then
 * developing), FROZEN rows give it its layer k-1 input at every layer from k (only its keys/values change),
 * NONE rows only run the new token.
 */
record Decode(DecoderModel model, Flops flops, OverflowGuard overflow) {
    /** Finished rows leave the batch once they are at least this share of it (leaving costs a cache copy). */
    static final int LEAVE_DIVISOR = 4;

    /** Runs {@code batch} to the end; {@code generated[index]} receives each row's tokens. */
    void run(RowBatch batch, int[][] generated) {
        int nLayers = batch.nLayers;
        int[][] tokens = new int[batch.size()][];   // (B) each row's tokens so far
        int[] count = new int[batch.size()];
        boolean[] finished = new boolean[batch.size()];
        for (int r = 0; r < batch.size(); r++) {
            tokens[r] = new int[batch.jobs.get(r).generation().maxNewTokens()];
        }
        int col = batch.width;  // the next free column
        while (true) {
            int active = 0;
            for (int r = 0; r < batch.size(); r++) {
                if (finished[r]) {
                    continue;  // rides along until enough rows have finished to be worth a cache copy
                }
                Generation gen = batch.jobs.get(r).generation();
                tokens[r][count[r]++] = batch.next[r];
                finished[r] = count[r] == gen.maxNewTokens() || gen.stop().test(Arrays.copyOf(tokens[r], count[r]));
                if (finished[r]) {
                    generated[batch.index[r]] = Arrays.copyOf(tokens[r], count[r]);
                } else {
                    active++;
                }
            }
            if (active == 0) {
                return;
            }
            int parked = batch.size() - active;
            if (parked > 0 && parked * LEAVE_DIVISOR >= batch.size()) {
                boolean[] keep = new boolean[finished.length];
                for (int r = 0; r < keep.length; r++) {
                    keep[r] = !finished[r];
                }
                tokens = RowBatch.select(tokens, keep);
                count = RowBatch.select(count, keep);
                finished = new boolean[active];
                batch.retain(keep);
            }
            step(batch, col, nLayers);
            col++;
        }
    }

    /** One decoding step: feeds {@code batch.next} at column {@code col}, leaves the greedy choices in it. */
    private void step(RowBatch batch, int col, int nLayers) {
        int b = batch.size();
        try (NDManager stepManager = batch.manager.newSubManager()) {
            NDArray e = model.embed(stepManager.create(batch.next, new Shape(b, 1)));      // (B, 1, dim)
            if (batch.demotion == Demotion.NONE) {
                try (DecoderModel.Columns columns = model.columns(b, col, 1, 0, batch.pad, batch.skipAttentionFrom)) {
                    for (int l = 0; l < nLayers; l++) {
                        e = model.layer(l, e, batch.cache, columns);
                        flops.layer(b, 1, 1, columns.length());
                    }
                }
            } else {
                boolean frozen = batch.demotion == Demotion.FROZEN;
                int kmin = batch.kmin();
                NDArray[] newest = new NDArray[nLayers];   // l -> (B, 1, dim) the new token's layer inputs
                NDArray carried = null;                     // (B, 1, dim) the demoted token's own output (RECOMPUTE)
                // below the batch's smallest k the demoted token's keys/values are those it got as the newest:
                // only the new token runs there; from kmin on both columns run, and the demoted one's output is
                // needed only where a next layer reads it (RECOMPUTE, not at the last layer)
                try (DecoderModel.Columns single = model.columns(b, col, 1, 0, batch.pad, null);
                     DecoderModel.Columns both = model.columns(b, col - 1, 2, frozen ? 1 : 0, batch.pad, null);
                     DecoderModel.Columns bothLast = model.columns(b, col - 1, 2, 1, batch.pad, null)) {
                    for (int l = 0; l < nLayers; l++) {
                        newest[l] = e;
                        if (l < kmin) {
                            e = model.layer(l, e, batch.cache, single);
                            flops.layer(b, 1, 1, single.length());
                            continue;
                        }
                        NDArray d = frozen ? frozenInput(batch, l, col, stepManager)
                                : recomputedInput(batch, l, col, carried, stepManager);       // (B, 1, dim)
                        DecoderModel.Columns columns = l == nLayers - 1 ? bothLast : both;
                        NDArray out = model.layer(l, NDArrays.concat(new NDList(d, e), 1), batch.cache, columns);
                        flops.layer(b, 2, columns.queries(), columns.length());
                        if (columns.queries() == 1) {
                            e = out;                                                        // (B, 1, dim)
                        } else {
                            carried = out.get(":, :1");
                            e = out.get(":, 1:");
                        }
                    }
                }
                NDArray stacked = NDArrays.stack(new NDList(newest), 1);                   // (B, L, 1, dim)
                stacked.attach(batch.manager);
                batch.newestIn.close();
                batch.newestIn = stacked;
            }
            // greedy choice on the device: only B token ids cross to the host, not B x vocab logits
            NDArray logits = model.logits(e);                                              // (B, 1, vocab) float32
            flops.logits(b);
            batch.requireFinite(overflow, logits);
            long[] best = logits.argMax(-1).toType(DataType.INT64, false).toLongArray();
            for (int r = 0; r < b; r++) {
                batch.next[r] = (int) best[r];
            }
        }
    }

    /**
     * FROZEN: the input of layer l of the column that just stopped being the newest (col - 1): its own
     * layer-l input below k, its layer k-1 input from k on (where the manipulation touches it).
     */
    private static NDArray frozenInput(RowBatch batch, int l, int col, NDManager scope) {
        int b = batch.size();
        int layers = batch.nLayers;
        long[] source = new long[b];   // row of the flattened (B * L, 1, dim) newestIn
        for (int r = 0; r < b; r++) {
            boolean frozen = l >= batch.k[r] && touches(batch, r, col);
            source[r] = (long) r * layers + (frozen ? batch.k[r] - 1 : l);
        }
        NDArray flat = batch.newestIn.reshape(-1, 1, batch.newestIn.getShape().get(3));
        NDArray out = flat.get(scope.create(source));
        out.attach(scope);
        flat.attach(scope);
        return out;
    }

    /**
     * RECOMPUTE: the input of layer l of the column that just stopped being the newest (col - 1), as a full
     * recomputation has it: unchanged below k, rewritten at k, its own development above k.
     */
    private static NDArray recomputedInput(RowBatch batch, int l, int col, NDArray carried, NDManager scope) {
        int b = batch.size();
        NDArray own = batch.newestIn.get(":, {}", l);                                      // (B, 1, dim)
        own.attach(scope);
        NDArray d = own;
        if (carried != null) {
            boolean[] useCarried = new boolean[b];
            boolean any = false;
            for (int r = 0; r < b; r++) {
                useCarried[r] = l > batch.k[r] && touches(batch, r, col);
                any |= useCarried[r];
            }
            if (any) {
                NDArray cond = scope.create(useCarried).reshape(b, 1, 1).broadcast(own.getShape());
                d = NDArrays.where(cond, carried, own);
                d.attach(scope);
            }
        }
        NDArray rewritten = Rewrites.apply(batch.manipulations(), l, d, col - 1, batch.pad, col, null);
        rewritten.attach(scope);
        return rewritten;
    }

    private static boolean touches(RowBatch batch, int r, int col) {
        Manipulation m = batch.jobs.get(r).manipulation();
        return m.touches(col - 1 - batch.pad[r], col - batch.pad[r]);
    }
}
