package attendfirst.sweep;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import attendfirst.intervention.Manipulation;
import attendfirst.model.DecoderModel;
import attendfirst.model.Forward;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The reference semantics of the manipulations, as the authors' code runs them: every generation
 * step recomputes the whole sequence from the embeddings with the manipulation applied inside the
 * layer loop, batch 1, no reuse of anything. Slow by design; the sweep engine is tested against it.
 */
public final class NaiveRunner {
    private final DecoderModel model;

    public NaiveRunner(DecoderModel model) {
        this.model = model;
    }

    /**
     * One full pass over {@code tokens} (the last one is the newest).
     *
     * @param before l -> (T, dim) layer-l input before the manipulation acted on it, or null
     * @param after  l -> (T, dim) layer-l input the layer actually received, or null
     */
    public record Pass(float[] lastLogits, float[][][] before, float[][][] after) {
    }

    public Pass forward(int[] tokens, Manipulation m, boolean record) {
        int nLayers = model.config().nLayers();
        int dim = model.config().dim();
        int n = tokens.length;
        int newest = n - 1;
        float[][][] before = record ? new float[nLayers][][] : null;
        float[][][] after = record ? new float[nLayers][][] : null;
        List<Manipulation> row = List.of(m);
        int[] skipFrom = {m.skipsAttentionAt(nLayers - 1) ? m.layer() : nLayers};
        try (NDManager mm = model.manager().newSubManager();
             DecoderModel.Columns columns = model.columns(1, 0, n, 0, null, skipFrom[0] < nLayers ? skipFrom : null)) {
            NDArray h = model.embed(mm.create(tokens, new Shape(1, n)));
            var cache = model.newCache(mm, 1, n);
            NDArray frozen = null; // (1, n, dim) the layer k-1 input: what freeze gives previous tokens from k on
            for (int l = 0; l < nLayers; l++) {
                if (record) {
                    before[l] = rows(h, n, dim);
                }
                if (m.type().demotion() == Manipulation.Demotion.FROZEN && l == m.layer() - 1) {
                    frozen = h.duplicate();
                }
                h = Rewrites.apply(row, l, h, 0, null, newest, frozen);
                if (record) {
                    after[l] = rows(h, n, dim);
                }
                h = model.layer(l, h, cache, columns);
            }
            NDArray logits = model.logits(h.get(":, -1:"));
            return new Pass(logits.toFloatArray(), before, after);
        }
    }

    /** Greedy generation, recomputing the full sequence at every step (the paper's way). */
    public RunResult generate(int[] prompt, Manipulation m, Generation gen) {
        if (m.firstChangedPosition() >= prompt.length - 1) {
            throw new IllegalArgumentException(m.kind() + " position " + m.firstChangedPosition()
                    + " must be a previous token of a " + prompt.length + "-token prompt");
        }
        List<Integer> generated = new ArrayList<>();
        int[] seq = prompt.clone();
        float[] first = null;
        for (int step = 0; step < gen.maxNewTokens(); step++) {
            Pass pass = forward(seq, m, false);
            if (first == null) {
                first = pass.lastLogits();
            }
            int next = Forward.argmax(pass.lastLogits());
            generated.add(next);
            int[] ids = generated.stream().mapToInt(Integer::intValue).toArray();
            if (gen.stop().test(ids)) {
                break;
            }
            seq = Arrays.copyOf(seq, seq.length + 1);
            seq[seq.length - 1] = next;
        }
        return new RunResult(m, first, generated.stream().mapToInt(Integer::intValue).toArray());
    }

    private static float[][] rows(NDArray h, int n, int dim) {
        float[] flat = h.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            out[i] = Arrays.copyOfRange(flat, i * dim, (i + 1) * dim);
        }
        return out;
    }
}
