package attendfirst.precision;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import attendfirst.model.DecoderModel;
import attendfirst.model.KvCache;

/**
 * Overflow detection without a host synchronisation per layer. The hot path checks only what it already pulls to
 * the host, the logits ({@link #allFinite(float[])}) or one device-side reduction of a result
 * ({@link #allFinite(NDArray)}): inf/nan propagate through every later layer, the norm and the LM head, so a
 * non-finite activation anywhere shows there. Only then is the clean forward of the same tokens re-run layer by
 * layer ({@link #locate}), checking each output, to name the first bad layer and position.
 */
public final class OverflowCheck {
    private OverflowCheck() {
    }

    /** True when every value is finite: one reduction on the device, one boolean to the host. */
    public static boolean allFinite(NDArray a) {
        try (NDManager scope = a.getManager().newSubManager()) {
            NDArray x = a.toType(DataType.FLOAT32, false);   // a itself when a is float32: not ours to close
            if (x != a) {
                x.attach(scope);
            }
            NDArray[] parts = {x.isNaN(), x.isInfinite(), null, null};
            parts[2] = parts[0].logicalOr(parts[1]);
            parts[3] = parts[2].any();
            for (NDArray p : parts) {
                p.attach(scope);
            }
            return !parts[3].getBoolean();
        }
    }

    /** Host-side check of logits already pulled for scoring. */
    public static boolean allFinite(float[] values) {
        for (float v : values) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Checks {@code lastLogits} of a forward of {@code tokens}; when any is inf/nan, re-runs the clean forward
     * layer by layer and throws naming the first layer whose output is not finite.
     */
    public static void requireFinite(String modelName, DecoderModel model, int[] tokens, float[] lastLogits) {
        if (!allFinite(lastLogits)) {
            throw locate(modelName, model, tokens);
        }
    }

    /**
     * The clean forward of {@code tokens} (batch 1), every layer output checked: the exception naming the first
     * non-finite layer and position, or layer -1 when all layers are finite (the LM head overflowed).
     */
    public static NonFiniteActivationException locate(String modelName, DecoderModel model, int[] tokens) {
        String dtype = dtypeName(model);
        try (NDManager m = model.manager().newSubManager()) {
            NDArray h = model.embed(m.create(tokens, new Shape(1, tokens.length))); // (1, T, dim)
            int bad = firstNonFinitePosition(h);
            if (bad >= 0) {
                return new NonFiniteActivationException(modelName, 0, bad, dtype,
                        "the embedding (input of layer 0) already holds inf/nan: the weights are not finite in " + dtype);
            }
            KvCache cache = model.newCache(m, 1, tokens.length);
            try (DecoderModel.Columns columns = model.columns(1, 0, tokens.length)) {
            for (int l = 0; l < model.config().nLayers(); l++) {
                NDArray next = model.layer(l, h, cache, columns);          // (1, T, dim)
                h.close();
                h = next;
                bad = firstNonFinitePosition(h);
                if (bad >= 0) {
                    float maxAbs = maxAbsFinite(h);
                    return new NonFiniteActivationException(modelName, l, bad, dtype, "largest finite |value| in "
                            + "that output " + maxAbs + (model.dtype() == DataType.FLOAT16
                            ? " (float16 holds at most 65504: run this model in float32, or on a bfloat16-capable "
                            + "engine)" : ""));
                }
            }
            }
            return new NonFiniteActivationException(modelName, -1, -1, dtype,
                    "the final norm or the LM head produced them");
        }
    }

    /** (1, T, dim) -> first position holding inf/nan, or -1. */
    private static int firstNonFinitePosition(NDArray h) {
        return firstNonFinite(h, h.getShape().get(2));
    }

    /**
     * The first run of {@code per} consecutive values (a position's hidden state, a row's logits) holding inf/nan,
     * or -1; on the host, for the rare path after a device-side check failed.
     */
    static int firstNonFinite(NDArray a, long per) {
        float[] v = a.toType(DataType.FLOAT32, false).toFloatArray();
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(v[i])) {
                return (int) (i / per);
            }
        }
        return -1;
    }

    /** The compute dtype as messages name it ("float16"). */
    static String dtypeName(DecoderModel model) {
        return model.dtype().toString().toLowerCase(java.util.Locale.ROOT);
    }

    private static float maxAbsFinite(NDArray h) {
        float best = 0;
        for (float v : h.toType(DataType.FLOAT32, false).toFloatArray()) {
            if (Float.isFinite(v)) {
                best = Math.max(best, Math.abs(v));
            }
        }
        return best;
    }
}
