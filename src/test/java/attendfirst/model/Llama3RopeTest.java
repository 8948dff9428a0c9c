package attendfirst.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import attendfirst.io.ModelFormatException;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Llama 3.x scaled RoPE (rope_scaling type "llama3"): the config is read in both spellings transformers uses,
 * the inverse frequencies equal transformers' on tiny-llama3rope (tools/qwen2_tiny.py; the whole forward pass
 * is compared in {@link TinyModelParityTest}), and other scaled variants are still refused.
 */
class Llama3RopeTest {
    static final Path TINY = Path.of("src/test/resources/tiny");

    @Test
    void inverseFrequenciesEqualTransformers() throws IOException {
        // GIVEN transformers' inv_freq of the tiny model (head size 16: kept, smoothed and divided bands)
        JsonObject ref = JsonParser.parseString(Files.readString(TINY.resolve("tiny-llama3rope-reference.json")))
                .getAsJsonObject();
        JsonArray expected = ref.getAsJsonArray("inv_freq");
        ModelConfig config = ConfigReader.fromHfConfig(TINY.resolve("tiny-llama3rope/config.json"));
        // WHEN the model computes its frequencies
        float[] actual = DecoderModel.inverseFrequencies(config.ropeTheta(), config.headSize(), config.ropeScaling());
        float[] plain = DecoderModel.inverseFrequencies(config.ropeTheta(), config.headSize(), null);
        // THEN each agrees to float32 rounding, and the scaling did change some of them
        assertThat(config.ropeScaling()).isEqualTo(new ModelConfig.Llama3Rope(8.0, 1.0, 4.0, 64));
        assertThat(actual).hasSize(expected.size());
        int changed = 0;
        for (int i = 0; i < actual.length; i++) {
            double e = expected.get(i).getAsDouble();
            assertThat((double) actual[i]).as("inv_freq[%d]", i).isCloseTo(e, org.assertj.core.api.Assertions.within(
                    2.0 * Math.ulp((float) e)));
            changed += actual[i] != plain[i] ? 1 : 0;
        }
        assertThat(changed).as("frequencies moved by the scaling").isGreaterThanOrEqualTo(3);
    }

    @Test
    void transformers4RopeScalingIsReadAndOtherTypesRefused(@TempDir Path dir) throws IOException {
        // GIVEN a Llama 3.1-style config.json (transformers 4: rope_theta at top level, rope_scaling object)
        String base = "{\"model_type\":\"llama\",\"hidden_size\":64,\"intermediate_size\":96,\"num_hidden_layers\":2,"
                + "\"num_attention_heads\":4,\"num_key_value_heads\":2,\"vocab_size\":256,\"rms_norm_eps\":1e-5,"
                + "\"rope_theta\":500000.0,\"max_position_embeddings\":131072,";
        Path llama31 = dir.resolve("llama31.json");
        Files.writeString(llama31, base + "\"rope_scaling\":{\"factor\":8.0,\"low_freq_factor\":1.0,"
                + "\"high_freq_factor\":4.0,\"original_max_position_embeddings\":8192,\"rope_type\":\"llama3\"}}");
        Path yarn = dir.resolve("yarn.json");
        Files.writeString(yarn, base + "\"rope_scaling\":{\"factor\":4.0,\"rope_type\":\"yarn\"}}");
        Path incomplete = dir.resolve("incomplete.json");
        Files.writeString(incomplete, base + "\"rope_scaling\":{\"factor\":8.0,\"rope_type\":\"llama3\"}}");
        // WHEN / THEN
        ModelConfig c = ConfigReader.fromHfConfig(llama31);
        assertThat(c.ropeScaling()).isEqualTo(new ModelConfig.Llama3Rope(8.0, 1.0, 4.0, 8192));
        assertThat(c.ropeTheta()).isEqualTo(500000.0);
        assertThatThrownBy(() -> ConfigReader.fromHfConfig(yarn)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("yarn").hasMessageContaining("llama3");
        assertThatThrownBy(() -> ConfigReader.fromHfConfig(incomplete)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining("low_freq_factor");
    }
}
