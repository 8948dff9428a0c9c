package attendfirst.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import attendfirst.intervention.Manipulation;
import attendfirst.intervention.Noise;
import attendfirst.io.safetensors.Safetensors;
import attendfirst.io.TensorSource;
import attendfirst.model.ConfigReader;
import attendfirst.model.DecoderModel;
import attendfirst.model.Forward;
import attendfirst.model.ModelConfig;
import attendfirst.model.ModelWeights;
import attendfirst.model.TensorNames;
import attendfirst.model.WeightLoader;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The paper's five manipulations on the tiny random-weight Qwen2 replica (q/k/v biases, untied output) against
 * HF transformers with forward hooks (tools/qwen2_tiny.py): random(k) and shuffle(k) with the project's noise
 * generator re-implemented there, freeze, skip-attention and inject as tools/golden_hooks.py defines them, at
 * every layer k. The fast sweep engine's last-position logits must match all of them. Set-up shared with
 * ManipulationParityTest ({@link ManipulationGolden}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Qwen2ManipulationParityTest {
    static final Path TINY = Path.of("src/test/resources/tiny");
    /** float32 against float32 over 3 layers: summation order only (~1e-6); project's choice. */
    static final double ABS_TOLERANCE = 1e-4;

    private ManipulationGolden reference;
    private JsonObject golden;
    private DecoderModel model;
    private int[] prompt;

    @BeforeAll
    void load() throws IOException {
        Path dir = TINY.resolve("tiny-qwen2");
        ModelConfig config = ConfigReader.fromHfConfig(dir.resolve("config.json"));
        NDManager manager = NDManager.newBaseManager();
        try (TensorSource source = Safetensors.openDirectory(dir)) {
            ModelWeights weights = new WeightLoader(source, config, TensorNames.HF, manager, DataType.FLOAT32, false, 0f)
                    .load();
            model = new DecoderModel(config, weights, manager, DataType.FLOAT32);
        }
        reference = ManipulationGolden.of(TINY.resolve("tiny-qwen2-manipulations.json"), model);
        golden = reference.json();
        prompt = reference.ids("token_ids");
    }

    @AfterAll
    void close() {
        model.close();
    }

    Stream<Arguments> runs() {
        return reference.runs();
    }

    @Test
    void theReferenceDrewTheSameNoiseAsTheJavaGenerator() {
        // GIVEN the permutation and noise the Python re-implementation drew for layer 0, position 0
        JsonObject check = golden.getAsJsonObject("generator_check");
        long seed = golden.get("seed").getAsLong();
        float[] h;
        try (Forward.Trace clean = new Forward(model).forward(prompt, true, prompt.length)) {
            h = clean.layerInputs()[0].get(":, 0, :").toType(DataType.FLOAT32, false).toFloatArray();
        }
        // WHEN the Java generator draws them
        float[] noise = Noise.randomLike(h, seed, 0, 0, 0);
        float[] identity = new float[h.length];
        for (int i = 0; i < identity.length; i++) {
            identity[i] = i;
        }
        float[] permuted = Noise.shuffled(identity, seed, 0, 0, 0);
        // THEN they are the same draws
        int[] expectedPerm = ints(check.getAsJsonArray("permutation"));
        for (int i = 0; i < expectedPerm.length; i++) {
            assertThat((int) permuted[i]).as("permutation[%d]", i).isEqualTo(expectedPerm[i]);
        }
        JsonArray expectedNoise = check.getAsJsonArray("noise");
        for (int i = 0; i < noise.length; i++) {
            assertThat((double) noise[i]).as("noise[%d]", i)
                    .isCloseTo(expectedNoise.get(i).getAsDouble(), org.assertj.core.api.Assertions.within(1e-5));
        }
    }

    @ParameterizedTest
    @MethodSource("runs")
    void fastEngineMatchesTransformersWithHooks(JsonObject run) {
        // GIVEN the manipulation at layer k (inject: the source prompt's last layer-k input at the golden position)
        Manipulation m = reference.manipulation(run, golden.get("inject_position").getAsInt(), "source_token_ids",
                golden.get("inject_source_position").getAsInt(), golden.get("seed").getAsLong(),
                golden.get("example").getAsLong());
        String kind = m.kind();
        int k = run.get("k").getAsInt();
        // WHEN the sweep engine runs it
        RunResult result = reference.run(prompt, m);
        // THEN every last-position logit equals transformers' within float32 summation noise
        JsonArray expected = run.getAsJsonArray("last_logits");
        assertThat(result.firstLogits()).hasSize(expected.size());
        double worst = 0;
        for (int i = 0; i < expected.size(); i++) {
            worst = Math.max(worst, Math.abs(result.firstLogits()[i] - expected.get(i).getAsDouble()));
        }
        System.out.printf("tiny-qwen2 %s k=%d: max |logit diff| %.3g%n", kind, k, worst);
        assertThat(worst).as("%s k=%d: max |last-position logit diff| vs transformers with hooks (bound %s)", kind, k,
                ABS_TOLERANCE).isLessThanOrEqualTo(ABS_TOLERANCE);
    }

    private static int[] ints(JsonArray a) {
        return ManipulationGolden.ints(a);
    }
}
