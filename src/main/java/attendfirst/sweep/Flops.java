package attendfirst.sweep;

import attendfirst.intervention.Manipulation.Demotion;
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

    /**
     * What one run needs at the least: a prompt of t tokens whose layers >= k change from position p on
     * (everything from p for RECOMPUTE and NONE rows, only the newest for FROZEN rows), then per generated token
     * after the first the new token at every layer plus the demoted one at layers >= k.
     */
    void minimalRun(int t, int k, int p, Demotion demotion, int generated) {
        int layers = Math.max(c.nLayers() - k, 0);
        long f = 0;
        if (demotion == Demotion.FROZEN) {
            f += (long) layers * ((t - 1L) * keyValueToken() + fullToken() + attention(t));
        } else {
            for (int pos = p; pos < t; pos++) {
                f += (long) layers * (fullToken() + attention(pos + 1));
            }
        }
        f += head();
        for (int g = 1; g < generated; g++) {
            long length = t + g;
            f += (long) c.nLayers() * (fullToken() + attention(length)) + head();
            if (demotion == Demotion.RECOMPUTE) {
                f += (long) layers * (fullToken() + attention(length - 1));
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
