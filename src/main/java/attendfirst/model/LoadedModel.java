package attendfirst.model;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import attendfirst.fixture.ModelFixture;
import attendfirst.fixture.ProductDtype;
import attendfirst.tokenizer.Tokenizer;

import java.util.Map;

/**
 * A model ready to run: its fixture, the forward pass, the tokenizer, and what was actually loaded
 * (file hashes, device, dtype) for the report's environment.
 */
public record LoadedModel(ModelFixture fixture, DecoderModel model, Tokenizer tokenizer,
                          Map<String, String> fileSha256, Device device, DataType dtype) implements AutoCloseable {

    public String name() { return fixture.name(); }

    public ModelConfig config() { return model.config(); }

    /** The dtype the projections multiply in (float32, or bfloat16 with float32 everywhere else). */
    public ProductDtype products() { return model.products(); }

    /** "float32", or "float32, bfloat16 products": what the summary, the report and --plan print. */
    public String precision() { return precision(dtype, products()); }

    /** The text of {@link #precision()} for a compute dtype and products. */
    public static String precision(DataType dtype, ProductDtype products) {
        String d = dtype.toString().toLowerCase(java.util.Locale.ROOT);
        return products == ProductDtype.FLOAT32 ? d : d + ", " + products.id() + " products";
    }

    @Override
    public void close() { model.close(); }
}
