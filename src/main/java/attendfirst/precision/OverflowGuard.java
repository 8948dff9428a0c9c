package attendfirst.precision;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import attendfirst.model.DecoderModel;

import java.util.function.IntFunction;

/**
 * The overflow check of a sweep, on the logits each prefill and decoding step already computes. On in float16
 * (an activation past 65504 becomes inf, then nan, and a run would score garbage), off in float32 and float64,
 * where it would cost one device reduction and host synchronisation per step and buy nothing.
 *
 * <p>When a batch's logits are not finite, the first bad row is found on the host and its prompt's clean forward
 * is re-run layer by layer ({@link OverflowCheck#locate}) to name the first layer whose output overflows; when
 * the clean forward is finite, the exception names the manipulated run that overflowed instead.
 */
public final class OverflowGuard {
    private final String modelName;
    private final DecoderModel model;
    private final boolean enabled;

    private OverflowGuard(String modelName, DecoderModel model, boolean enabled) {
        this.modelName = modelName;
        this.model = model;
        this.enabled = enabled;
    }

    /** The guard for {@code model}'s compute dtype: checking in float16 only. */
    public static OverflowGuard of(String modelName, DecoderModel model) {
        return new OverflowGuard(modelName, model, needed(model.dtype()));
    }

    /** Whether a forward in {@code dtype} can overflow on real activations (float16: max 65504). */
    public static boolean needed(DataType dtype) {
        return dtype == DataType.FLOAT16;
    }

    public boolean enabled() { return enabled; }

    /**
     * Checks a batch's logits, (B, ..., vocab) with row r produced by a run on {@code prompt.apply(r)} described
     * by {@code run.apply(r)}; throws {@link NonFiniteActivationException} naming the model and the layer (or
     * the run) when any is inf/nan.
     */
    public void check(NDArray logits, IntFunction<int[]> prompt, IntFunction<String> run) {
        if (!enabled || OverflowCheck.allFinite(logits)) {
            return;
        }
        // (B, ..., vocab): row b's values are the b-th run of size / B
        int bad = Math.max(0, OverflowCheck.firstNonFinite(logits, logits.size() / logits.getShape().get(0)));
        NonFiniteActivationException clean = OverflowCheck.locate(modelName, model, prompt.apply(bad));
        if (clean.layer() >= 0) {
            throw clean;
        }
        throw new NonFiniteActivationException(modelName, -1, -1, OverflowCheck.dtypeName(model), "the clean forward of the "
                + prompt.apply(bad).length + "-token prompt is finite at every layer; the manipulated run "
                + run.apply(bad) + " overflowed (run this model in float32)");
    }
}
