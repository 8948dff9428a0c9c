package attendfirst.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import attendfirst.io.TensorSource;
import attendfirst.io.gguf.GgufFile;
import attendfirst.io.safetensors.Safetensors;

import java.nio.file.Path;

/**
 * Builds a float32 {@link DecoderModel} straight from a checkpoint, the way the model loader will once it
 * exists. The two per-format choices live here and nowhere else in the tests:
 * <ul>
 *   <li>GGUF Llama: Q/K rows are un-permuted (llama.cpp interleaves RoPE pairs); GGUF Gemma 3 is not.</li>
 *   <li>Gemma 3 norms: HF safetensors hold {@code w} (offset 1 is added), GGUF holds {@code 1 + w} (offset 0).</li>
 * </ul>
 */
final class TestModels {
    private TestModels() {
    }

    static DecoderModel fromGguf(Path file) {
        try (GgufFile g = GgufFile.open(file)) {
            ModelConfig c = ConfigReader.fromGguf(g);
            boolean llama = c.architecture().equals("llama");
            return build(g, c, TensorNames.GGUF, llama, 0f);
        }
    }

    static DecoderModel fromHfDirectory(Path dir) {
        return fromHfDirectory(dir, null);
    }

    /** With bfloat16 products through {@code bfloat16} (null: float32 products). */
    static DecoderModel fromHfDirectory(Path dir, Bfloat16Products bfloat16) {
        ModelConfig c = ConfigReader.fromHfConfig(dir.resolve("config.json"));
        try (TensorSource s = Safetensors.openDirectory(dir)) {
            return build(s, c, TensorNames.HF, false, c.architecture().equals("gemma3") ? 1f : 0f, bfloat16);
        }
    }

    private static DecoderModel build(TensorSource source, ModelConfig c, TensorNames names, boolean unpermute,
                                      float normOffset) {
        return build(source, c, names, unpermute, normOffset, null);
    }

    private static DecoderModel build(TensorSource source, ModelConfig c, TensorNames names, boolean unpermute,
                                      float normOffset, Bfloat16Products bfloat16) {
        NDManager m = NDManager.newBaseManager();
        try {
            ModelWeights w = new WeightLoader(source, c, names, m, DataType.FLOAT32, unpermute, normOffset, bfloat16)
                    .load();
            return new DecoderModel(c, w, m, DataType.FLOAT32);
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }
}
