package attendfirst.model;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import attendfirst.fixture.ModelFixture;
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

    @Override
    public void close() { model.close(); }
}
