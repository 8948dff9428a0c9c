package attendfirst.model;

import static attendfirst.LogitsAssert.assertThatLogits;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import attendfirst.LogitsAssert;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The forward pass against HF transformers on the random-weight tiny models of tools/golden_tiny.py:
 * every checkpoint copy (safetensors, sharded safetensors, GGUF with llama.cpp's Q/K permutation, Gemma 3
 * GGUF with 1 + w norms) must give transformers' logits at every position, every layer input and the
 * greedy continuation. Sequence 1 (12 tokens) is longer than tiny-gemma3's sliding window of 4, so the
 * window mask and the per-layer-type RoPE bases are exercised. tiny-qwen2 and tiny-llama3rope
 * (tools/qwen2_tiny.py) check Qwen2's q/k/v biases and Llama 3.x's scaled rotary frequencies; the script
 * checks that dropping either moves transformers' logits by more than 1, far above the tolerance.
 */
class TinyModelParityTest {
    /** Project's choice: float32 against float32 differs by summation order only, ~1e-6 here. */
    static final double ABS_TOLERANCE = 1e-4;
    static final Path TINY = Path.of("src/test/resources/tiny");

    static Stream<Arguments> checkpoints() {
        return Stream.of(
                checkpoint("tiny-llama safetensors", "tiny-llama", () -> TestModels.fromHfDirectory(TINY.resolve("tiny-llama"))),
                checkpoint("tiny-llama sharded safetensors", "tiny-llama",
                        () -> TestModels.fromHfDirectory(TINY.resolve("tiny-llama-sharded"))),
                checkpoint("tiny-llama GGUF (permuted Q/K)", "tiny-llama",
                        () -> TestModels.fromGguf(TINY.resolve("tiny-llama.gguf"))),
                checkpoint("tiny-gemma3 safetensors (norms hold w)", "tiny-gemma3",
                        () -> TestModels.fromHfDirectory(TINY.resolve("tiny-gemma3"))),
                checkpoint("tiny-gemma3 GGUF (norms hold 1 + w)", "tiny-gemma3",
                        () -> TestModels.fromGguf(TINY.resolve("tiny-gemma3.gguf"))),
                // issue 21 (tools/qwen2_tiny.py): Qwen2's q/k/v biases, and Llama 3.x scaled RoPE
                checkpoint("tiny-qwen2 safetensors (q/k/v biases, untied output)", "tiny-qwen2",
                        () -> TestModels.fromHfDirectory(TINY.resolve("tiny-qwen2"))),
                checkpoint("tiny-llama3rope safetensors (rope_scaling llama3)", "tiny-llama3rope",
                        () -> TestModels.fromHfDirectory(TINY.resolve("tiny-llama3rope"))));
    }

    private static Arguments checkpoint(String name, String reference, Supplier<DecoderModel> load) {
        return Arguments.argumentSet(name, reference, load);
    }

    @ParameterizedTest
    @MethodSource("checkpoints")
    void everyLayerInputAndEveryLogitMatchTransformers(String reference, Supplier<DecoderModel> load) throws IOException {
        // GIVEN the model and transformers' outputs for two sequences
        JsonObject ref = reference(reference);
        try (DecoderModel model = load.get()) {
            int nLayers = model.config().nLayers();
            for (var seqElement : ref.getAsJsonArray("sequences")) {
                JsonObject seq = seqElement.getAsJsonObject();
                int[] tokens = ints(seq.getAsJsonArray("token_ids"));
                // WHEN the clean forward runs with recorded layer inputs
                try (Forward.Trace trace = new Forward(model).forward(tokens, true, tokens.length)) {
                    NDArray[] inputs = trace.layerInputs();
                    // THEN each layer input and the logits of all positions match
                    JsonArray refInputs = seq.getAsJsonArray("layer_inputs");
                    assertThat(refInputs.size()).isEqualTo(nLayers);
                    double worstInput = 0;
                    for (int l = 0; l < nLayers; l++) {
                        float[] input = inputs[l].toFloatArray();
                        double[] expected = LogitsAssert.flatten(refInputs.get(l).getAsJsonArray());
                        worstInput = Math.max(worstInput, LogitsAssert.maxAbsDiff(input, expected));
                        assertThatLogits(input).as("%s, %d tokens: layer %d input (bound: the project's choice)",
                                reference, tokens.length, l).isCloseTo(expected, within(ABS_TOLERANCE));
                    }
                    float[] logits = model.logits(inputs[nLayers]).toFloatArray();
                    double[] expected = LogitsAssert.flatten(seq.getAsJsonArray("logits"));
                    System.out.printf("%s T=%d max|layer input diff|=%.3g max|logit diff|=%.3g%n", reference,
                            tokens.length, worstInput, LogitsAssert.maxAbsDiff(logits, expected));
                    assertThatLogits(logits).as("%s, %d tokens: the logits at all positions", reference, tokens.length)
                            .isCloseTo(expected, within(ABS_TOLERANCE));
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("checkpoints")
    void greedyContinuationWithKvCacheMatchesTransformers(String reference, Supplier<DecoderModel> load)
            throws IOException {
        // GIVEN sequence 0 and transformers' 10 greedy tokens (full recomputation there, KV cache here)
        JsonObject seq = reference(reference).getAsJsonArray("sequences").get(0).getAsJsonObject();
        int[] expected = ints(seq.getAsJsonArray("greedy_ids"));
        try (DecoderModel model = load.get()) {
            // WHEN generating greedily
            int[] actual = new Forward(model).greedy(ints(seq.getAsJsonArray("token_ids")), expected.length, t -> false);
            // THEN the same ids come out
            assertThat(actual).as("%s greedy ids", reference).containsExactly(expected);
        }
    }

    static JsonObject reference(String model) throws IOException {
        return JsonParser.parseString(Files.readString(TINY.resolve(model + "-reference.json"))).getAsJsonObject();
    }

    static int[] ints(JsonArray a) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).getAsInt();
        }
        return out;
    }

}
