package attendfirst.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.util.Arrays;
import java.util.function.Predicate;

/**
 * Unmanipulated inference on one sequence: a forward pass that can record the input of every
 * decoder layer and can start at any layer from given hidden states, and greedy generation with a
 * KV cache. The manipulated runs of the paper live in {@code attendfirst.sweep}; they use the same
 * {@link DecoderModel#layer} calls.
 */
public final class Forward {
    private final DecoderModel model;

    public Forward(DecoderModel model) {
        this.model = model;
    }

    /**
     * What a forward pass leaves behind, owned by its own manager (close it).
     *
     * @param lastLogits  (B, vocab) float32 logits of the last position
     * @param layerInputs l -> (B, T, dim) input of decoder layer l, l = 0..L-1, and [L] = the last layer's
     *                    output before the final norm; null unless recorded
     * @param cache       keys and values of all layers for positions [0, T)
     */
    public record Trace(NDManager manager, NDArray lastLogits, NDArray[] layerInputs, KvCache cache, int length)
            implements AutoCloseable {
        public float[] lastLogitsRow(int b) { return lastLogits.get(b).toFloatArray(); }

        @Override
        public void close() { manager.close(); }
    }

    /** Clean forward of {@code tokens} (batch 1). */
    public Trace forward(int[] tokens, boolean recordLayerInputs, int capacity) {
        NDManager m = model.manager().newSubManager();
        try {
            NDArray ids = m.create(tokens, new Shape(1, tokens.length));
            NDArray h = model.embed(ids);
            return runFrom(m, 0, h, model.newCache(m, 1, Math.max(capacity, tokens.length)), recordLayerInputs);
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    /**
     * Runs layers k..L-1 on {@code hidden} (B, T, dim), the input of layer k for positions [0, T),
     * with {@code cache} holding keys/values of layers below k (those layers are not run).
     */
    public Trace forwardFrom(int k, NDArray hidden, KvCache cache, boolean recordLayerInputs) {
        NDManager m = model.manager().newSubManager();
        try {
            NDArray h = hidden.duplicate();
            h.attach(m);
            return runFrom(m, k, h, cache, recordLayerInputs);
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    private Trace runFrom(NDManager m, int k, NDArray h, KvCache cache, boolean record) {
        int nLayers = model.config().nLayers();
        int length = (int) h.getShape().get(1);
        NDArray[] inputs = record ? new NDArray[nLayers + 1] : null;
        try (DecoderModel.Columns columns = model.columns((int) h.getShape().get(0), 0, length)) {
            for (int l = k; l < nLayers; l++) {
                if (record) {
                    inputs[l] = h;
                }
                NDArray next = model.layer(l, h, cache, columns);
                if (!record) {
                    h.close();
                }
                h = next;
            }
        }
        if (record) {
            inputs[nLayers] = h;
        }
        NDArray last = h.get(":, -1:");
        NDArray logits = model.logits(last);
        NDArray lastLogits = logits.reshape(logits.getShape().get(0), logits.getShape().get(2));
        return new Trace(m, lastLogits, inputs, cache, length);
    }

    /**
     * Greedy continuation of {@code prompt} with the KV cache: at most {@code maxNew} tokens, stopping
     * early once {@code stop} accepts the tokens generated so far.
     */
    public int[] greedy(int[] prompt, int maxNew, Predicate<int[]> stop) {
        int[] out = new int[maxNew];
        int n = 0;
        try (Trace trace = forward(prompt, false, prompt.length + maxNew)) {
            int next = argmax(trace.lastLogitsRow(0));
            int pos = prompt.length;
            while (true) {
                out[n++] = next;
                if (n == maxNew || stop.test(Arrays.copyOf(out, n))) {
                    break;
                }
                try (NDManager stepManager = trace.manager().newSubManager();
                     DecoderModel.Columns columns = model.columns(1, pos, 1)) {
                    NDArray h = model.embed(stepManager.create(new int[] {next}, new Shape(1, 1)));
                    for (int l = 0; l < model.config().nLayers(); l++) {
                        h = model.layer(l, h, trace.cache(), columns);
                    }
                    NDArray logits = model.logits(h);
                    next = argmax(logits.toType(DataType.FLOAT32, false).toFloatArray());
                }
                pos++;
            }
        }
        return Arrays.copyOf(out, n);
    }

    public static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
