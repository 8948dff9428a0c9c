package attendfirst.model;

import static attendfirst.LogitsAssert.assertThatLogits;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import attendfirst.io.RealModels;
import attendfirst.io.gguf.GgufFile;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gemma 3's switches as read from each format, against values written by transformers (config.json and
 * golden/gemma3-270m.json), and the final-logit soft-cap against tools/golden_softcap.py.
 */
class GemmaConfigTest {
    static final Path TINY = TinyModelParityTest.TINY;

    @Test
    void tinyGemmaGgufGivesTheSameSwitchesAsItsHfConfig() {
        // GIVEN the same tiny model as config.json and as GGUF metadata (sliding_window_pattern, freq_base_swa)
        ModelConfig hf = ConfigReader.fromHfConfig(TINY.resolve("tiny-gemma3/config.json"));
        ModelConfig gguf;
        // WHEN both are read
        try (GgufFile g = GgufFile.open(TINY.resolve("tiny-gemma3.gguf"))) {
            gguf = ConfigReader.fromGguf(g);
        }
        // THEN layer types, RoPE bases, window and scales are those of config.json
        for (ModelConfig c : new ModelConfig[] {hf, gguf}) {
            assertThat(c.slidingLayers()).as("layer_types of config.json").containsExactly(true, true, true, false);
            assertThat(c.ropeTheta()).as("full_attention rope_theta").isEqualTo(1e6);
            assertThat(c.ropeThetaLocal()).as("sliding_attention rope_theta").isEqualTo(1e4);
            assertThat(c.slidingWindow()).isEqualTo(4);
            assertThat(c.queryScale()).as("query_pre_attn_scalar 32").isEqualTo((float) (1 / Math.sqrt(32)));
            assertThat(c.embeddingScale()).as("embed_scale of the reference").isEqualTo(8f);
            assertThat(c.finalSoftcap()).isZero();
        }
    }

    @Test
    void realGemmaGgufWithoutPatternKeyGetsTransformersLayerTypesAndScale() throws IOException {
        // GIVEN the 270M GGUF, which has no sliding_window_pattern or freq_base_swa key
        Path file = RealModels.require(RealModels.GEMMA3);
        JsonObject golden = JsonParser.parseString(
                Files.readString(GoldenModels.GOLDEN.resolve("gemma3-270m.json"))).getAsJsonObject().getAsJsonObject("config");
        // WHEN its config is read
        ModelConfig c;
        try (GgufFile g = GgufFile.open(file)) {
            c = ConfigReader.fromGguf(g);
        }
        // THEN the defaults reproduce what transformers used
        boolean[] expected = new boolean[c.nLayers()];
        int l = 0;
        for (JsonElement t : golden.getAsJsonArray("layer_types")) {
            expected[l++] = t.getAsString().equals("sliding_attention");
        }
        assertThat(l).isEqualTo(c.nLayers());
        assertThat(c.slidingLayers()).containsExactly(expected);
        assertThat(c.slidingWindow()).isEqualTo(golden.get("sliding_window").getAsInt());
        assertThat(c.ropeThetaLocal()).isEqualTo(golden.get("rope_local_base_freq_sliding_attention").getAsDouble());
        assertThat(c.ropeTheta()).isEqualTo(golden.get("rope_theta_full_attention").getAsDouble());
        assertThat(c.embeddingScale()).isEqualTo(golden.get("embed_scale").getAsFloat());
        assertThat(c.queryScale()).isEqualTo((float) (1 / Math.sqrt(golden.get("query_pre_attn_scalar").getAsDouble())));
    }

    @Test
    void finalLogitSoftcapIsAppliedAndAttentionSoftcapIgnoredLikeTransformers(@TempDir Path dir) throws IOException {
        // GIVEN tiny-gemma3 with both soft-capping fields set, as in tools/golden_softcap.py
        JsonObject ref = JsonParser.parseString(
                Files.readString(TINY.resolve("tiny-gemma3-softcap-reference.json"))).getAsJsonObject();
        JsonObject config = JsonParser.parseString(
                Files.readString(TINY.resolve("tiny-gemma3/config.json"))).getAsJsonObject();
        config.add("attn_logit_softcapping", ref.get("attn_logit_softcapping"));
        config.add("final_logit_softcapping", ref.get("final_logit_softcapping"));
        Files.writeString(dir.resolve("config.json"), config.toString());
        Files.copy(TINY.resolve("tiny-gemma3/model.safetensors"), dir.resolve("model.safetensors"));
        int[] tokens = TinyModelParityTest.ints(ref.getAsJsonArray("token_ids"));
        try (DecoderModel model = TestModels.fromHfDirectory(dir)) {
            // WHEN all positions are run
            float[] logits;
            try (Forward.Trace trace = new Forward(model).forward(tokens, true, tokens.length)) {
                logits = model.logits(trace.layerInputs()[model.config().nLayers()]).toFloatArray();
            }
            // THEN the logits are transformers' capped ones
            assertThatLogits(logits).as("logits with soft-capping")
                    .isCloseTo(ref.getAsJsonArray("logits"), within(TinyModelParityTest.ABS_TOLERANCE));
            float cap = ref.get("final_logit_softcapping").getAsFloat();
            for (float z : logits) {
                assertThat(Math.abs(z)).isLessThan(cap);
            }
        }
    }
}
