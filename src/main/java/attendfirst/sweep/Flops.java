package attendfirst.sweep;

import attendfirst.intervention.Manipulation.Demotion;
import attendfirst.intervention.Manipulation.PreviousTokens;
import attendfirst.model.ModelConfig;

import java.util.concurrent.atomic.LongAdder;

/**
 * Floating-point operations of a sweep (a multiply-add counts 2), counted from the matrix products the engine
 * asks for: the projections (q, k, v, o), the MLP, attention (q k^T and the weighted sum of values) and the LM
 * head. Elementwise work (norms, rotary, softmax) is left out: it is a few percent of a layer's products.
 *
 * <p>{@link #computed} is what the engine ran (padding, rows riding along after they stopped, the demoted token
 * recomputed at layers below k, rows recomputed from the smallest k of their batch); {@link #minimal} is what a
 * sweep needs at the least: the clean pass once per prompt, then per run only layers >= k, only changed columns,
 * no padding, and each row stopping at its own last token.
 */
public final class Flops {
    private final ModelConfig c;
    private final LongAdder computed = new LongAdder();
    private final LongAdder minimal = new LongAdder();

    public Flops(ModelConfig config) {
        this.c = config;
    }

    /** Per token and layer: the q, k, v, o projections and the gated MLP. */
    long fullToken() {
        long proj = (long) c.dim() * (c.qDim() + 2L * c.kvDim()) + (long) c.qDim() * c.dim();
        long mlp = 3L * c.dim() * c.hiddenDim();
        return 2 * (proj + mlp);
    }

    /** Per token and layer whose keys and values only are needed (freeze's previous tokens). */
    long keyValueToken() { return 2L * c.dim() * 2L * c.kvDim(); }

    /** Attention of one query over {@code length} keys, all heads: q k^T and the weighted values. */
    long attention(long length) { return 2L * 2L * c.nHeads() * c.headSize() * length; }

    long head() { return 2L * c.dim() * c.vocabSize(); }

    /** One layer call on B rows of n columns, nq of which produce output, attending over {@code length} columns. */
    void layer(int b, int n, int nq, int length) {
        long perRow = (long) n * keyValueToken() + (long) nq * (fullToken() - keyValueToken()) + nq * attention(length);
        computed.add(b * perRow);
    }

    void logits(int b) { computed.add(b * head()); }

    /** A clean pass over a prompt of {@code t} tokens (needed once per prompt). */
    void cleanPass(int t) {
        long f = 0;
        for (int i = 1; i <= t; i++) {
            f += (long) c.nLayers() * (fullToken() + attention(i));
        }
        f += head();
        computed.add(f);
        minimal.add(f);
    }

    /** Per token and layer whose attention is skipped: the MLP only. */
    long mlpToken() { return 2L * 3L * c.dim() * c.hiddenDim(); }

    /**
     * What one run needs at the least: a prompt of t tokens whose layers >= k change from position p on, then per
     * generated token after the first the new token at every layer plus the demoted one at layers >= k.
     * <ul>
     *   <li>DEVELOP (random, shuffle, inject): columns p..t-1 at layers >= k; previous columns at the last layer
     *       only need keys/values (nothing reads their output);</li>
     *   <li>FIXED (freeze): previous columns keys/values only, the newest column in full;</li>
     *   <li>UNREAD (skip-attention): the newest column only, its MLP only from k on.</li>
     * </ul>
     */
    void minimalRun(int t, int k, int p, Demotion demotion, PreviousTokens previous, int generated) {
        int layers = Math.max(c.nLayers() - k, 0);
        long f = 0;
        if (layers > 0) {
            switch (previous) {
                case FIXED -> f += (long) layers * ((t - 1L) * keyValueToken() + fullToken() + attention(t));
                case UNREAD -> f += (long) layers * mlpToken();
                case DEVELOP -> {
                    for (int pos = p; pos < t - 1; pos++) {
                        f += (long) (layers - 1) * (fullToken() + attention(pos + 1)) + keyValueToken();
                    }
                    f += (long) layers * (fullToken() + attention(t));
                }
            }
        }
        f += head();
        for (int g = 1; g < generated; g++) {
            long length = t + g;
            int below = c.nLayers() - layers;
            f += (long) below * (fullToken() + attention(length)) + head();
            f += (long) layers * (previous == PreviousTokens.UNREAD ? mlpToken() : fullToken() + attention(length));
            if (demotion == Demotion.RECOMPUTE && layers > 0) {
                f += (long) (layers - 1) * (fullToken() + attention(length - 1)) + keyValueToken();
            } else if (demotion == Demotion.FROZEN) {
                f += (long) layers * keyValueToken();
            }
        }
        minimal.add(f);
    }

    public long computed() { return computed.sum(); }

    public long minimal() { return minimal.sum(); }

    public void reset() {
        computed.reset();
        minimal.reset();
    }
}
