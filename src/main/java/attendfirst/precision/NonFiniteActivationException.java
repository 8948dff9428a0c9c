package attendfirst.precision;

/**
 * A forward pass produced inf or nan: in float16 an activation passed 65504. Names the model, the first decoder
 * layer whose output is not finite (-1 when the layers were all finite and only the logits were not), the first
 * such position and the compute dtype, so that a GPU run says where it broke instead of scoring garbage.
 */
public final class NonFiniteActivationException extends ArithmeticException {
    private final String model;
    private final int layer;
    private final int position;

    public NonFiniteActivationException(String model, int layer, int position, String dtype, String detail) {
        super("model " + model + " (" + dtype + "): " + (layer >= 0
                ? "output of decoder layer " + layer + " is not finite (inf/nan) at position " + position
                : "logits are not finite but every layer output is") + "; " + detail);
        this.model = model;
        this.layer = layer;
        this.position = position;
    }

    public String model() { return model; }

    /** First decoder layer (0-based) whose output holds inf/nan; -1 when only the logits did. */
    public int layer() { return layer; }

    /** First position (0-based) of that layer's output holding inf/nan; -1 with {@code layer == -1}. */
    public int position() { return position; }
}
