package attendfirst.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import attendfirst.fixture.ProductDtype;

/**
 * One projection of the forward pass, x (..., in) -> x W^T (..., out): q/k/v, o, gate/up, down and the output head
 * all multiply here, so this is the one place that decides the dtype of the products.
 *
 * <ul>
 *   <li>{@link ProductDtype#FLOAT32}: {@code x.matMul(weightT)} in the compute dtype, exactly the forward pass
 *       before this class existed (the reference every parity test runs).</li>
 *   <li>{@link ProductDtype#BFLOAT16}: the weight was cast to bfloat16 once at load; each product casts x to
 *       bfloat16, multiplies and returns float32, in one call of the helper module ({@link Bfloat16Products}).</li>
 * </ul>
 *
 * <p>No leak: a bfloat16 weight is private to this class and never returned (DJL reads it as dtype UNKNOWN and
 * would end the JVM if asked for its data); {@link #toFloat32} is the only way to read it, widened exactly to
 * float32. {@link #apply} refuses a helper module whose product did not come back as float32.
 */
public final class Projection {
    private final NDArray weightT;          // (in, out): compute dtype, or bfloat16 (never handed out)
    private final ProductDtype products;
    private final Bfloat16Products helper;  // bfloat16 products only

    private Projection(NDArray weightT, ProductDtype products, Bfloat16Products helper) {
        this.weightT = weightT;
        this.products = products;
        this.helper = helper;
    }

    /** Plain products in the compute dtype of {@code weightT} (in, out). */
    public static Projection plain(NDArray weightT) {
        return new Projection(weightT, ProductDtype.FLOAT32, null);
    }

    /**
     * bfloat16 products with {@code weightT} (in, out), a float32 array that is cast here and then closed (unless
     * {@code keepSource}: a tied output head is a view of the embedding table, which stays).
     */
    public static Projection bfloat16(NDArray weightT, Bfloat16Products helper, boolean keepSource) {
        NDArray cast = helper.cast(weightT); // bfloat16 (float32 holding bfloat16 values when rounded in float32)
        cast.attach(weightT.getManager());
        if (!keepSource) {
            weightT.close();
        }
        return new Projection(cast, ProductDtype.BFLOAT16, helper);
    }

    /** x (..., in) -> (..., out), in x's dtype. */
    public NDArray apply(NDArray x) {
        if (helper == null) {
            return x.matMul(weightT);
        }
        NDArray out = helper.linear(x, weightT);
        if (out.getDataType() != DataType.FLOAT32) {
            out.close();
            throw new IllegalStateException("the bfloat16 helper module returned a product of dtype "
                    + out.getDataType() + " instead of float32: it does not match tools/bfloat16_helper.py");
        }
        return out;
    }

    /** (in, out). */
    public Shape shape() { return weightT.getShape(); }

    public ProductDtype products() { return products; }

    /**
     * The weight as float32 (in, out): a bfloat16 weight widened exactly, a float32 one as a copy; the caller closes
     * it. The only way to read a projection's values.
     */
    public NDArray toFloat32() {
        return weightT.toType(DataType.FLOAT32, true);
    }

    /** Bytes of the weight as held: 2 per element in bfloat16, else the compute dtype's. */
    public long bytes() {
        long elements = weightT.getShape().size();
        return helper != null && !helper.isRoundedInFloat32() ? 2 * elements
                : elements * weightT.getDataType().getNumOfBytes();
    }
}
